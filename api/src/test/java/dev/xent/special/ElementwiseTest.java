package dev.xent.special;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * scipy.special's {@code entr}, {@code rel_entr} and {@code kl_div} reproduced, with the truth from
 * mpmath. Every expected value below was computed here (2026-12-02) with scipy 1.17.1 and mpmath 1.3
 * at 60 digits from the exact doubles, not copied from the code under test: scipy's grid x, y ∈
 * {0, 0.5, 1} (the grid of scipy's own {@code test_rel_entr}/{@code test_kl_div} in
 * scipy/special/tests/test_basic.py), the near-zero and overflow cases of scipy issue 20710, and a
 * few ordinary points.
 */
class ElementwiseTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    /** x, y, scipy rel_entr, true rel_entr (mpmath, rounded), scipy kl_div, true kl_div. */
    private static final double[][] CASES = {
        {0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
        {0.0, 0.5, 0.0, 0.0, 0.5, 0.5},
        {0.0, 1.0, 0.0, 0.0, 1.0, 1.0},
        {0.5, 0.0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
        {0.5, 0.5, 0.0, 0.0, 0.0, 0.0},
        {0.5, 1.0, -0.34657359027997264, -0.34657359027997264, 0.1534264097200273, 0.15342640972002736},
        {1.0, 0.0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
        {1.0, 0.5, 0.6931471805599453, 0.6931471805599453, 0.1931471805599453, 0.19314718055994531},
        {1.0, 1.0, 0.0, 0.0, 0.0, 0.0},
        {1e-300, 1e+300, -1.3815510557964273e-297, -1.3815510557964275e-297, Double.NEGATIVE_INFINITY, 1e+300},
        {1e+300, 1e-300, 1.3815510557964274e+303, 1.3815510557964274e+303, Double.POSITIVE_INFINITY, 1.3805510557964276e+303},
        {1e-320, 1e-310, -2.30254e-319, -2.30254e-319, 9.9999999759745e-311, 9.9999999759745e-311},
        {1e-310, 1e-320, 2.302586206281967e-309, 2.302586206281967e-309, 2.202586206291967e-309, 2.202586206291967e-309},
        {-1.0, 1.0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
        {1.0, -1.0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
        {0.0, -1.0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY},
        {Double.NaN, 1.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN},
        {1.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN},
        {0.5, 0.5000000009313226, -9.313225737481168e-10, -9.313225737481168e-10, 0.0, 8.673617369113454e-19},
        {1.0, 1.0000000001, -1.0000000826903709e-10, -1.000000082690371e-10, 0.0, 5.000000827070411e-21},
        {3.0, 1e-200, 1384.8468926624319, 1384.8468926624316, 1381.8468926624319, 1381.8468926624316},
        {0.2, 0.7, -0.25055259369907357, -0.25055259369907357, 0.24944740630092638, 0.24944740630092635},
        {0.7, 0.2, 0.8769340779467574, 0.8769340779467575, 0.37693407794675743, 0.37693407794675754},
        {2.0, 0.3, 3.7942399697717626, 3.7942399697717626, 2.0942399697717624, 2.094239969771763},
    };

    /** kl_div's documented accuracy: the series or the three-term form, about 8 ulps (Elementwise). */
    private static final double KL_DIV_ULPS = 8;

    private static void assertWithinAnUlpOrSame(double actual, double truth, String what) {
        assertWithinUlpsOrSame(actual, truth, 1, what);
    }

    private static void assertWithinUlpsOrSame(double actual, double truth, double ulps, String what) {
        if (Double.isNaN(truth) || Double.isInfinite(truth) || truth == 0.0) {
            assertThat(Double.valueOf(actual)).as(what).isEqualTo(Double.valueOf(truth));
        } else {
            assertThat(Math.abs(actual - truth)).as(what + " = " + actual + ", truth " + truth)
                    .isLessThanOrEqualTo(ulps * Math.ulp(truth));
        }
    }

    @Test
    void relEntrMatchesScipyBitForBitWhereScipyIsCorrectlyRoundedAndTheTruthElsewhere() {
        int same = 0;
        for (double[] c : CASES) {
            double actual = Elementwise.relEntr(c[0], c[1]);
            String what = "rel_entr(" + c[0] + ", " + c[1] + ")";
            assertWithinAnUlpOrSame(actual, c[3], what);
            if (Double.compare(c[2], c[3]) == 0) {
                assertThat(Double.valueOf(actual)).as(what + " (scipy is correctly rounded here)").isEqualTo(Double.valueOf(c[2]));
                same++;
            }
        }
        assertThat(same).isGreaterThan(CASES.length - 5);
    }

    @Test
    void klDivMatchesScipyBitForBitWhereScipyIsCorrectlyRoundedAndTheTruthElsewhere() {
        for (double[] c : CASES) {
            double actual = Elementwise.klDiv(c[0], c[1]);
            String what = "kl_div(" + c[0] + ", " + c[1] + ")";
            assertWithinUlpsOrSame(actual, c[5], KL_DIV_ULPS, what);
            if (Double.compare(c[4], c[5]) == 0) {
                assertThat(Double.valueOf(actual)).as(what + " (scipy is correctly rounded here)").isEqualTo(Double.valueOf(c[4]));
            }
            if (!Double.isNaN(actual)) {
                assertThat(actual).as(what + " is never negative").isNotNegative();
            }
        }
    }

    @Test
    void theOverflowAndUnderflowCasesOfScipyIssue20710() {
        // scipy 1.17: rel_entr(1e-300, 1e300) = -1.3815510557964273e-297 (one ulp off; mpmath
        // -1.38155105579642745e-297), kl_div(1e-300, 1e300) = -inf and kl_div(1e300, 1e-300) = inf
        // (x/y underflows or overflows before the logarithm); the true values are finite
        // (ln x − ln y, each logarithm within an ulp: here, like scipy, one ulp from the truth)
        assertWithinAnUlpOrSame(Elementwise.relEntr(1e-300, 1e300), -1.3815510557964275e-297, "rel_entr(1e-300, 1e300)");
        assertThat(Elementwise.klDiv(1e-300, 1e300)).isEqualTo(1e300);
        assertThat(Elementwise.klDiv(1e300, 1e-300)).isEqualTo(1.3805510557964276e+303);
        assertThat(Elementwise.relEntr(1e-320, 1e-310)).isEqualTo(-2.30254e-319);
    }

    @Test
    void klDivKeepsItsDigitsWhereTheWrittenFormCancels() {
        // scipy 1.17 returns 0.0 for both; mpmath: 8.673617369113454e-19 and 5.000000827070411e-21
        assertWithinUlpsOrSame(Elementwise.klDiv(0.5, 0.5 + 0x1p-30), 8.673617369113454e-19, KL_DIV_ULPS, "kl_div near 1/2");
        assertWithinUlpsOrSame(Elementwise.klDiv(1.0, 1.0000000001), 5.000000827070411e-21, KL_DIV_ULPS, "kl_div near 1");
    }

    @Test
    void entrHasScipysSpecialValues() {
        // scipy.special.entr([0, 0.5, 1, -1, nan, inf]) = [0, 0.34657359, -0 (here +0), -inf, nan, -inf]
        assertThat(Elementwise.entr(0.0)).isEqualTo(0.0);
        assertThat(Elementwise.entr(0.5)).isEqualTo(0.34657359027997264);
        assertThat(Elementwise.entr(1.0)).isEqualTo(0.0);
        assertThat(Elementwise.entr(-1.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Elementwise.entr(Double.NaN)).isNaN();
        assertThat(Elementwise.entr(INF)).isEqualTo(Double.NEGATIVE_INFINITY);
        // mpmath: -1e-300 ln 1e-300 = 6.907755278982137e-298
        assertThat(Elementwise.entr(1e-300)).isEqualTo(6.907755278982137e-298);
    }

    @Test
    void arrayFormsApplyTheScalarFunctionAndCheckTheLengths() {
        assertThat(Elementwise.entr(new double[] {0.5, 0.0})).containsExactly(0.34657359027997264, 0.0);
        assertThat(Elementwise.relEntr(new double[] {0.5, 0.5}, new double[] {1.0, 0.0}))
                .containsExactly(-0.34657359027997264, INF);
        double[] kl = Elementwise.klDiv(new double[] {0.0, 1.0}, new double[] {0.5, 0.5});
        assertThat(kl[0]).isEqualTo(0.5);
        assertWithinUlpsOrSame(kl[1], 0.19314718055994531, KL_DIV_ULPS, "kl_div(1, 0.5)");
        assertThatThrownBy(() -> Elementwise.relEntr(new double[1], new double[2]))
                .hasMessageContaining("x has 1 entries but y has 2");
    }
}

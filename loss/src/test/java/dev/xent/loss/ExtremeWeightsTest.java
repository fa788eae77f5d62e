package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.testing.FormulaMeasures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Sums and means at the extremes of doubles: weights of 10<sup>308</sup> and 1.7·10<sup>308</sup>,
 * subnormal weights, per-example losses of 10<sup>308</sup>. Every expected value is worked out by
 * hand from the definition mean = Σwℓ / Σw (when all weights are equal the mean is the plain mean
 * of the losses, whatever the weight), not taken from xent.
 */
class ExtremeWeightsTest {

    /** ln 2 rounded to a double (mpmath: 0.693147180559945309417…). */
    private static final double LN2 = 0.6931471805599453;

    /** The mean is one division of two sums kept to about 2 ulps each: a few ulps of the value. */
    private static final double ULPS = 4;

    private static final FormulaMeasures BACKEND = new FormulaMeasures();

    private static BinaryCrossEntropy probabilities() {
        return CrossEntropy.binary(Predictions.PROBABILITIES).using(BACKEND);
    }

    /** Four examples predicted 1/2 (loss ln 2 each, labels 0 and 1), each of weight w. */
    private static LossSummary halves(double w) {
        double[] y = {1, 0, 1, 0};
        double[] p = {0.5, 0.5, 0.5, 0.5};
        double[] weights = new double[4];
        Arrays.fill(weights, w);
        return probabilities().evaluate(y, p, weights);
    }

    private static void assertUlps(double actual, double expected) {
        assertThat(actual).isFinite();
        assertThat(Math.abs(actual - expected)).isLessThanOrEqualTo(ULPS * Math.ulp(expected));
    }

    @Test
    void weightsOf1e308GiveTheMeanLn2AndAWeightSumThatTrulyExceedsTheLargestDouble() {
        LossSummary s = halves(1e308);
        assertUlps(s.mean(), LN2);
        assertThat(s.interpretation()).isNotEqualTo(Interpretation.PERFECT);
        // 4e308 > Double.MAX_VALUE ≈ 1.798e308: the weight sum is honestly +∞, and said so
        assertThat(s.weightSum()).isEqualTo(Double.POSITIVE_INFINITY);
        // Σwℓ = 4e308·ln 2 ≈ 2.77e308, also beyond
        assertThat(s.sum()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.toString()).contains("weight sum Infinity (beyond the largest double)");
        assertUlps(s.classMean(0).orElseThrow(), LN2);
        assertUlps(s.classMean(1).orElseThrow(), LN2);
        assertThat(s.classWeightSum(0)).isEqualTo(Double.POSITIVE_INFINITY); // 2e308
    }

    @Test
    void twoWeightsOf1e308SumTo2e308WhichIsBeyondButOneWeightOf1e308IsKept() {
        LossSummary one = probabilities().evaluate(new double[] {1}, new double[] {0.5}, new double[] {1e308});
        assertThat(one.weightSum()).isEqualTo(1e308);
        assertUlps(one.sum(), 1e308 * LN2); // 6.93e307, representable; w·ℓ rounded once
        assertUlps(one.mean(), LN2);
    }

    @Test
    void weightsOf1point7e308WhoseProductsWithTheLossOverflowGiveTheMeanNotNaN() {
        // p = 0.1 for label 1: ℓ = ln 10 = 2.302585092994046 (mpmath), w·ℓ ≈ 3.9e308 overflows
        double[] y = {1, 1};
        double[] p = {0.1, 0.1};
        LossSummary s = probabilities().evaluate(y, p, new double[] {1.7e308, 1.7e308});
        assertUlps(s.mean(), -Math.log(0.1));
        assertThat(s.mean()).isCloseTo(2.302585092994046, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(s.sum()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.weightSum()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.toString()).doesNotContain("NaN");
    }

    @Test
    void subnormalWeightsKeepTheirDigits() {
        // 5e-324 is the smallest double, 2^-1074; w·ln 2 would round to 2^-1074 again
        LossSummary s = halves(Double.MIN_VALUE);
        assertUlps(s.mean(), LN2);
        assertThat(s.weightSum()).isEqualTo(4 * Double.MIN_VALUE); // exact: 2^-1072
        LossSummary mixed = probabilities().evaluate(new double[] {1, 1}, new double[] {0.5, 0.1},
                new double[] {Double.MIN_VALUE, 3 * Double.MIN_VALUE});
        // (1·ln 2 + 3·ln 10) / 4 = 1.9002256148855206 (mpmath, 40 digits: 1.90022561488552059…)
        assertThat(mixed.mean()).isCloseTo(1.9002256148855206, org.assertj.core.api.Assertions.within(1e-15));
    }

    @Test
    void twoLossesOf1e308HaveTheMean1e308ThoughTheirSumExceedsTheLargestDouble() {
        BinaryCrossEntropy logits = CrossEntropy.binary(Predictions.LOGITS).using(BACKEND);
        // label 1, logit −1e308: ℓ = softplus(1e308) = 1e308 exactly
        LossSummary s = logits.evaluate(new double[] {1, 1}, new double[] {-1e308, -1e308});
        assertThat(s.mean()).isEqualTo(1e308);
        assertThat(s.sum()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.weightSum()).isEqualTo(2.0);
        assertThat(s.classMean(1).orElseThrow()).isEqualTo(1e308);
        // three of them and one of loss 0 (logit +1e308): 3e308 / 4 = 7.5e307
        LossSummary t = logits.evaluate(new double[] {1, 1, 1, 1}, new double[] {-1e308, -1e308, -1e308, 1e308});
        assertUlps(t.mean(), 7.5e307);
    }

    @Test
    void theLargestLossesAveragedStayTheLargestDoubleNotInfinity() {
        BinaryCrossEntropy logits = CrossEntropy.binary(Predictions.LOGITS).using(BACKEND);
        double m = Double.MAX_VALUE;
        LossSummary s = logits.evaluate(new double[] {1, 1, 1}, new double[] {-m, -m, -m},
                new double[] {0.3, 1e308, 7e-310});
        // the exact mean is m; one rounding of each product and of the division may leave it an
        // ulp below, never above (+∞)
        assertUlps(s.mean(), m);
    }

    @Test
    void aClassWeightTimesASampleWeightBeyondTheLargestDoubleIsStillSummed() {
        BinaryCrossEntropy weighted = probabilities().withClassWeights(1e10, 1e10);
        LossSummary s = weighted.evaluate(new double[] {1, 0}, new double[] {0.5, 0.5}, new double[] {1e300, 1e300});
        assertUlps(s.mean(), LN2);
        assertThat(s.weightSum()).isEqualTo(Double.POSITIVE_INFINITY); // 2e310
        BinaryCrossEntropy tiny = probabilities().withClassWeights(1e-200, 1e-200);
        LossSummary u = tiny.evaluate(new double[] {1, 0}, new double[] {0.5, 0.1}, new double[] {1e-200, 1e-200});
        // (ln 2 + ln(10/9)) / 2; mpmath: 0.39925384810888580…
        assertThat(u.mean()).isCloseTo(0.3992538481088858, org.assertj.core.api.Assertions.within(1e-15));
    }

    @Test
    void mergingAccumulatorsOfHugeAndTinyWeightsAgreesWithOneAccumulator() {
        BinaryCrossEntropy loss = probabilities();
        double[] w = {1e308, 5e-324, 1.7e308, 1e-300, 1.0, 1e308};
        double[] p = {0.5, 0.1, 0.9, 0.5, 0.3, 0.2};
        BinaryAccumulator whole = loss.accumulator();
        BinaryAccumulator a = loss.accumulator();
        BinaryAccumulator b = loss.accumulator();
        for (int i = 0; i < w.length; i++) {
            whole.add(1, p[i], w[i]);
            (i % 2 == 0 ? a : b).add(1, p[i], w[i]);
        }
        double merged = b.merge(a).summary().mean();
        // by hand: the huge weights dominate: (1e308·ln 2 + 1.7e308·ln(1/0.9) + 1e308·ln 5) / 3.7e308
        double expected = (1.0 * LN2 + 1.7 * -Math.log(0.9) + 1.0 * Math.log(5)) / 3.7;
        assertThat(merged).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(Math.abs(merged - whole.summary().mean()))
                .isLessThanOrEqualTo(LossAccumulator.MERGE_RELATIVE_TOLERANCE * expected);
    }

    @Test
    void aZeroWeightSumIsStillAnErrorAndAnInfiniteLossOfPositiveWeightStillMakesTheMeanInfinite() {
        BinaryAccumulator acc = probabilities().accumulator();
        acc.add(1, 0.0, Double.MIN_VALUE); // ℓ = +∞ with the smallest positive weight
        acc.add(1, 0.5, 1e308);
        LossSummary s = acc.summary();
        assertThat(s.mean()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.sum()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.toString()).contains("sum Infinity,");
    }

    @Test
    void aWeightSumBelowTheSmallestDoubleIsReportedAs0ButTheMeanIsStillRight() {
        // found by LossFuzzTest: sample weight 1e-300 × class weight 1e-300 = 1e-600 per example
        BinaryCrossEntropy tiny = probabilities().withClassWeights(1e-300, 1e-300);
        LossSummary s = tiny.evaluate(new double[] {1, 1}, new double[] {0.5, 0.5},
                new double[] {1e-300, 1e-300});
        assertThat(s.weightSum()).isZero(); // 2e-600 rounds to 0
        assertUlps(s.mean(), LN2);
        assertUlps(s.classMean(1).orElseThrow(), LN2);
    }
}

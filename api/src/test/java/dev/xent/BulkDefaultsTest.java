package dev.xent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.testing.FormulaMeasures;
import org.junit.jupiter.api.Test;

/**
 * The interface's default bulk operations (the loss layer's batches) on known values: mpmath at
 * 50 digits from the stored doubles, and what the kit's {@code BulkChecks} asserts for every
 * backend (there, against StrictMath on random batches).
 */
class BulkDefaultsTest {

    private static final InformationMeasures B = new FormulaMeasures();

    /** A few ulps of the values below (all under 3). */
    private static final double TIGHT = 4 * Math.ulp(2.0);

    @Test
    void informationOverARangeWritesOnlyThatRangeAndReturnsItsSum() {
        double[] p = {0.5, 0.25, 1.0, 0.1, 0.9};
        double[] out = {-1, -1, -1, -1, -1};
        // mpmath: −ln 0.25 − ln 1 − ln 0.1 = 1.3862943611198906 + 0 + 2.3025850929940457
        double sum = B.informationNats(p, 1, 4, out);
        assertThat(sum).isCloseTo(3.6888794541139363, within(TIGHT));
        assertThat(out).containsExactly(new double[] {-1, 1.3862943611198906, 0.0, 2.3025850929940457, -1},
                within(TIGHT));
        assertThat(Double.compare(out[2], 0.0)).as("−ln 1 is +0").isZero();
        assertThat(B.informationNats(p, 2, 2, out)).isZero();
        assertThat(B.informationNats(new double[] {0.5, 0.0}, 0, 2, out)).isEqualTo(Double.POSITIVE_INFINITY);
        for (double bad : new double[] {Double.NaN, -0.5, 1.5}) {
            assertThat(B.informationNats(new double[] {0.5, bad, 0.5}, 0, 3, out)).as("p = %s", bad).isNaN();
        }
        // the in-place form: out may be p itself
        double[] q = {Math.exp(-3.0)};
        B.informationNats(q, 0, 1, q);
        assertThat(q[0]).isCloseTo(3.0, within(TIGHT));
        assertThatThrownBy(() -> B.informationNats(p, 2, 6, out)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> B.informationNats(p, 0, 5, new double[4]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void bernoulliInformationIsTheObservedOutcomesInformationWithSumsByOutcome() {
        double[] y = {1, 0, 0, 1, 0, -0.0};
        double[] p = {0.8, 0.2, 0.9, 1.0, 1e-10, 0.0};
        double[] out = new double[6];
        double[] sums = new double[2];
        assertThat(B.bernoulliInformationNats(y, p, 0, 6, out, sums)).isEqualTo(2);
        // mpmath: −ln 0.8, −ln(1 − 0.2), −ln(1 − 0.9), −ln 1, −ln(1 − 1e-10), −ln(1 − 0)
        assertThat(out).containsExactly(new double[] {0.2231435513142097, 0.2231435513142098,
            2.302585092994045, 0.0, 1.00000000005e-10, 0.0}, within(TIGHT));
        assertThat(out[4]).isCloseTo(1.00000000005000000364e-10, within(Math.ulp(1e-10)));
        assertThat(sums[1]).isCloseTo(0.2231435513142097, within(TIGHT));
        assertThat(sums[0]).isCloseTo(0.2231435513142098 + 2.302585092994045 + 1.00000000005e-10, within(TIGHT));
        assertThat(Double.compare(out[5], 0.0)).as("a certain outcome costs +0").isZero();
        // impossible outcomes are +∞ and make their own outcome's sum +∞
        B.bernoulliInformationNats(new double[] {1, 0}, new double[] {0.0, 0.5}, 0, 2, out, sums);
        assertThat(sums[1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(sums[0]).isCloseTo(0.6931471805599453, within(TIGHT));
        B.bernoulliInformationNats(new double[] {0}, new double[] {1.0}, 0, 1, out, sums);
        assertThat(sums[0]).isEqualTo(Double.POSITIVE_INFINITY);
        // bad input: −1, wherever it is
        for (double[] bad : new double[][] {{0.5, 0.5}, {2, 0.5}, {Double.NaN, 0.5}, {1, Double.NaN}, {0, -0.1},
            {1, 1.1}}) {
            assertThat(B.bernoulliInformationNats(new double[] {1, bad[0]}, new double[] {0.5, bad[1]}, 0, 2, out,
                    sums)).as("y = %s, p = %s", bad[0], bad[1]).isEqualTo(-1);
        }
        assertThat(B.bernoulliInformationNats(y, p, 3, 3, out, sums)).isZero();
        assertThat(sums).containsExactly(0.0, 0.0);
        assertThatThrownBy(() -> B.bernoulliInformationNats(y, p, 0, 6, out, new double[1]))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> B.bernoulliInformationNats(y, new double[5], 0, 6, out, sums))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> B.bernoulliInformationNats(new double[5], p, 0, 6, out, sums))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> B.bernoulliInformationNats(y, p, 0, 6, new double[5], sums))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void bernoulliLogitInformationIsSoftplusByOutcome() {
        double[] y = {1, 0, 1, 0, 1};
        double[] z = {-3.0, 3.0, 40.0, 1e300, 0.0};
        double[] out = new double[5];
        double[] sums = new double[2];
        assertThat(B.bernoulliLogitInformationNats(y, z, 0, 5, out, sums)).isEqualTo(3);
        // mpmath: softplus(3), softplus(3), softplus(−40), softplus(1e300) = 1e300, softplus(0) = ln 2
        assertThat(out[0]).isCloseTo(3.048587351573742, within(TIGHT));
        assertThat(out[1]).isCloseTo(3.048587351573742, within(TIGHT));
        assertThat(out[2]).isCloseTo(4.248354255291589e-18, within(2 * Math.ulp(4.2e-18)));
        assertThat(out[3]).isEqualTo(1e300);
        assertThat(out[4]).isCloseTo(0.6931471805599453, within(TIGHT));
        assertThat(sums[1]).isCloseTo(3.048587351573742 + 0.6931471805599453, within(TIGHT));
        assertThat(sums[0]).isEqualTo(1e300);
        assertThat(B.bernoulliLogitInformationNats(new double[] {0, 0}, new double[] {Double.MAX_VALUE,
            Double.MAX_VALUE}, 0, 2, out, sums)).isZero();
        assertThat(sums[0]).isEqualTo(Double.POSITIVE_INFINITY);
        for (double[] bad : new double[][] {{0.5, 1}, {-1, 1}, {Double.NaN, 1}, {1, Double.NaN},
            {0, Double.POSITIVE_INFINITY}, {1, Double.NEGATIVE_INFINITY}}) {
            assertThat(B.bernoulliLogitInformationNats(new double[] {0, bad[0]}, new double[] {1, bad[1]}, 0, 2, out,
                    sums)).as("y = %s, z = %s", bad[0], bad[1]).isEqualTo(-1);
        }
        assertThatThrownBy(() -> B.bernoulliLogitInformationNats(y, z, 0, 5, out, new double[1]))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> B.bernoulliLogitInformationNats(y, z, 1, 6, out, sums))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> B.bernoulliLogitInformationNats(y, new double[4], 0, 5, out, sums))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> B.bernoulliLogitInformationNats(y, z, 0, 5, new double[4], sums))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}

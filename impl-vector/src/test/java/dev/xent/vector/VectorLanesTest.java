package dev.xent.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * What the contract's short examples cannot reach: entries in the vector lanes (not only the scalar
 * tail), masks, the fallback for quotients that are not normal doubles, and the accuracy of long sums.
 */
class VectorLanesTest {

    private final VectorMeasures vector = new VectorMeasures();

    /** Lanes per vector on this machine (8 with AVX-512): arrays below use several of them and a tail. */
    private static final int LANES = DoubleVector.SPECIES_PREFERRED.length();

    /**
     * The reference in these tests: each term with {@link StrictMath#log} (fdlibm, under 1 ulp) and
     * all terms added in double-double arithmetic — a second method that shares no code with the
     * backend. Its own error is about 1 ulp of the result; the backend promises about 2; 8 ulps
     * leaves room for both and still fails any plain-summation error on 10^5 terms.
     */
    private static final int ULPS = 8;

    private static double[] randomDistribution(SplittableRandom random, int n, double zeroShare) {
        double[] p = new double[n];
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            p[i] = random.nextDouble() < zeroShare ? 0.0 : random.nextDouble();
            sum += p[i];
        }
        if (sum == 0.0) {
            p[0] = 1.0;
            sum = 1.0;
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Σ terms in double-double: (hi, lo) with TwoSum, the products split with Math.fma. */
    private static double doubleDoubleSum(double[] factorsA, double[] factorsB) {
        double hi = 0.0;
        double lo = 0.0;
        for (int i = 0; i < factorsA.length; i++) {
            double x = factorsA[i] * factorsB[i];
            double xErr = Math.fma(factorsA[i], factorsB[i], -x);
            double s = hi + x;
            double bb = s - hi;
            double err = (hi - (s - bb)) + (x - bb);
            hi = s;
            lo += err + xErr;
        }
        return hi + lo;
    }

    private static double referenceCrossEntropy(double[] p, double[] q) {
        double[] logs = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            logs[i] = p[i] > 0.0 ? -StrictMath.log(q[i]) : 0.0;
        }
        return doubleDoubleSum(p, logs);
    }

    private static void assertWithinUlps(double actual, double expected, String what) {
        assertThat(Math.abs(actual - expected)).as("%s: %s vs reference %s", what, actual, expected)
                .isLessThanOrEqualTo(ULPS * Math.ulp(expected));
    }

    @Test
    void entropyAndCrossEntropyAgreeWithADoubleDoubleReferenceForEveryLengthAndZeroPattern() {
        SplittableRandom random = new SplittableRandom(20261124L);
        for (int n = 1; n <= 4 * LANES + 3; n++) {
            for (double zeros : new double[] {0.0, 0.3, 0.9}) {
                double[] p = randomDistribution(random, n, zeros);
                double[] q = randomDistribution(random, n, 0.0);
                assertWithinUlps(vector.entropyNats(p), referenceCrossEntropy(p, p), "H(P), n = " + n);
                assertWithinUlps(vector.crossEntropyNats(p, q), referenceCrossEntropy(p, q), "H(P,Q), n = " + n);
            }
        }
    }

    @Test
    void longSumsStayWithinAFewUlps() {
        SplittableRandom random = new SplittableRandom(7L);
        double[] p = randomDistribution(random, 100_003, 0.1);
        double[] q = randomDistribution(random, 100_003, 0.0);
        assertWithinUlps(vector.entropyNats(p), referenceCrossEntropy(p, p), "H(P), n = 100003");
        assertWithinUlps(vector.crossEntropyNats(p, q), referenceCrossEntropy(p, q), "H(P,Q), n = 100003");
        // H(P,Q) = H(P) + KL(P‖Q): the three are computed independently here
        double sum = vector.entropyNats(p) + vector.klDivergenceNats(p, q);
        assertThat(vector.crossEntropyNats(p, q)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-13));
    }

    @Test
    void inputsShorterThanAVectorFollowEveryConvention() {
        // a binary loss's two entries take the scalar path: same conventions, same accuracy
        double[] half = {0.5, 0.5};
        double[] quarter = {0.25, 0.75};
        // mpmath: ½ln 2 + ½ln(2/3) and −(½ln ¼ + ½ln ¾)
        assertWithinUlps(vector.klDivergenceNats(half, quarter), 0.14384103622589046372, "KL, n = 2");
        assertWithinUlps(vector.crossEntropyNats(half, quarter), 0.83698821678583577314, "H(P,Q), n = 2");
        assertWithinUlps(vector.entropyNats(half), Math.log(2), "H(P), n = 2");
        assertThat(vector.crossEntropyNats(half, new double[] {1.0, 0.0})).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(vector.klDivergenceNats(half, new double[] {1.0, 0.0})).isEqualTo(Double.POSITIVE_INFINITY);
        double[] certain = {1.0, 0.0};
        assertThat(vector.entropyNats(certain)).isEqualTo(0.0);
        assertThat(vector.crossEntropyNats(certain, certain)).isEqualTo(0.0);
        assertThat(vector.klDivergenceNats(certain, certain)).isEqualTo(0.0);
    }

    @Test
    void oneHotLabelsInEveryLaneHaveExactlyZeroEntropy() {
        int n = 2 * LANES + 3;
        for (int k = 0; k < n; k++) {
            double[] label = new double[n];
            label[k] = 1.0;
            assertThat(vector.entropyNats(label)).as("one-hot at %d of %d", k, n).isEqualTo(0.0);
            assertThat(vector.crossEntropyNats(label, label)).isEqualTo(0.0);
            assertThat(vector.klDivergenceNats(label, label)).isEqualTo(0.0);
        }
    }

    @Test
    void aZeroOfQUnderMassOfPInAnyLaneIsInfiniteAndAZeroUnderNoMassCostsNothing() {
        int n = 2 * LANES + 3;
        for (int k = 0; k < n; k++) {
            double[] p = new double[n];
            double[] q = new double[n];
            Arrays.fill(p, 1.0 / n);
            Arrays.fill(q, 1.0 / n);
            q[k] = 0.0;
            assertThat(vector.crossEntropyNats(p, q)).as("q = 0 at %d", k).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(vector.klDivergenceNats(p, q)).as("q = 0 at %d", k).isEqualTo(Double.POSITIVE_INFINITY);
            // p = 0 and q = 0 at k: 0·ln 0 = 0 for that event; the others give ln n each, weighted 1/n
            p[k] = 0.0;
            double expected = (n - 1) * (1.0 / n) * Math.log(n);
            assertThat(vector.crossEntropyNats(p, q)).as("p = q = 0 at %d", k)
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-14));
            assertThat(vector.klDivergenceNats(p, q)).isEqualTo(0.0);
        }
    }

    @Test
    void divergenceOfNearlyEqualDistributionsKeepsItsDigits() {
        // p_i = 0.05 and q_i = 0.05 ± 2^-30 alternately (20 events, both exact doubles summing to 1):
        // KL = 1.7347234759768073e-16, computed with mpmath at 300 bits from these exact doubles
        // (it is also Σ p(δ/p)²/2 = 2^-60/0.05 to 12 digits). ln p − ln q in doubles gives 4.44e-16.
        double e = 0x1p-30;
        double[] p = new double[20];
        double[] q = new double[20];
        for (int i = 0; i < 20; i++) {
            p[i] = 0.05;
            q[i] = i % 2 == 0 ? 0.05 + e : 0.05 - e;
        }
        double expected = 1.7347234759768073e-16;
        // The terms are ±p·δ ≈ ±9.3e-10 and cancel down to 1.7e-16: no double algorithm can promise
        // ulps of the result, only ulps of Σ|terms| = 20·2^-30 ≈ 1.86e-8 (each log-ratio within about
        // 1 ulp). 4 ulps of that is 1.3e-23, a relative 1e-7 here, while ln p − ln q is off by 160 %.
        double sumOfMagnitudes = 20 * e;
        assertThat(vector.klDivergenceNats(p, q))
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(4 * Math.ulp(sumOfMagnitudes)));
    }

    @Test
    void quotientsThatOverflowInALaneFallBackToTheCarefulLoop() {
        // 16 events of p = 1/16; q uniform except q_3 = 4.9e-324 (Double.MIN_VALUE) and q_4 = 1/8.
        // mpmath at 300 bits from these doubles: KL = 46.310896001161346, H(P,Q) = 49.08348472340113.
        double[] p = new double[16];
        double[] q = new double[16];
        Arrays.fill(p, 0.0625);
        Arrays.fill(q, 0.0625);
        q[3] = Double.MIN_VALUE;
        q[4] = 0.125;
        assertThat(vector.klDivergenceNats(p, q)).isCloseTo(46.310896001161346, org.assertj.core.data.Offset.offset(4 * Math.ulp(46.3)));
        assertThat(vector.crossEntropyNats(p, q)).isCloseTo(49.08348472340113, org.assertj.core.data.Offset.offset(4 * Math.ulp(49.0)));
    }

    @Test
    void quotientsThatUnderflowInALaneStillGiveTheRightDivergence() {
        // p_5 = 1e-310 (subnormal) against q_5 = 1/16: p/q ≈ 1.6e-309 is below the normal range, so
        // ln ρ + (p − ρq)/p cannot be trusted there. p_6 = 1/8, all other p_i = q_i = 1/16, so
        // KL = (1/8)·ln 2 + 1e-310·ln(1.6e-309) = (1/8)·ln 2 − 7.1e-307 = (1/8)·ln 2 in doubles.
        double[] p = new double[16];
        double[] q = new double[16];
        Arrays.fill(p, 0.0625);
        Arrays.fill(q, 0.0625);
        p[5] = 1e-310;
        p[6] = 0.125;
        double expected = 0.125 * Math.log(2.0);
        assertThat(vector.klDivergenceNats(p, q)).isCloseTo(expected, org.assertj.core.data.Offset.offset(2 * Math.ulp(expected)));
    }

    @Test
    void divergenceAgreesWithCrossEntropyMinusEntropyOnRandomData() {
        SplittableRandom random = new SplittableRandom(99L);
        for (int n = 1; n <= 4 * LANES + 3; n++) {
            double[] p = randomDistribution(random, n, 0.2);
            double[] q = randomDistribution(random, n, 0.0);
            double difference = referenceCrossEntropy(p, q) - referenceCrossEntropy(p, p);
            // the difference of two references each within ~1 ulp of a value below 2·ln(n)+…: 1e-14 absolute
            assertThat(vector.klDivergenceNats(p, q)).as("KL, n = %d", n)
                    .isCloseTo(Math.max(0.0, difference), org.assertj.core.data.Offset.offset(1e-14));
        }
    }
}

package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xent.testing.FormulaMeasures;
import org.junit.jupiter.api.Test;

/**
 * {@link ScaledSum} and {@link Tally} below the public API: the compensation where it decides the
 * last bits, merging of compensations, counts, clips and infinite losses across merges, and the
 * per-example values of the slow path. Every expected value is exact binary arithmetic, by hand.
 */
class ScaledSumTest {

    private static final double LN2 = 0.6931471805599453;

    @Test
    void theCompensationKeepsTheBitsAPlainSumLoses() {
        // 1 + 4·2^-53: each 2^-53 alone rounds away (ties to even), together they are 2^-51
        ScaledSum s = new ScaledSum();
        s.addProduct(1.0, 1.0);
        for (int i = 0; i < 4; i++) {
            s.addProduct(0x1p-53, 1.0);
        }
        assertThat(s.value()).isEqualTo(1 + 0x1p-51);
        ScaledSum one = new ScaledSum();
        one.addProduct(1.0, 1.0);
        assertThat(s.ratio(one)).isEqualTo(1 + 0x1p-51);
        assertThat(one.ratio(s)).isEqualTo(1 / (1 + 0x1p-51));
    }

    @Test
    void mergingAddsTheOthersCompensationToo() {
        ScaledSum a = new ScaledSum();
        ScaledSum b = new ScaledSum();
        for (ScaledSum s : new ScaledSum[] {a, b}) {
            s.addProduct(1.0, 1.0);
            for (int i = 0; i < 4; i++) {
                s.addProduct(0x1p-53, 1.0);
            }
        }
        a.add(b);
        assertThat(a.value()).isEqualTo(2 + 0x1p-50);
    }

    @Test
    void theCompensationSurvivesAScaledExponent() {
        // the same pattern at 2^1000: 2^1000·(1 + 2^-51), kept with e ≠ 0
        ScaledSum s = new ScaledSum();
        s.addProduct(0x1p1000, 1.0);
        for (int i = 0; i < 4; i++) {
            s.addProduct(0x1p947, 1.0);
        }
        assertThat(s.value()).isEqualTo(0x1p1000 * (1 + 0x1p-51));
        ScaledSum big = new ScaledSum();
        big.addProduct(0x1p1000, 1.0);
        assertThat(s.ratio(big)).isEqualTo(1 + 0x1p-51);
    }

    @Test
    void sumsBeyondTheLargestDoubleAndBelowTheSmallestAreKept() {
        ScaledSum huge = new ScaledSum();
        huge.addProduct(Double.MAX_VALUE, 4.0); // 2^1026 (almost): beyond
        assertThat(huge.value()).isEqualTo(Double.POSITIVE_INFINITY);
        ScaledSum quarter = new ScaledSum();
        quarter.addProduct(Double.MAX_VALUE, 1.0);
        assertThat(huge.ratio(quarter)).isEqualTo(4.0);
        ScaledSum tiny = new ScaledSum();
        tiny.addProduct(Double.MIN_VALUE, Double.MIN_VALUE, 3.0); // 3·2^-2148
        ScaledSum tinier = new ScaledSum();
        tinier.addProduct(Double.MIN_VALUE, Double.MIN_VALUE);
        assertThat(tiny.value()).isZero();
        assertThat(tiny.isZero()).isFalse();
        assertThat(tiny.ratio(tinier)).isEqualTo(3.0);
        assertThat(new ScaledSum().isZero()).isTrue();
        assertThat(new ScaledSum().ratio(tinier)).isZero();
    }

    @Test
    void exponentsOfNormalAndSubnormalDoubles() {
        assertThat(ScaledSum.exponent(1.0)).isEqualTo(0);
        assertThat(ScaledSum.exponent(Double.MIN_NORMAL)).isEqualTo(-1022);
        assertThat(ScaledSum.exponent(Double.MIN_NORMAL / 2)).isEqualTo(-1023);
        assertThat(ScaledSum.exponent(Double.MIN_VALUE)).isEqualTo(-1074);
        assertThat(ScaledSum.exponent(3 * Double.MIN_VALUE)).isEqualTo(-1073);
        assertThat(ScaledSum.exponent(Double.MAX_VALUE)).isEqualTo(1023);
    }

    private static BinaryCrossEntropy binary() {
        return CrossEntropy.binary(Predictions.PROBABILITIES).using(new FormulaMeasures());
    }

    @Test
    void mergingAddsCountsClipsAndInfiniteLossesPerClass() {
        BinaryCrossEntropy keras = binary().withClipping(Clipping.KERAS);
        BinaryAccumulator a = keras.accumulator();
        BinaryAccumulator b = keras.accumulator();
        a.add(1, 0.0); // clipped to 1e-7
        a.add(0, 0.5);
        b.add(1, 0.0);
        b.add(1, 0.5);
        LossSummary s = a.merge(b).summary();
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.clipCount()).isEqualTo(2);
        assertThat(s.classCount(0)).isEqualTo(1);
        assertThat(s.classCount(1)).isEqualTo(3);
        assertThat(s.classMean(0).orElseThrow()).isEqualTo(LN2);

        BinaryAccumulator c = binary().accumulator();
        BinaryAccumulator d = binary().accumulator();
        c.add(1, 0.0); // ℓ = +∞, weight 1: the fast path
        d.add(0, 0.5);
        LossSummary t = d.merge(c).summary();
        assertThat(t.mean()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(t.classMean(1).orElseThrow()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(t.classMean(0).orElseThrow()).isEqualTo(LN2);
        assertThat(t.sum()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(t.weightSum()).isEqualTo(2.0);
    }

    @Test
    void anInfiniteLossOfSubnormalWeightIsInfiniteForItsClassOnly() {
        BinaryAccumulator acc = binary().accumulator();
        acc.add(1, 0.0, Double.MIN_VALUE); // the slow path
        acc.add(0, 0.5, 1.0);
        LossSummary s = acc.summary();
        assertThat(s.classMean(1).orElseThrow()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.classMean(0).orElseThrow()).isEqualTo(LN2);
        assertThat(s.classWeightSum(1)).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void perExampleValuesOfTheSlowPathAreTheRoundedProducts() {
        // w = 2^-1074, ℓ = ln 10 ≈ 2.3026: w·ℓ rounds to 2·2^-1074 (the nearest multiple)
        LossSummary s = binary().evaluate(new double[] {1}, new double[] {0.1},
                new double[] {Double.MIN_VALUE});
        assertThat(s.perExample().orElseThrow()).containsExactly(2 * Double.MIN_VALUE);
        assertThat(s.clipCount()).isZero();
    }

    @Test
    void perExampleValuesGrowBeyondTheirFirstArray() {
        double[] y = new double[40];
        double[] p = new double[40];
        java.util.Arrays.fill(p, 0.5);
        for (int i = 0; i < 40; i += 2) {
            y[i] = 1;
        }
        double[] values = binary().evaluate(y, p).perExample().orElseThrow();
        assertThat(values).hasSize(40).containsOnly(LN2);
    }
}

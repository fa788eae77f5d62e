package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.xent.testing.FormulaMeasures;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The weighted mean Σwℓ / Σw over the whole range of doubles, against an exact reference: weights
 * from 10<sup>−320</sup> (subnormal) to 10<sup>308</sup>, losses from 0 to 10<sup>308</sup> (binary
 * logits of either sign and any magnitude, so ℓ = softplus(±x)). The reference takes the losses the
 * accumulator returned and sums w·ℓ and w in {@link BigDecimal}, exactly, then divides with 40
 * digits: it checks the summation and the division, independently of how each loss is computed.
 */
class ExtremeSumProperties {

    private static final long SEED = 20261202L;

    /**
     * Examples per property: 1000 by default; fewer under mutation testing, where every mutant
     * re-runs these (the loss module's pom passes {@code -Dxent.extremes.examples=100} to PIT).
     */
    private static final int EXAMPLES = Integer.getInteger("xent.extremes.examples", 1000);
    private static final MathContext DIGITS = new MathContext(40);

    /**
     * Two compensated sums of non-negative terms (about 2 ulps each), one rounding of each
     * product w·ℓ (1/2 ulp), one division and the rounding to a double: 8 ulps leaves a margin.
     * Subnormal means are measured in ulps of the smallest normal double's neighbourhood,
     * {@link Math#ulp(double)} of the value, which is 2^-1074 there.
     */
    private static final double ULPS = 8;

    private static final BinaryCrossEntropy LOSS =
            CrossEntropy.binary(Predictions.LOGITS).using(new FormulaMeasures());

    /** One example: a label, a logit, a weight. */
    record Example(int label, double logit, double weight) {
        @Override
        public String toString() {
            return "(" + label + ", " + logit + ", w " + weight + ")";
        }
    }

    /** A double of uniformly random binary exponent in [lo, hi] and random significand. */
    static Gen<Double> logUniform(int lo, int hi) {
        return integers().between(lo, hi).zip(doubles().between(1.0, 2.0),
                (k, m) -> Math.scalb(m, k));
    }

    /** Weights from 2^-1063 ≈ 1e-320 to 2^1023 (≤ 1.8e308), with 0, 1 and 1e308 mixed in. */
    static Gen<Double> weights() {
        return logUniform(-1063, 1022).mix(integers().between(0, 2)
                .map(i -> new double[] {0.0, 1.0, 1e308}[i]), 15);
    }

    /** Logits of either sign from 2^-60 to 2^1023, so losses from 0 to about 1e308. */
    static Gen<Double> logits() {
        return logUniform(-60, 1022).zip(integers().between(0, 1), (x, s) -> s == 0 ? x : -x);
    }

    static Gen<Example> examples() {
        return integers().between(0, 1).zip(logits(), weights(), Example::new);
    }

    static Gen<List<Example>> datasets() {
        return lists().of(examples()).ofSizeBetween(1, 12);
    }

    /** Adds the examples, returns the exact mean of the losses it reported (null when Σw = 0). */
    private static BigDecimal addAndReference(BinaryAccumulator acc, List<Example> data, int scale) {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Example e : data) {
            double w = Math.scalb(e.weight(), scale);
            double l = acc.add(e.label(), e.logit(), w);
            sum = sum.add(new BigDecimal(w).multiply(new BigDecimal(l)));
            weights = weights.add(new BigDecimal(w));
        }
        return weights.signum() == 0 ? null : sum.divide(weights, DIGITS);
    }

    private static void assertWithinUlps(double actual, BigDecimal exact) {
        double expected = exact.doubleValue();
        assertThat(actual).isFinite();
        assertThat(new BigDecimal(actual).subtract(exact).abs())
                .isLessThanOrEqualTo(new BigDecimal(ULPS * Math.ulp(expected)));
    }

    /**
     * {@link LossAccumulator#MERGE_RELATIVE_TOLERANCE} of the mean; for a subnormal mean (losses
     * of 1e-320 exist: softplus(−736)) precision is absolute there, 2 units of 2^-1074.
     */
    private static double mergeTolerance(double mean) {
        return Math.max(LossAccumulator.MERGE_RELATIVE_TOLERANCE * mean, 2 * Double.MIN_VALUE);
    }

    @Test
    void theWeightedMeanIsTheExactMeanWithinAFewUlpsAcrossTheWholeRange() {
        qt().withFixedSeed(SEED).withExamples(2 * EXAMPLES).forAll(datasets()).checkAssert(data -> {
            BinaryAccumulator acc = LOSS.accumulator();
            BigDecimal exact = addAndReference(acc, data, 0);
            if (exact == null) {
                return; // every weight 0: the summary is an error, checked elsewhere
            }
            LossSummary s = acc.summary();
            assertWithinUlps(s.mean(), exact);
            // and the weight sum is +∞ only when it truly exceeds the largest double
            BigDecimal w = BigDecimal.ZERO;
            for (Example e : data) {
                w = w.add(new BigDecimal(e.weight()));
            }
            BigDecimal max = new BigDecimal(Double.MAX_VALUE);
            BigDecimal ulp = new BigDecimal(Math.ulp(Double.MAX_VALUE));
            if (w.compareTo(max.subtract(ulp.multiply(BigDecimal.valueOf(4)))) <= 0) {
                assertThat(s.weightSum()).isFinite();
            }
            if (w.compareTo(max.add(ulp)) >= 0) {
                assertThat(s.weightSum()).isInfinite();
            }
        });
    }

    @Test
    void scalingEveryWeightByAPowerOfTwoLeavesTheMeanUnchanged() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(lists().of(integers().between(0, 1).zip(logits(),
                        logUniform(-500, 200), Example::new)).ofSizeBetween(1, 10),
                        integers().between(-520, 800))
                .checkAssert((data, k) -> {
                    // weights 2^-500…2^201 scaled by 2^k stay within 2^-1020…2^1001: exact
                    BinaryAccumulator plain = LOSS.accumulator();
                    BinaryAccumulator scaled = LOSS.accumulator();
                    addAndReference(plain, data, 0);
                    addAndReference(scaled, data, k);
                    double a = plain.summary().mean();
                    double b = scaled.summary().mean();
                    assertThat(Math.abs(a - b)).isLessThanOrEqualTo(mergeTolerance(a));
                });
    }

    @Test
    void anySplitMergedInAnyOrderAgreesWithOneAccumulator() {
        qt().withFixedSeed(SEED).withExamples(EXAMPLES)
                .forAll(datasets(), integers().between(1, 4), integers().between(0, 1000))
                .checkAssert((data, parts, salt) -> {
                    BinaryAccumulator whole = LOSS.accumulator();
                    BigDecimal exact = addAndReference(whole, data, 0);
                    if (exact == null) {
                        return;
                    }
                    BinaryAccumulator[] acc = new BinaryAccumulator[parts];
                    for (int i = 0; i < parts; i++) {
                        acc[i] = LOSS.accumulator();
                    }
                    for (int i = 0; i < data.size(); i++) {
                        Example e = data.get(i);
                        acc[(i * 7 + salt) % parts].add(e.label(), e.logit(), e.weight());
                    }
                    BinaryAccumulator merged = acc[salt % parts];
                    for (int i = 0; i < parts; i++) {
                        if (i != salt % parts) {
                            merged.merge(acc[i]);
                        }
                    }
                    double a = whole.summary().mean();
                    double b = merged.summary().mean();
                    assertThat(merged.count()).isEqualTo(whole.count());
                    assertThat(Math.abs(a - b)).isLessThanOrEqualTo(mergeTolerance(a));
                    assertWithinUlps(b, exact);
                });
    }
}

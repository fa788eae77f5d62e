package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.loss.LossInputException.Input;
import dev.xent.testing.FormulaMeasures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The prediction forms at the ends of their ranges, one example at a time through the public
 * accumulators: a log-probability of exactly 0 or −∞, a hard target whose other term would be
 * 0·∞, soft targets, infinite logits, and which entries the clip and clamp counts take (only
 * those of a positive target). Values by hand (ln 2 and the like) or from
 * {@code loss/src/test/python/edges_reference.py} (mpmath; its output quoted).
 */
class FormsEdgesTest {

    private static final double TIGHT = 1e-14;
    private static final double LN2 = 0.6931471805599453;
    private static final double LN_HALF = Math.log(0.5);
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    private static final FormulaMeasures BACKEND = new FormulaMeasures();

    private static LossInputException rejected(Executable call) {
        return org.junit.jupiter.api.Assertions.assertThrows(LossInputException.class, call);
    }

    @Test
    void binaryLogProbabilitiesAtTheEndsOfTheirRangeCostNothingForTheEventThatHappened() {
        BinaryAccumulator acc = CrossEntropy.binary(Predictions.LOG_PROBABILITIES).accumulator();
        // ln p = 0 (p = 1) with y = 1, and ln p = −∞ (p = 0) with y = 0: the other term is 0·∞,
        // which a hard target leaves out
        assertThat(acc.add(1.0, 0.0)).isZero();
        assertThat(acc.add(0.0, NEG_INF)).isZero();
        // y = 1/4, p = 1/2: 0.25·ln 2 + 0.75·ln 2 = ln 2
        assertThat(acc.add(0.25, LN_HALF)).isCloseTo(LN2, within(TIGHT));
        assertThat(rejected(() -> acc.add(1.0, Double.MIN_VALUE)).expected()).isEqualTo("in [-Infinity, 0]");
        assertThat(acc.count()).isEqualTo(3);
    }

    @Test
    void infiniteLogitsAreRejected() {
        BinaryAccumulator acc = CrossEntropy.binary(Predictions.LOGITS).accumulator();
        for (double z : new double[] {Double.POSITIVE_INFINITY, NEG_INF, Double.NaN}) {
            LossInputException e = rejected(() -> acc.add(1.0, z));
            assertThat(e.input()).isEqualTo(Input.PREDICTION);
            assertThat(e.expected()).isEqualTo("a finite number");
        }
        assertThat(acc.add(1.0, -Double.MAX_VALUE)).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void pytorchsBinaryClampCountsOnlyTheTermsOfAPositiveWeight() {
        BinaryAccumulator acc = CrossEntropy.binary(Predictions.PROBABILITIES)
                .withOptions(LossOptions.DEFAULTS.withProfile(Profile.PYTORCH)).using(BACKEND).accumulator();
        // y = 0, p = 0 and y = 1, p = 1: the term of weight 0 would be −ln 0, but it has weight 0
        assertThat(acc.add(0.0, 0.0)).isZero();
        assertThat(acc.add(1.0, 1.0)).isZero();
        assertThat(acc.clampedTerms()).isZero();
        // BCELoss: −(0.25 ln 0.5 + 0.75 ln 0.5) = ln 2
        assertThat(acc.add(0.25, 0.5)).isCloseTo(LN2, within(TIGHT));
        assertThat(acc.clampedTerms()).isZero();
    }

    @Test
    void pytorchsClampAppliesToEveryCategoricalTermOfAPositiveTarget() {
        CategoricalAccumulator acc = CrossEntropy.categorical(3, Predictions.PROBABILITIES)
                .withOptions(LossOptions.DEFAULTS.withProfile(Profile.PYTORCH)).using(BACKEND).accumulator();
        // torch.clamp(torch.log(q), min=-100) by hand: −(0.5·(−100) + 0.5·ln 0.5) = 50 + ln(2)/2
        // ("50 + ln(2)/2 50.346573590279974")
        assertThat(acc.add(new double[] {0.5, 0.5, 0.0}, new double[] {0.0, 0.5, 0.5}))
                .isCloseTo(50.346573590279974, within(1e-13));
        assertThat(acc.clampedTerms()).isEqualTo(1);
        // q = 0 where t = 0: no term, nothing clamped
        assertThat(acc.add(new double[] {1.0, 0.0, 0.0}, new double[] {0.5, 0.5, 0.0})).isCloseTo(LN2, within(TIGHT));
        assertThat(acc.clampedTerms()).isEqualTo(1);
    }

    @Test
    void categoricalClippingCountsOnlyTheEntriesOfAPositiveTarget() {
        CategoricalAccumulator acc = CrossEntropy.categorical(3, Predictions.PROBABILITIES)
                .withClipping(Clipping.KERAS).using(BACKEND).accumulator();
        // the clipped q = 0 is under t = 0: −ln 0.5, not counted
        assertThat(acc.add(new double[] {1.0, 0.0, 0.0}, new double[] {0.5, 0.5, 0.0})).isCloseTo(LN2, within(TIGHT));
        assertThat(acc.clipCount()).isZero();
        // under t = 1: −ln 1e-7 ("-ln 1e-7 16.11809565095832"), counted
        assertThat(acc.add(new double[] {0.0, 0.0, 1.0}, new double[] {0.5, 0.5, 0.0}))
                .isCloseTo(16.11809565095832, within(1e-13));
        assertThat(acc.clipCount()).isEqualTo(1);
    }

    @Test
    void logProbabilityRowsMayHoldZeroAndMinusInfinityAndMustSumToOne() {
        SparseAccumulator sparse = CrossEntropy.sparse(2, Predictions.LOG_PROBABILITIES).accumulator();
        assertThat(sparse.add(0, new double[] {0.0, NEG_INF})).isZero();
        LossInputException sum = rejected(() -> sparse.add(0, new double[] {LN_HALF, Math.log(0.4)}));
        assertThat(sum.input()).isEqualTo(Input.PREDICTION_ROW);
        assertThat(sum.getMessage()).contains("(as probabilities)");
        LossInputException positive = rejected(() -> sparse.add(0, new double[] {Double.MIN_VALUE, NEG_INF}));
        assertThat(positive.input()).isEqualTo(Input.PREDICTION);
        assertThat(positive.classIndex()).isZero();
        CategoricalAccumulator categorical = CrossEntropy.categorical(2, Predictions.LOG_PROBABILITIES).accumulator();
        // t = 0 where ln q = −∞: no term (not 0·∞)
        assertThat(categorical.add(new double[] {1.0, 0.0}, new double[] {0.0, NEG_INF})).isZero();
    }

    @Test
    void clippingInLogSpaceCountsWhatItChangedUnderAPositiveTarget() {
        SparseAccumulator sparse = CrossEntropy.sparse(2, Predictions.LOG_PROBABILITIES)
                .withClipping(Clipping.KERAS).accumulator();
        assertThat(sparse.add(0, new double[] {LN_HALF, LN_HALF})).isCloseTo(LN2, within(TIGHT));
        assertThat(sparse.clipCount()).isZero();
        // ln q = −∞ becomes ln 1e-7: "-ln 1e-7 16.11809565095832"
        assertThat(sparse.add(1, new double[] {0.0, NEG_INF})).isCloseTo(16.11809565095832, within(1e-13));
        assertThat(sparse.clipCount()).isEqualTo(1);
        CategoricalAccumulator categorical = CrossEntropy.categorical(2, Predictions.LOG_PROBABILITIES)
                .withClipping(Clipping.KERAS).accumulator();
        assertThat(categorical.add(new double[] {0.5, 0.5}, new double[] {LN_HALF, LN_HALF})).isCloseTo(LN2, within(TIGHT));
        assertThat(categorical.clipCount()).isZero();
        // ln q = 0 becomes ln(1 − 1e-7): "-ln(1 - 1e-7) 1.0000000500000033e-07"; the −∞ is under t = 0
        assertThat(categorical.add(new double[] {1.0, 0.0}, new double[] {0.0, NEG_INF}))
                .isCloseTo(1.0000000500000033e-07, within(1e-21));
        assertThat(categorical.clipCount()).isEqualTo(1);
    }

    @Test
    void hardTargetsKeepTheLabelPriorBaselineAndAHalfIsClassZero() {
        CategoricalAccumulator hard = CrossEntropy.categorical(2, Predictions.LOGITS).accumulator();
        hard.add(new double[] {1, 0}, new double[] {0, 0});
        hard.add(new double[] {0, 1}, new double[] {0, 0});
        // one example of each class: the priors are (1/2, 1/2), the baseline ln 2
        assertThat(hard.summary().baselineLogLoss().orElseThrow()).isCloseTo(LN2, within(TIGHT));
        hard.add(new double[] {0.75, 0.25}, new double[] {0, 0});
        assertThat(hard.summary().baselineLogLoss()).isEmpty();
        CategoricalAccumulator smoothed = CrossEntropy.categorical(2, Predictions.LOGITS).withLabelSmoothing(0.1).accumulator();
        smoothed.add(new double[] {1, 0}, new double[] {0, 0});
        smoothed.add(new double[] {0, 1}, new double[] {0, 0});
        assertThat(smoothed.summary().baselineLogLoss()).isEmpty();
        // "binary y > 1/2 is class 1" (LossSummary): y = 1/2 is class 0
        BinaryAccumulator binary = CrossEntropy.binary(Predictions.LOGITS).accumulator();
        binary.add(0.5, 0.0);
        assertThat(binary.summary().classCount(0)).isEqualTo(1);
        assertThat(binary.summary().classCount(1)).isZero();
    }
}

package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.loss.LossInputException.Input;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The KL divergence loss at its edges: every check of an example, the log-target bound, the
 * series and the overflow branches of the careful log-ratio, which examples clipping counts in
 * each form, a row sum of exactly 1 under a tolerance of 0, and the loss's description and
 * shortcuts. The expected numbers come from {@code loss/src/test/python/edges_reference.py}
 * (mpmath at 50 digits on the exact values of the double inputs; its output line is quoted at
 * each), none from xent.
 */
class KlDivergenceEdgesTest {

    /** Values of order 1 rounded from mpmath, after a few roundings in the loss: a few ulps. */
    private static final double TIGHT = 1e-14;

    private static final double LN_HALF = Math.log(0.5);

    private static KlDivergenceLoss kl(int k, Predictions form) {
        return Loss.klDivergence(k, form);
    }

    private static LossInputException rejected(Executable call) {
        Throwable t = org.junit.jupiter.api.Assertions.assertThrows(LossInputException.class, call);
        return (LossInputException) t;
    }

    @Test
    void aBadWeightOrARowOfTheWrongShapeIsRejectedAndNothingIsAdded() {
        KlDivergenceAccumulator acc = kl(2, Predictions.PROBABILITIES).accumulator();
        double[] t = {0.5, 0.5};
        double[] q = {0.25, 0.75};
        LossInputException negative = rejected(() -> acc.add(t, q, -1.0));
        assertThat(negative.input()).isEqualTo(Input.WEIGHT);
        assertThat(negative).hasMessage("example 0: sample weight -1.0 is not a finite number >= 0");
        assertThat(rejected(() -> acc.add(t, q, Double.POSITIVE_INFINITY)).value()).isEqualTo("Infinity");
        assertThat(rejected(() -> acc.add(t, q, Double.NaN)).input()).isEqualTo(Input.WEIGHT);
        LossInputException shortTarget = rejected(() -> acc.add(new double[] {1.0}, q));
        assertThat(shortTarget.input()).isEqualTo(Input.TARGET_ROW);
        assertThat(shortTarget).hasMessage("example 0: target row has 1 entries, but the loss has 2 classes");
        assertThat(rejected(() -> acc.add(null, q))).hasMessage("example 0: target row is missing");
        LossInputException longPrediction = rejected(() -> acc.add(t, new double[] {0.25, 0.25, 0.5}));
        assertThat(longPrediction.input()).isEqualTo(Input.PREDICTION_ROW);
        assertThat(longPrediction.value()).isEqualTo("3");
        // a target row that sums to 1 but whose entries are not probabilities
        LossInputException entry = rejected(() -> acc.add(new double[] {1.5, -0.5}, q));
        assertThat(entry.input()).isEqualTo(Input.TARGET);
        assertThat(entry.classIndex()).isZero();
        assertThat(entry).hasMessage("example 0: target 1.5 at class 0 is not a probability in [0, 1]");
        assertThat(acc.count()).isZero();
        // a weight of 0 is valid: counted, adding nothing
        acc.add(t, q, 0.0);
        assertThat(acc.count()).isEqualTo(1);
        assertThat(acc.weightSum()).isZero();
    }

    @Test
    void theKerasProfileChecksEveryEntryButNotTheSums() {
        KlDivergenceAccumulator keras = kl(2, Predictions.PROBABILITIES).withProfile(Profile.KERAS).accumulator();
        LossInputException prediction = rejected(() -> keras.add(new double[] {0.5, 0.5}, new double[] {1.5, -0.5}));
        assertThat(prediction.input()).isEqualTo(Input.PREDICTION);
        assertThat(prediction.classIndex()).isZero();
        LossInputException target = rejected(() -> keras.add(new double[] {2.0, 0.0}, new double[] {0.5, 0.5}));
        assertThat(target.input()).isEqualTo(Input.TARGET);
        assertThat(keras.count()).isZero();
        // rows that do not sum to 1 are taken as given: Σ t ln(t/q) = 0.5 ln(0.5/0.3) + 0.5 ln(0.5/0.3)
        // = ln(5/3) (mpmath: 0.5108256237659907)
        assertThat(keras.add(new double[] {0.5, 0.5}, new double[] {0.3, 0.3})).isCloseTo(0.5108256237659907, within(TIGHT));
    }

    @Test
    void aLogTargetOfZeroIsTheCertainEventAndPositiveLogTargetsAreRejected() {
        KlDivergenceAccumulator logs = kl(2, Predictions.LOG_PROBABILITIES).withLogTargets().accumulator();
        // t = (1, 0), q = (1/2, 1/2): KL = ln 2; the t = 0 entry contributes its q to the
        // non-negative form, which the first entry's −(t − q) cancels
        assertThat(logs.add(new double[] {0.0, Double.NEGATIVE_INFINITY}, new double[] {LN_HALF, LN_HALF}))
                .isCloseTo(Math.log(2), within(TIGHT));
        LossInputException positive = rejected(() -> logs.add(new double[] {Double.MIN_VALUE, 0.0},
                new double[] {LN_HALF, LN_HALF}));
        assertThat(positive.input()).isEqualTo(Input.TARGET);
        assertThat(positive.expected()).isEqualTo("in [-Infinity, 0]");
        // the same example with the target as probabilities
        assertThat(kl(2, Predictions.LOG_PROBABILITIES).accumulator().add(new double[] {1.0, 0.0},
                new double[] {LN_HALF, LN_HALF})).isCloseTo(Math.log(2), within(TIGHT));
    }

    @Test
    void rowsWithinATenthOfEachOtherMatchMpmathInEveryForm() {
        double[] t = {0.53125, 0.46875};
        // "kl [0.53125, 0.46875] || [0.5, 0.5] 0.0019543985567445233"; ulp there is 4.3e-19
        double expected = 0.0019543985567445233;
        assertThat(kl(2, Predictions.PROBABILITIES).accumulator().add(t, new double[] {0.5, 0.5}))
                .isCloseTo(expected, within(4e-18));
        // through logarithms each of ln t, ln q carries half an ulp of ~0.7, about 1e-16 of a
        // difference of 0.06: 2e-15 relative
        assertThat(kl(2, Predictions.LOG_PROBABILITIES).withLogTargets().accumulator()
                .add(new double[] {Math.log(t[0]), Math.log(t[1])}, new double[] {LN_HALF, LN_HALF}))
                .isCloseTo(expected, within(1e-17));
    }

    @Test
    void closeRowsKeepTheirDigitsStrictlyAndUnderKeras() {
        double d = 12345 * 0x1p-52;
        double[] t = {0.25, 0.75};
        double[] q = {0.25 + d, 0.75 - d};
        // both rows sum to exactly 1 in binary; "kl close dyadic rows 2.003693880261896e-23"
        double expected = 2.003693880261896e-23;
        assertThat(kl(2, Predictions.PROBABILITIES).accumulator().add(t, q)).isCloseTo(expected, within(1e-14 * expected));
        // Keras' t·log1p((t − q)/q) terms of ±2.7e-12 cancel to 2e-23: each term is right to an
        // ulp or two (~1e-27), so the sum keeps five digits (the plain t·ln(t/q) would keep none)
        assertThat(kl(2, Predictions.PROBABILITIES).withProfile(Profile.KERAS).accumulator().add(t, q))
                .isCloseTo(expected, within(1e-28));
    }

    @Test
    void aRatioBeyondTheLargestDoubleStillGivesTheFiniteDivergence() {
        // t/q = 1/2^-1074 overflows; "kl [1, 0] || [2^-1074, 1] 744.4400719213812" (= 1074 ln 2)
        assertThat(kl(2, Predictions.PROBABILITIES).accumulator()
                .add(new double[] {1.0, 0.0}, new double[] {Double.MIN_VALUE, 1.0}))
                .isCloseTo(744.4400719213812, within(1e-12));
    }

    @Test
    void aPositiveTargetOverAPredictionOfZeroCostsInfinityInEitherForm() {
        // the class javadoc's convention: ℓ = +∞ when some t > 0 = q
        assertThat(kl(2, Predictions.PROBABILITIES).accumulator().add(new double[] {1.0, 0.0}, new double[] {0.0, 1.0}))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(kl(2, Predictions.LOG_PROBABILITIES).accumulator()
                .add(new double[] {0.5, 0.5}, new double[] {Double.NEGATIVE_INFINITY, 0.0}))
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void probabilitiesWithLogTargetsGiveTheDivergenceOfTheirExponentials() {
        // "kl [0.25, 0.75] || [0.5, 0.5] 0.13081203594113697"
        KlDivergenceLoss loss = kl(2, Predictions.PROBABILITIES).withLogTargets();
        assertThat(loss.logTargets()).isTrue();
        assertThat(loss.accumulator().add(new double[] {Math.log(0.25), Math.log(0.75)}, new double[] {0.5, 0.5}))
                .isCloseTo(0.13081203594113697, within(TIGHT));
    }

    /**
     * Under the exact profile with a clipping policy, an example counts as clipped when clipping
     * changed a prediction of an entry whose target is positive (a clipped q where t = 0 does not
     * enter Σ t ln(t/q)) — in each form the prediction and the target may take.
     */
    @Test
    void clippingCountsAnExampleOnlyWhenItChangesThePredictionOfAPositiveTarget() {
        List<Form> forms = List.of(
                new Form(kl(3, Predictions.PROBABILITIES), UnaryOperator.identity(), UnaryOperator.identity()),
                new Form(kl(3, Predictions.PROBABILITIES).withLogTargets(), KlDivergenceEdgesTest::logs,
                        UnaryOperator.identity()),
                new Form(kl(3, Predictions.LOG_PROBABILITIES), UnaryOperator.identity(), KlDivergenceEdgesTest::logs));
        for (Form f : forms) {
            KlDivergenceLoss loss = f.loss.withClipping(Clipping.KERAS);
            assertThat(loss.options().clipping()).isEqualTo(Clipping.KERAS);
            KlDivergenceAccumulator acc = loss.accumulator();
            // untouched by clipping
            acc.add(f.target.apply(new double[] {0.5, 0.25, 0.25}), f.prediction.apply(new double[] {0.25, 0.5, 0.25}));
            assertThat(acc.clipCount()).as(loss.toString()).isZero();
            // clipped only where t = 0: not counted
            acc.add(f.target.apply(new double[] {0.5, 0.5, 0.0}), f.prediction.apply(new double[] {0.5, 0.5, 0.0}));
            assertThat(acc.clipCount()).as(loss.toString()).isZero();
            // q = 0 under t = 1 becomes 1e-7: counted. The value is the class javadoc's
            // non-negative form Σ (t ln(t/q') − t + q'), which is −ln 1e-7 plus the clipping's shift
            // of the row sum, Σ q' − 1 = 1e-7 ("non-negative form, clipped 16.11809575095832")
            double l = acc.add(f.target.apply(new double[] {1.0, 0.0, 0.0}), f.prediction.apply(new double[] {0.0, 0.5, 0.5}));
            assertThat(l).as(loss.toString()).isCloseTo(16.11809575095832, within(1e-13));
            assertThat(acc.clipCount()).as(loss.toString()).isEqualTo(1);
            assertThat(acc.summary().clipCount()).as(loss.toString()).isEqualTo(1);
        }
    }

    private static double[] logs(double[] row) {
        double[] l = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            l[i] = Math.log(row[i]);
        }
        return l;
    }

    private record Form(KlDivergenceLoss loss, Function<double[], double[]> target,
            Function<double[], double[]> prediction) {
    }

    @Test
    void kerasCountsAnExampleWhenItClipsTheTargetOrThePrediction() {
        KlDivergenceAccumulator keras = kl(2, Predictions.PROBABILITIES).withProfile(Profile.KERAS).accumulator();
        // nothing below 1e-7: 0.5 ln(0.5/0.25) + 0.5 ln(0.5/0.75) = 0.5 ln(4/3) (mpmath: 0.14384103622589045)
        assertThat(keras.add(new double[] {0.5, 0.5}, new double[] {0.25, 0.75})).isCloseTo(0.14384103622589045, within(TIGHT));
        assertThat(keras.clipCount()).isZero();
        keras.add(new double[] {1.0, 0.0}, new double[] {0.5, 0.5}); // the target's 0 is clipped
        assertThat(keras.clipCount()).isEqualTo(1);
        keras.add(new double[] {0.5, 0.5}, new double[] {1.0, 0.0}); // the prediction's 0 is clipped
        assertThat(keras.clipCount()).isEqualTo(2);
    }

    @Test
    void aRowOfExactlyOneIsAcceptedUnderAToleranceOfZero() {
        double[] row = {0.48, 0.42, 0.1};
        // the exact sum of these three doubles rounds to 1 ("0.48 + 0.42 + 0.1 exactly:
        // 0.9999999999999999722444244 nearest double 1.0"); a plain left-to-right sum gives 1 − 2^-53
        BigDecimal exact = new BigDecimal(row[0]).add(new BigDecimal(row[1])).add(new BigDecimal(row[2]));
        assertThat(exact.doubleValue()).isEqualTo(1.0);
        KlDivergenceLoss strict = kl(3, Predictions.PROBABILITIES).withRowSumTolerance(0.0);
        assertThat(strict.accumulator().add(row, row)).isZero();
        LossInputException off = rejected(() -> strict.accumulator().add(row, new double[] {0.5, 0.25, 0.25 + 0x1p-52}));
        assertThat(off.input()).isEqualTo(Input.PREDICTION_ROW);
        assertThat(off.expected()).isEqualTo("1 (tolerance 0.00)");
        // a loosened tolerance accepts what the default refuses
        double[] printed = {0.333333, 0.333333, 0.333333}; // six decimals: sums to 0.999999
        assertThat(rejected(() -> kl(3, Predictions.PROBABILITIES).accumulator().add(printed, printed)).input())
                .isEqualTo(Input.TARGET_ROW);
        assertThat(kl(3, Predictions.PROBABILITIES).withRowSumTolerance(1e-5).accumulator().add(printed, printed)).isZero();
        // log targets are summed as probabilities, and the message says so
        LossInputException logs = rejected(() -> kl(2, Predictions.LOG_PROBABILITIES).withLogTargets().accumulator()
                .add(new double[] {LN_HALF, LN_HALF - 1.0}, new double[] {LN_HALF, LN_HALF}));
        assertThat(logs.input()).isEqualTo(Input.TARGET_ROW);
        assertThat(logs.getMessage()).contains(" (as probabilities), not 1 (tolerance");
    }

    @Test
    void theKlLossDescribesItselfAsItsDocumentationShows() {
        assertThat(kl(3, Predictions.LOG_PROBABILITIES)).hasToString(
                "KL divergence over 3 classes from log-probabilities, clipping exact (no clipping)");
        assertThat(kl(3, Predictions.LOG_PROBABILITIES).withLogTargets()).hasToString(
                "KL divergence over 3 classes from log-probabilities with log targets, clipping exact (no clipping)");
        assertThat(kl(2, Predictions.PROBABILITIES).withProfile(Profile.KERAS)).hasToString(
                "KL divergence over 2 classes from probabilities, profile keras, clipping keras (eps = 1.0E-7)");
        KlDivergenceLoss loss = kl(3, Predictions.LOGITS);
        assertThat(loss.className(2)).isEqualTo("2");
        assertThatThrownBy(() -> loss.className(3)).isInstanceOf(IndexOutOfBoundsException.class);
        LossSummary s = loss.evaluate(new double[][] {{1.0, 0.0, 0.0}}, new double[][] {{0.0, 0.0, 0.0}});
        assertThat(s.loss()).isSameAs(loss);
        assertThat(s.numClasses()).isEqualTo(3);
        // uniform logits: KL((1, 0, 0) ‖ uniform) = ln 3 (mpmath: 1.0986122886681098)
        assertThat(s.mean()).isCloseTo(1.0986122886681098, within(TIGHT));
    }

    @Test
    void kerasRefusesLogTargetsAndOtherFormsInEitherOrderNamingThem() {
        KlDivergenceLoss probabilities = kl(2, Predictions.PROBABILITIES);
        assertThatThrownBy(() -> probabilities.withProfile(Profile.KERAS).withLogTargets())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("not probabilities and log targets");
        assertThatThrownBy(() -> probabilities.withLogTargets().withProfile(Profile.KERAS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log targets");
        assertThatThrownBy(() -> kl(2, Predictions.LOG_PROBABILITIES).withProfile(Profile.KERAS))
                .hasMessageEndingWith("not log-probabilities");
        assertThatThrownBy(() -> kl(2, Predictions.LOGITS).withProfile(Profile.PYTORCH))
                .hasMessageEndingWith("not logits");
        assertThatThrownBy(() -> probabilities.withOptions(LossOptions.DEFAULTS.withLabelSmoothing(0.1)))
                .hasMessage("the KL divergence loss takes no label smoothing");
    }

    @Test
    void theAccumulatorsSumsAddAllAndTheCollectorAgreeWithTheBatch() {
        KlDivergenceLoss loss = kl(2, Predictions.PROBABILITIES);
        double[][] t = {{0.5, 0.5}, {1.0, 0.0}};
        double[][] q = {{0.25, 0.75}, {0.5, 0.5}};
        KlDivergenceAccumulator acc = loss.accumulator();
        // 0.5 ln(4/3) = 0.14384103622589045 and ln 2 (mpmath), weights 2 and 0.5
        acc.add(t[0], q[0], 2.0);
        acc.add(t[1], q[1], 0.5);
        assertThat(acc.weightSum()).isEqualTo(2.5);
        assertThat(acc.sum()).isCloseTo(2 * 0.14384103622589045 + 0.5 * 0.6931471805599453, within(TIGHT));
        assertThat(acc.clipCount()).isZero();
        assertThat(acc.rescaledRows()).isZero();
        assertThat(acc.clampedTerms()).isZero();
        double mean = (0.14384103622589045 + 0.6931471805599453) / 2;
        assertThat(loss.accumulator().addAll(t, q).summary().mean()).isCloseTo(mean, within(TIGHT));
        assertThat(List.of(0, 1).parallelStream().collect(loss.collector((a, i) -> a.add(t[i], q[i]))).mean())
                .isCloseTo(mean, within(TIGHT));
        assertThat(loss.evaluate(t, q).mean()).isCloseTo(mean, within(TIGHT));
        LossInputException lengths = rejected(() -> loss.accumulator().addAll(t, new double[][] {q[0]}));
        assertThat(lengths.input()).isEqualTo(Input.DATASET);
        assertThat(lengths).hasMessage("2 targets but 1 predictions: give one of each per example");
        assertThat(loss).isEqualTo(kl(2, Predictions.PROBABILITIES)).hasSameHashCodeAs(kl(2, Predictions.PROBABILITIES));
        assertThat(loss).isNotEqualTo(loss.withLogTargets());
        assertThat(loss.hashCode()).isNotEqualTo(loss.withLogTargets().hashCode());
    }
}

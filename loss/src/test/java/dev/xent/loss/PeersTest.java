package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.testing.FormulaMeasures;
import dev.xent.testing.TutorialExample3;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The KL divergence loss, the peer profiles, D², perplexity and bits per token on known values.
 * Every expected number comes from {@code loss/src/test/python/peers_reference.py}: the peers'
 * documented formulas written out in numpy, and the exact values with mpmath at 50 digits (the
 * script's output line is quoted at each). None was copied from xent.
 */
class PeersTest {

    /** Doubles rounded from mpmath or numpy, values below ~40: a few ulps. */
    private static final double TIGHT = 1e-14;

    private static final FormulaMeasures BACKEND = new FormulaMeasures();

    // ---- the KL divergence loss ----

    @Test
    void klOfDistributionRowsIsTheExactDivergenceRowByRowAndItsMean() {
        double[][] t = {{0.25, 0.25, 0.5}, {0.1, 0.6, 0.3}, {0.5, 0.5, 0.0}};
        double[][] q = {{0.5, 0.25, 0.25}, {0.2, 0.5, 0.3}, {0.25, 0.5, 0.25}};
        LossSummary s = Loss.klDivergence(3, Predictions.PROBABILITIES).evaluate(t, q);
        // "exact KL rows [...] mean 0.1866462004801124"
        assertThat(s.perExample().orElseThrow()).containsExactly(new double[] {
            0.17328679513998632, 0.04007821602037821, 0.34657359027997264}, within(TIGHT));
        assertThat(s.mean()).isCloseTo(0.1866462004801124, within(TIGHT));
        LossSummary w = Loss.klDivergence(3, Predictions.PROBABILITIES).evaluate(t, q,
                new double[] {1.0, 2.0, 0.5});
        assertThat(w.mean()).isCloseTo(0.12192286352020831, within(TIGHT)); // "exact KL weighted mean"
        assertThat(s.d2LogLossScore()).isEmpty();
    }

    @Test
    void klOfCloseRowsKeepsItsDigitsWhereTheNaiveSumGetsTheSignWrong() {
        double d = 0x1p-30;
        double kl = Loss.klDivergence(2, Predictions.PROBABILITIES).accumulator()
                .add(new double[] {0.5, 0.5}, new double[] {0.5 + d, 0.5 - d});
        // mpmath: 1.7347234759768070974e-18; numpy's Σ t·log(t/q) gives -1.734723475976807e-18
        assertThat(kl).isCloseTo(1.734723475976807e-18, within(1e-32));
        double klLog = Loss.klDivergence(2, Predictions.LOG_PROBABILITIES).accumulator()
                .add(new double[] {0.5, 0.5}, new double[] {Math.log(0.5 + d), Math.log(0.5 - d)});
        // through logarithms the inputs themselves carry ~1 ulp of ln q: still ~6 digits here
        assertThat(klLog).isCloseTo(1.734723475976807e-18, within(1e-23));
    }

    @Test
    void kerasProfileReproducesTheKlDivergenceDocsExample() {
        KlDivergenceLoss keras = Loss.klDivergence(2, Predictions.PROBABILITIES).withProfile(Profile.KERAS);
        LossSummary s = keras.evaluate(new double[][] {{0, 1}, {0, 0}},
                new double[][] {{0.6, 0.4}, {0.4, 0.6}});
        // Keras docs: 0.458; numpy by the documented formula: rows 0.9162891711471524,
        // -3.080907494627649e-06, mean 0.45814304511982884
        assertThat(s.perExample().orElseThrow()).containsExactly(new double[] {
            0.9162891711471524, -3.080907494627649e-06}, within(TIGHT));
        assertThat(s.mean()).isCloseTo(0.45814304511982884, within(TIGHT));
        assertThat(s.clipCount()).isEqualTo(2);
        // xent itself refuses the second target row, which is not a distribution
        assertThatThrownBy(() -> Loss.klDivergence(2, Predictions.PROBABILITIES)
                .evaluate(new double[][] {{0, 0}}, new double[][] {{0.4, 0.6}}))
                .isInstanceOf(LossInputException.class)
                .satisfies(e -> assertThat(((LossInputException) e).input())
                        .isEqualTo(LossInputException.Input.TARGET_ROW));
    }

    @Test
    void aNegativeKerasKlStillDescribesItself() {
        // numpy by Keras' formula (peers_reference.py, the docs example's second row):
        // t = [0, 0], q = [0.4, 0.6] become [1e-7, 1e-7] and [0.4, 0.6]: -3.080907494627649e-06
        LossSummary s = Loss.klDivergence(2, Predictions.PROBABILITIES).withProfile(Profile.KERAS)
                .evaluate(new double[][] {{0, 0}}, new double[][] {{0.4, 0.6}});
        assertThat(s.mean()).isCloseTo(-3.080907494627649e-06, within(1e-20));
        assertThat(s.toString()).contains("negative");
        assertThatThrownBy(s::interpretation).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pytorchProfileReproducesKlDivLossAndItsReductions() {
        double[][] z = {{1.0, 2.0, 0.5}, {0.0, -1.0, 3.0}};
        double[][] logq = new double[2][3];
        for (int i = 0; i < 2; i++) {
            double m = Math.log(Math.exp(z[i][0]) + Math.exp(z[i][1]) + Math.exp(z[i][2]));
            for (int j = 0; j < 3; j++) {
                logq[i][j] = z[i][j] - m;
            }
        }
        double[][] t = {{0.2, 0.3, 0.5}, {0.0, 0.25, 0.75}};
        LossSummary s = Loss.klDivergence(3, Predictions.LOG_PROBABILITIES).withProfile(Profile.PYTORCH)
                .evaluate(t, logq);
        // numpy: sum 0.8882645291819921, batchmean 0.44413226459099603, mean 0.14804408819699869
        assertThat(s.sum()).isCloseTo(0.8882645291819921, within(TIGHT));
        assertThat(s.mean()).isCloseTo(0.44413226459099603, within(TIGHT));
        assertThat(s.meanPerElement()).isCloseTo(0.14804408819699869, within(TIGHT));
        // the same rows from the logits: mpmath rows 0.3847157700433713, 0.5035487591386208
        LossSummary fromLogits = Loss.klDivergence(3, Predictions.LOGITS).evaluate(t, z);
        assertThat(fromLogits.perExample().orElseThrow()).containsExactly(new double[] {
            0.3847157700433713, 0.5035487591386208}, within(TIGHT));
        // log_target=True with a row PyTorch does not check (sums to 1.1): mpmath 0.621230864474544
        double[] lt = {Math.log(0.2), Math.log(0.3), Math.log(0.6)};
        double v = Loss.klDivergence(3, Predictions.LOG_PROBABILITIES).withProfile(Profile.PYTORCH)
                .withLogTargets().accumulator().add(lt, logq[0]);
        assertThat(v).isCloseTo(0.621230864474544, within(TIGHT));
    }

    @Test
    void klRefusesProfilesAndOptionsThatDoNotApply() {
        KlDivergenceLoss kl = Loss.klDivergence(3, Predictions.PROBABILITIES);
        assertThatThrownBy(() -> kl.withProfile(Profile.PYTORCH)).hasMessageContaining("log-probabilities");
        assertThatThrownBy(() -> kl.withProfile(Profile.SKLEARN_LEGACY)).hasMessageContaining("scikit-learn");
        assertThatThrownBy(() -> kl.withOptions(LossOptions.DEFAULTS.withClassWeights(1, 2, 3)))
                .hasMessageContaining("class weights");
        assertThatThrownBy(() -> Loss.klDivergence(3, Predictions.LOGITS).withProfile(Profile.KERAS))
                .hasMessageContaining("probabilities");
    }

    @Test
    void klRejectsPredictionRowsAndLogTargetsThatAreNotDistributionsByDefault() {
        KlDivergenceAccumulator acc = Loss.klDivergence(2, Predictions.PROBABILITIES).accumulator();
        assertThatThrownBy(() -> acc.add(new double[] {0.5, 0.5}, new double[] {0.5, 0.4}))
                .isInstanceOf(LossInputException.class)
                .satisfies(e -> assertThat(((LossInputException) e).input())
                        .isEqualTo(LossInputException.Input.PREDICTION_ROW));
        KlDivergenceAccumulator logs = Loss.klDivergence(2, Predictions.LOG_PROBABILITIES).withLogTargets()
                .accumulator();
        assertThatThrownBy(() -> logs.add(new double[] {0.1, Math.log(0.5)}, new double[] {Math.log(0.5), Math.log(0.5)}))
                .isInstanceOf(LossInputException.class).hasMessageContaining("log target 0.1 at class 0");
        assertThatThrownBy(() -> logs.add(new double[] {Math.log(0.5), Math.log(0.4)},
                new double[] {Math.log(0.5), Math.log(0.5)}))
                .isInstanceOf(LossInputException.class).hasMessageContaining("target row");
        // log targets t = q: exactly 0
        assertThat(logs.add(new double[] {Math.log(0.25), Math.log(0.75)},
                new double[] {Math.log(0.25), Math.log(0.75)})).isEqualTo(0.0);
        assertThat(acc.count()).isZero();
        assertThat(logs.count()).isEqualTo(1);
    }

    @Test
    void theProfilesCountsAndKlAccumulatorsMergeExactly() {
        SparseCrossEntropy keras = CrossEntropy.sparse(3, Predictions.PROBABILITIES).withOptions(LossOptions.DEFAULTS.withProfile(Profile.KERAS))
                .using(BACKEND);
        double[][] rows = {{0.2, 0.2, 0.4}, {0.0, 0.5, 0.3}, {0.25, 0.25, 0.5}};
        int[] labels = {2, 0, 1};
        LossSummary whole = keras.evaluate(labels, rows);
        SparseAccumulator a = keras.accumulator().addAll(new int[] {2}, new double[][] {rows[0]});
        SparseAccumulator b = keras.accumulator().addAll(new int[] {0, 1}, new double[][] {rows[1], rows[2]});
        LossSummary merged = a.merge(b).summary();
        // rows 0 and 1 sum to 0.8 (rescaled), row 2 to exactly 1; only row 1 has a 0 to clip
        assertThat(whole.rescaledRows()).isEqualTo(2);
        assertThat(merged.rescaledRows()).isEqualTo(2);
        assertThat(merged.clipCount()).isEqualTo(whole.clipCount()).isEqualTo(1);
        assertThat(merged.mean()).isCloseTo(whole.mean(), within(LossAccumulator.MERGE_RELATIVE_TOLERANCE * whole.mean()));
        KlDivergenceLoss kl = Loss.klDivergence(2, Predictions.PROBABILITIES);
        KlDivergenceAccumulator x = kl.accumulator();
        x.add(new double[] {0.5, 0.5}, new double[] {0.25, 0.75});
        KlDivergenceAccumulator y = kl.accumulator();
        y.add(new double[] {1, 0}, new double[] {0.5, 0.5});
        // mpmath: (0.5 ln(0.5/0.25) + 0.5 ln(0.5/0.75) + ln 2) / 2 = 0.41849410839291789
        assertThat(x.merge(y).summary().mean()).isCloseTo(0.41849410839291789, within(TIGHT));
        assertThatThrownBy(() -> kl.accumulator().merge(kl.withLogTargets().accumulator()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- profiles of the cross-entropies ----

    @Test
    void pytorchProfileClampsTheLogAtMinus100LikeBceLoss() {
        BinaryAccumulator acc = CrossEntropy.binary(Predictions.PROBABILITIES).withOptions(LossOptions.DEFAULTS.withProfile(Profile.PYTORCH))
                .using(BACKEND).accumulator();
        // numpy with max(log, -100): 100, 100, 100, ln 2, 30 (= 0.3 * 100)
        assertThat(acc.add(1.0, 0.0)).isEqualTo(100.0);
        assertThat(acc.add(0.0, 1.0)).isEqualTo(100.0);
        assertThat(acc.add(1.0, 1e-50)).isEqualTo(100.0);
        assertThat(acc.add(1.0, 0.5)).isCloseTo(0.6931471805599453, within(TIGHT));
        assertThat(acc.add(0.3, 0.0)).isCloseTo(30.0, within(TIGHT));
        LossSummary s = acc.summary();
        // one element per binary example: per element = mean = (3·100 + ln 2 + 30) / 5
        assertThat(s.meanPerElement()).isEqualTo(s.mean());
        assertThat(s.clampedTerms()).isEqualTo(4);
        assertThat(s.clipCount()).isZero();
        assertThat(s.rescaledRows()).isZero();
    }

    @Test
    void kerasProfileDividesCategoricalRowsThenClipsAndClipsSparseRowsThenDivides() {
        LossOptions keras = LossOptions.DEFAULTS.withProfile(Profile.KERAS);
        CategoricalAccumulator cat = CrossEntropy.categorical(3, Predictions.PROBABILITIES).withOptions(keras)
                .using(BACKEND).accumulator();
        // numpy, Keras' order (divide, then clip): ln 2 and −ln 1e-7 = 16.11809565095832
        assertThat(cat.add(new double[] {0, 0, 1}, new double[] {0.2, 0.2, 0.4}))
                .isCloseTo(0.6931471805599453, within(TIGHT));
        assertThat(cat.add(new double[] {1, 0, 0}, new double[] {0.0, 0.5, 0.3}))
                .isCloseTo(16.11809565095832, within(TIGHT));
        assertThat(cat.summary().rescaledRows()).isEqualTo(2);
        assertThat(cat.summary().clipCount()).isEqualTo(1);
        SparseAccumulator sp = CrossEntropy.sparse(3, Predictions.PROBABILITIES).withOptions(keras)
                .using(BACKEND).accumulator();
        // numpy log_softmax(log(clip(q))): 15.894952224644102 = −ln(1e-7 / (0.8 + 1e-7))
        assertThat(sp.add(0, new double[] {0.0, 0.5, 0.3})).isCloseTo(15.894952224644102, within(TIGHT));
        // without the profile the same row is refused
        assertThatThrownBy(() -> CrossEntropy.sparse(3, Predictions.PROBABILITIES).using(BACKEND)
                .accumulator().add(0, new double[] {0.0, 0.5, 0.3}))
                .isInstanceOf(LossInputException.class).hasMessageContaining("does not renormalise");
    }

    @Test
    void sklearnLegacyProfileClipsAt1eMinus15ThenRescalesRows() {
        LossSummary s = CrossEntropy.sparse(3, Predictions.PROBABILITIES).withOptions(LossOptions.DEFAULTS.withProfile(Profile.SKLEARN_LEGACY))
                .using(BACKEND)
                .evaluate(new int[] {2, 0}, new double[][] {{0.2, 0.2, 0.4}, {0.0, 0.5, 0.3}});
        // numpy (clip, then y_pred /= sum) and mpmath: 17.50439001207821
        assertThat(s.mean()).isCloseTo(17.50439001207821, within(TIGHT));
        assertThat(s.rescaledRows()).isEqualTo(2);
        assertThat(s.clipCount()).isEqualTo(1);
    }

    @Test
    void aProfileFixesTheClippingAndExactTurnsItOff() {
        LossOptions keras = LossOptions.DEFAULTS.withProfile(Profile.KERAS);
        assertThat(keras.clipping()).isEqualTo(Clipping.KERAS);
        assertThat(keras.withClipping(Clipping.KERAS)).isEqualTo(keras);
        assertThatThrownBy(() -> keras.withClipping(Clipping.SKLEARN)).hasMessageContaining("keras profile");
        assertThat(keras.withProfile(Profile.EXACT)).isEqualTo(LossOptions.DEFAULTS);
        assertThat(Profile.parse("sklearn-legacy")).isEqualTo(Profile.SKLEARN_LEGACY);
        assertThat(Profile.parse("PyTorch")).isEqualTo(Profile.PYTORCH);
        assertThatThrownBy(() -> Profile.parse("tf")).hasMessageContaining("exact, keras, pytorch");
    }

    // ---- D², perplexity, bits per token ----

    @Test
    void d2MatchesScikitLearnsUserGuideExamples() {
        SparseCrossEntropy loss = CrossEntropy.sparse(3, Predictions.PROBABILITIES).using(BACKEND);
        double[] prior = {0.5, 0.25, 0.25};
        LossSummary one = loss.evaluate(new int[] {0, 0, 1, 2}, new double[][] {prior, prior, prior, prior});
        // user guide: 0.0; numpy: 0.0 with baseline 1.0397207708399179
        assertThat(one.d2LogLossScore().orElseThrow()).isCloseTo(0.0, within(TIGHT));
        assertThat(one.baselineLogLoss().orElseThrow()).isCloseTo(1.0397207708399179, within(TIGHT));
        LossSummary two = loss.evaluate(new int[] {0, 1, 2}, new double[][] {
            {0.98, 0.01, 0.01}, {0.01, 0.98, 0.01}, {0.01, 0.01, 0.98}});
        // user guide: 0.981...; mpmath 0.9816107033155328, baseline ln 3
        assertThat(two.d2LogLossScore().orElseThrow()).isCloseTo(0.9816107033155328, within(TIGHT));
        assertThat(two.baselineLogLoss().orElseThrow()).isCloseTo(1.0986122886681098, within(TIGHT));
        double[][] three = {{0.1, 0.6, 0.3}, {0.1, 0.6, 0.3}, {0.4, 0.5, 0.1}};
        // user guide: -0.552...; mpmath -0.5522600230988988
        assertThat(loss.evaluate(new int[] {0, 1, 2}, three).d2LogLossScore().orElseThrow())
                .isCloseTo(-0.5522600230988988, within(TIGHT));
        // weighted (numpy by the formula): -0.7142253051423935, baseline 1.0296530140645737
        LossSummary w = loss.evaluate(new int[] {0, 1, 2}, three, new double[] {0.2, 0.3, 0.5});
        assertThat(w.d2LogLossScore().orElseThrow()).isCloseTo(-0.7142253051423935, within(TIGHT));
        assertThat(w.baselineLogLoss().orElseThrow()).isCloseTo(1.0296530140645737, within(TIGHT));
    }

    @Test
    void theTutorialsDatasetHasBaselineLn2AndItsD2PerplexityAndBits() {
        LossSummary s = CrossEntropy.binary(Predictions.PROBABILITIES).using(BACKEND)
                .evaluate(TutorialExample3.Y, TutorialExample3.P);
        // mpmath: baseline ln 2, d2 0.6437698980395542, perplexity 1.2800765627670587,
        // bits 0.35623010196044574
        assertThat(s.baselineLogLoss().orElseThrow()).isCloseTo(Math.log(2), within(TIGHT));
        assertThat(s.d2LogLossScore().orElseThrow()).isCloseTo(0.6437698980395542, within(TIGHT));
        assertThat(s.perplexity()).isCloseTo(1.2800765627670587, within(TIGHT));
        assertThat(s.bitsPerToken()).isCloseTo(0.35623010196044574, within(TIGHT));
    }

    @Test
    void d2IsUndefinedForSoftOrSmoothedTargetsAndForOneClass() {
        BinaryCrossEntropy bce = CrossEntropy.binary(Predictions.PROBABILITIES).using(BACKEND);
        assertThat(bce.evaluate(new double[] {1, 0.3}, new double[] {0.8, 0.4}).d2LogLossScore()).isEmpty();
        assertThat(bce.withLabelSmoothing(0.1).evaluate(new double[] {1, 0}, new double[] {0.8, 0.4})
                .d2LogLossScore()).isEmpty();
        assertThat(bce.evaluate(new double[] {1, 1}, new double[] {0.8, 0.4}).d2LogLossScore()).isEmpty();
        // the same data without the soft target is defined
        assertThat(bce.evaluate(new double[] {1, 0}, new double[] {0.8, 0.4}).d2LogLossScore()).isPresent();
    }

    @Test
    void aDominantClassKeepsTheBaselinesDigits() {
        // mpmath: weights 1e6 : 1 give baseline 1.4815496242467865e-05
        LossSummary s = CrossEntropy.binary(Predictions.PROBABILITIES).using(BACKEND)
                .evaluate(new double[] {1, 0}, new double[] {0.5, 0.5}, new double[] {1e6, 1});
        assertThat(s.baselineLogLoss().orElseThrow()).isCloseTo(1.4815496242467865e-05, within(1e-19));
    }

    @Test
    void anInfiniteMeanHasInfinitePerplexityAndD2OfMinusInfinity() {
        LossSummary s = CrossEntropy.labelled(ClassLabels.inOrder("a", "b")).using(BACKEND)
                .evaluate(List.of("a", "b"), new double[][] {{0, 1}, {0.5, 0.5}});
        assertThat(s.mean()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.perplexity()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.bitsPerToken()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(s.d2LogLossScore().orElseThrow()).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}

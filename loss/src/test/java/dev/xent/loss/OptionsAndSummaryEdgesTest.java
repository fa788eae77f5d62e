package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.InformationMeasures;
import dev.xent.loss.LossInputException.Input;
import dev.xent.testing.FormulaMeasures;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The edges of the values around the losses: every bound of the options and the clipping
 * policies (both sides of it), the profile and policy names, the interpretation bands at their
 * exact boundaries, the summary's baseline and description, the counts an accumulator reports and
 * merges, the checks of labels, weights and rows through the public accumulators, and a weighted
 * mean whose effective weights are subnormal. Expected numbers by hand, from the documentation's
 * tables, or from {@code loss/src/test/python/edges_reference.py} (mpmath; its output quoted).
 */
class OptionsAndSummaryEdgesTest {

    private static final double TIGHT = 1e-14;

    private static final FormulaMeasures BACKEND = new FormulaMeasures();

    private static LossInputException rejected(Executable call) {
        return org.junit.jupiter.api.Assertions.assertThrows(LossInputException.class, call);
    }

    // ---- options, clipping, profiles, interpretation ----

    @Test
    void eachBoundOfTheOptionsAcceptsItsClosedEndAndRejectsItsOpenOne() {
        LossOptions d = LossOptions.DEFAULTS;
        assertThat(d.withLabelSmoothing(0.0).labelSmoothing()).isZero();
        assertThat(d.withLabelSmoothing(1.0).labelSmoothing()).isEqualTo(1.0);
        assertThatThrownBy(() -> d.withLabelSmoothing(Math.nextUp(1.0)))
                .hasMessage("label smoothing must be in [0, 1], got 1.0000000000000002");
        assertThatThrownBy(() -> d.withLabelSmoothing(-Double.MIN_VALUE)).hasMessageContaining("4.9E-324");
        // −0 is 0: the options equal the defaults (equality compares the doubles' bits)
        assertThat(d.withLabelSmoothing(-0.0)).isEqualTo(d);
        assertThat(d.withRowSumTolerance(0.0).rowSumTolerance().getAsDouble()).isZero();
        assertThat(d.withRowSumTolerance(-0.0)).isEqualTo(d.withRowSumTolerance(0.0));
        assertThat(d.withRowSumTolerance(Math.nextDown(0.5)).rowSumTolerance(3)).isEqualTo(Math.nextDown(0.5));
        assertThatThrownBy(() -> d.withRowSumTolerance(0.5)).hasMessage("row-sum tolerance must be in [0, 0.5), got 0.5");
        assertThat(d.withClassWeights(0.0, 1.0).classWeights().orElseThrow()).containsExactly(0.0, 1.0);
        assertThat(d.withClassWeights(Double.MAX_VALUE, 1.0).classWeights().orElseThrow()).containsExactly(Double.MAX_VALUE, 1.0);
        assertThatThrownBy(() -> d.withClassWeights(1.0, Double.POSITIVE_INFINITY))
                .hasMessage("class weight of class 1 must be finite and >= 0, got Infinity");
        assertThatThrownBy(() -> d.withClassWeights(-0.5, 1.0)).hasMessageContaining("class 0");
        assertThatThrownBy(() -> d.withClassWeights(1.0)).hasMessage("1 class weights given: a loss has at least 2 classes");
    }

    @Test
    void optionsWithADifferentBackendAreDifferentOptions() {
        InformationMeasures other = new FormulaStandIn("other", "the formula stand-in under another id");
        LossOptions formula = LossOptions.DEFAULTS.using(BACKEND);
        assertThat(formula).isNotEqualTo(LossOptions.DEFAULTS);
        assertThat(LossOptions.DEFAULTS).isNotEqualTo(formula);
        assertThat(formula).isNotEqualTo(LossOptions.DEFAULTS.using(other));
        assertThat(formula).isEqualTo(LossOptions.DEFAULTS.using(new FormulaMeasures()));
        // distinct options spread over distinct hash codes (equal ones share theirs)
        Set<Integer> hashes = Set.of(LossOptions.DEFAULTS.hashCode(), formula.hashCode(),
                LossOptions.DEFAULTS.withLabelSmoothing(0.1).hashCode(),
                LossOptions.DEFAULTS.withProfile(Profile.KERAS).hashCode());
        assertThat(hashes).hasSize(4);
    }

    @Test
    void clippingPoliciesAndProfilesAreFoundByEveryDocumentedName() {
        assertThat(Clipping.of(0.0)).isSameAs(Clipping.EXACT);
        assertThat(Clipping.of(1e-7)).isSameAs(Clipping.KERAS);
        assertThat(Clipping.of(Math.nextDown(0.5)).epsilon()).isEqualTo(Math.nextDown(0.5));
        assertThatThrownBy(() -> Clipping.of(-0.1)).hasMessage("clipping epsilon must be in [0, 0.5), got -0.1");
        assertThat(Clipping.parse("none")).isSameAs(Clipping.EXACT);
        assertThat(Clipping.parse(" Keras ")).isSameAs(Clipping.KERAS);
        assertThat(Clipping.parse("sklearn")).isSameAs(Clipping.SKLEARN);
        assertThat(Clipping.parse("scikit-learn")).isSameAs(Clipping.SKLEARN);
        assertThat(Clipping.parse("legacy")).isSameAs(Clipping.LEGACY);
        assertThat(Clipping.parse("0.01").name()).isEqualTo("0.01");
        assertThat(Profile.parse("torch")).isSameAs(Profile.PYTORCH);
        assertThat(Profile.parse(" SKLEARN_LEGACY ")).isSameAs(Profile.SKLEARN_LEGACY);
        assertThat(Profile.parse("exact")).isSameAs(Profile.EXACT);
        assertThat(Profile.SKLEARN_LEGACY.id()).isEqualTo("sklearn-legacy");
        assertThat(Profile.KERAS.id()).isEqualTo("keras");
    }

    @Test
    void eachInterpretationBoundaryBelongsToTheBandTheTableSays() {
        // "a boundary belongs to the band below it unless stated": [0.02, 0.05), [0.05, 0.20),
        // [0.20, 0.30], (0.30, 1.00], (1.00, 2.00]
        assertThat(Interpretation.of(Double.MIN_VALUE)).isEqualTo(Interpretation.GREAT);
        assertThat(Interpretation.of(Math.nextDown(0.02))).isEqualTo(Interpretation.GREAT);
        assertThat(Interpretation.of(0.05)).isEqualTo(Interpretation.FINE);
        assertThat(Interpretation.of(Math.nextDown(0.05))).isEqualTo(Interpretation.ON_THE_RIGHT_TRACK);
        assertThat(Interpretation.of(Math.nextDown(0.2))).isEqualTo(Interpretation.FINE);
        assertThat(Interpretation.of(Math.nextUp(0.3))).isEqualTo(Interpretation.NOT_GREAT);
        assertThat(Interpretation.of(1.0)).isEqualTo(Interpretation.NOT_GREAT);
        assertThat(Interpretation.of(Math.nextUp(1.0))).isEqualTo(Interpretation.TERRIBLE);
        assertThat(Interpretation.of(2.0)).isEqualTo(Interpretation.TERRIBLE);
        assertThat(Interpretation.of(Math.nextUp(2.0))).isEqualTo(Interpretation.BROKEN);
        assertThatThrownBy(() -> Interpretation.of(-Double.MIN_VALUE)).hasMessageContaining("got -4.9E-324");
    }

    // ---- summaries ----

    @Test
    void aPerfectMeanOfZeroIsDescribedAsPerfect() {
        LossSummary s = CrossEntropy.sparse(2, Predictions.PROBABILITIES).using(BACKEND)
                .evaluate(new int[] {0, 1}, new double[][] {{1, 0}, {0, 1}});
        assertThat(s.mean()).isZero();
        assertThat(s.toString()).endsWith("perfect probabilities)");
        assertThat(s.numClasses()).isEqualTo(2);
    }

    @Test
    void theBaselineSkipsClassesWithNoExamples() {
        // three classes, labels 0 and 1 once each: priors (1/2, 1/2, 0), baseline ln 2; uniform
        // logits cost ln 3 each ("ln 3 1.0986122886681098 ln 2 0.6931471805599453")
        LossSummary s = CrossEntropy.sparse(3, Predictions.LOGITS).evaluate(new int[] {0, 1},
                new double[][] {{0, 0, 0}, {0, 0, 0}});
        assertThat(s.baselineLogLoss().orElseThrow()).isCloseTo(0.6931471805599453, within(TIGHT));
        assertThat(s.mean()).isCloseTo(1.0986122886681098, within(TIGHT));
        assertThat(s.classMean(2)).isEmpty();
    }

    @Test
    void subnormalEffectiveWeightsOfDifferentClassesStillWeighTheirLosses() {
        // sample weight 1e-300 times class weights 1e-10 and 3e-10: effective weights 1e-310 and
        // 3e-310, below the smallest normal double; losses ln 2 and ln(1 + e^-1)
        // ("subnormal effective weights mean 0.40823306077865346")
        SparseAccumulator acc = CrossEntropy.sparse(2, Predictions.LOGITS).withClassWeights(1e-10, 3e-10).accumulator();
        assertThat(acc.add(0, new double[] {0, 0}, 1e-300)).isCloseTo(0.6931471805599453, within(TIGHT));
        assertThat(acc.add(1, new double[] {0, 1}, 1e-300)).isCloseTo(0.31326168751822286, within(TIGHT));
        assertThat(acc.summary().mean()).isCloseTo(0.40823306077865346, within(TIGHT));
        // one weight 3 times the other's: the class means are the losses themselves
        assertThat(acc.summary().classMean(1).getAsDouble()).isCloseTo(0.31326168751822286, within(TIGHT));
    }

    // ---- the counts an accumulator reports and merges ----

    @Test
    void accumulatorsReportAndMergeTheProfilesCountsAndTheirSoftTargets() {
        LossOptions torch = LossOptions.DEFAULTS.withProfile(Profile.PYTORCH);
        BinaryAccumulator a = CrossEntropy.binary(Predictions.PROBABILITIES).withOptions(torch).using(BACKEND).accumulator();
        BinaryAccumulator b = CrossEntropy.binary(Predictions.PROBABILITIES).withOptions(torch).using(BACKEND).accumulator();
        a.add(1.0, 0.0);
        b.add(1.0, 1e-50);
        b.add(0.0, 1.0);
        assertThat(a.clampedTerms()).isEqualTo(1);
        assertThat(b.clampedTerms()).isEqualTo(2);
        assertThat(a.merge(b).clampedTerms()).isEqualTo(3);
        assertThat(a.summary().clampedTerms()).isEqualTo(3);
        // e^-100 rounded to a double lies above e^-100, so its −ln is just below 100 ("100 - (-ln
        // p) ... 4.2217e-17") and rounds to 100: the loss is 100 and nothing was clamped
        BinaryAccumulator edge = CrossEntropy.binary(Predictions.PROBABILITIES).withOptions(torch).using(BACKEND).accumulator();
        assertThat(edge.add(1.0, 3.720075976020836e-44)).isEqualTo(100.0);
        assertThat(edge.clampedTerms()).isZero();

        CategoricalAccumulator keras = CrossEntropy.categorical(3, Predictions.PROBABILITIES)
                .withOptions(LossOptions.DEFAULTS.withProfile(Profile.KERAS)).using(BACKEND).accumulator();
        keras.add(new double[] {0, 0, 1}, new double[] {0.2, 0.2, 0.4});
        assertThat(keras.rescaledRows()).isEqualTo(1);
        assertThatThrownBy(() -> keras.add(new double[] {0, 0, 1}, new double[] {0, 0, 0}))
                .isInstanceOf(LossInputException.class).hasMessageContaining("needs a positive sum");

        // a soft target merged in makes the baseline (and D²) undefined, as in one accumulator
        BinaryAccumulator hard = CrossEntropy.binary(Predictions.PROBABILITIES).using(BACKEND).accumulator();
        hard.add(1.0, 0.8);
        hard.add(0.0, 0.4);
        assertThat(hard.summary().baselineLogLoss()).isPresent();
        BinaryAccumulator soft = CrossEntropy.binary(Predictions.PROBABILITIES).using(BACKEND).accumulator();
        soft.add(0.3, 0.4);
        assertThat(hard.merge(soft).summary().baselineLogLoss()).isEmpty();
    }

    // ---- the checks, through the public accumulators ----

    @Test
    void aLabelOutOfRangeNamesTheValidRange() {
        SparseAccumulator acc = CrossEntropy.sparse(3, Predictions.LOGITS).accumulator();
        LossInputException e = rejected(() -> acc.add(3, new double[] {0, 0, 0}));
        assertThat(e.input()).isEqualTo(Input.LABEL);
        assertThat(e.expected()).isEqualTo("a class 0 to 2");
        assertThat(e).hasMessage("example 0: label 3 is out of range for 3 classes (valid: 0 to 2)");
        assertThat(rejected(() -> acc.add(0, new double[] {0, 0, 0}, -1.0)).input()).isEqualTo(Input.WEIGHT);
        // the added example's loss is returned: uniform logits over 3 classes cost ln 3
        assertThat(acc.add(0, new double[] {0, 0, 0}, 2.0)).isCloseTo(1.0986122886681098, within(TIGHT));
        assertThat(acc.weightSum()).isEqualTo(2.0);
        assertThat(acc.sum()).isCloseTo(2 * 1.0986122886681098, within(TIGHT));
    }

    @Test
    void aCategoricalTargetRowIsCheckedForShapeEntriesAndHardnessAndTiesGoToTheLowestClass() {
        CategoricalAccumulator acc = CrossEntropy.categorical(3, Predictions.LOGITS).accumulator();
        double[] z = {0, 0, 0};
        assertThat(rejected(() -> acc.add(new double[] {0.5, 0.5}, z)).input()).isEqualTo(Input.TARGET_ROW);
        LossInputException entry = rejected(() -> acc.add(new double[] {1.5, -0.5, 0.0}, z));
        assertThat(entry.input()).isEqualTo(Input.TARGET);
        assertThat(entry.classIndex()).isZero();
        assertThat(rejected(() -> acc.add(new double[] {1, 0, 0}, z, Double.POSITIVE_INFINITY)).input())
                .isEqualTo(Input.WEIGHT);
        assertThat(rejected(() -> acc.add(new double[] {1, 0, 0}, new double[] {0, 0})).input())
                .isEqualTo(Input.PREDICTION_ROW);
        // a tie between classes 0 and 1: the example is class 0's
        acc.add(new double[] {0.5, 0.5, 0.0}, z);
        LossSummary s = acc.summary();
        assertThat(s.classCount(0)).isEqualTo(1);
        assertThat(s.classCount(1)).isZero();
        CategoricalAccumulator weighted = CrossEntropy.categorical(3, Predictions.LOGITS).withClassWeights(1, 2, 3).accumulator();
        LossInputException soft = rejected(() -> weighted.add(new double[] {0.5, 0.5, 0.0}, z));
        assertThat(soft.expected()).isEqualTo("a one-hot row (class weights are set)");
    }

    @Test
    void theLossOfAClassZeroFromLogProbabilitiesKeepsItsDigitsAtBothEnds() {
        BinaryAccumulator acc = CrossEntropy.binary(Predictions.LOG_PROBABILITIES).accumulator();
        // −ln(1 − e^lp): "label 0, ln p = -1e-20 46.051701859880914", "ln p = -50.0 1.9287498479639178e-22"
        assertThat(acc.add(0.0, -1e-20)).isCloseTo(46.051701859880914, within(1e-13));
        assertThat(acc.add(0.0, -50.0)).isCloseTo(1.9287498479639178e-22, within(1e-36));
    }

    @Test
    void theOtherLossTypesNameTheirClassesAndDescribeThemselves() {
        BinaryCrossEntropy b = CrossEntropy.binary(Predictions.LOGITS);
        assertThat(b.className(1)).isEqualTo("1");
        assertThat(b).hasToString("binary cross-entropy from logits, clipping exact (no clipping)");
        assertThat(b).hasSameHashCodeAs(CrossEntropy.binary(Predictions.LOGITS));
        assertThat(b.hashCode()).isNotEqualTo(CrossEntropy.binary(Predictions.PROBABILITIES).hashCode());
        assertThat(ClassLabels.inOrder("ham", "spam")).hasToString("[ham, spam]");
    }
}

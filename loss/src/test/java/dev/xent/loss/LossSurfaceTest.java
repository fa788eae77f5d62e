package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.testing.FormulaMeasures;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The loss types' option shortcuts, identity, descriptions and collectors, and the categorical
 * kernel on log-probabilities; values by hand or mpmath (quoted).
 */
class LossSurfaceTest {

    private static final FormulaMeasures BACKEND = new FormulaMeasures();

    @Test
    void everyKindsShortcutsSetTheirOption() {
        CategoricalCrossEntropy c = CrossEntropy.categorical(3, Predictions.PROBABILITIES).using(BACKEND);
        assertThat(c.withClassWeights(1, 2, 3).options().classWeights().orElseThrow()).containsExactly(1, 2, 3);
        assertThat(c.withRowSumTolerance(0.1).options().rowSumTolerance().getAsDouble()).isEqualTo(0.1);
        SparseCrossEntropy s = CrossEntropy.sparse(3, Predictions.PROBABILITIES).using(BACKEND);
        assertThat(s.withClassWeights(1, 2, 3).options().classWeights().orElseThrow()).containsExactly(1, 2, 3);
        LabelledLogLoss l = CrossEntropy.labelled(ClassLabels.inOrder("a", "b")).using(BACKEND);
        assertThat(l.withClassWeights(1, 2).options().classWeights().orElseThrow()).containsExactly(1, 2);
        assertThat(l.withLabelSmoothing(0.1).options().labelSmoothing()).isEqualTo(0.1);
        assertThat(l.withRowSumTolerance(0.2).options().rowSumTolerance().getAsDouble()).isEqualTo(0.2);
        LossOptions o = LossOptions.DEFAULTS.withLabelSmoothing(0.1).withClassWeights(1, 2)
                .withRowSumTolerance(0.01).withClipping(Clipping.KERAS).using(BACKEND);
        assertThat(o.toString()).isEqualTo("clipping keras (eps = 1.0E-7), label smoothing 0.1, class weights"
                + " [1.0, 2.0], row-sum tolerance 0.01, backend formula");
        assertThat(LossOptions.DEFAULTS.toString()).isEqualTo("clipping exact (no clipping)");
        assertThat(o.backend().orElseThrow()).isSameAs(BACKEND);
    }

    @Test
    void classWeightsMustBeOnePerClassForEveryKind() {
        assertThatThrownBy(() -> CrossEntropy.sparse(3, Predictions.PROBABILITIES).withClassWeights(1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 class weights given for 3 classes");
        assertThatThrownBy(() -> CrossEntropy.categorical(3, Predictions.PROBABILITIES).withClassWeights(1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 class weights given for 3 classes");
        assertThatThrownBy(() -> CrossEntropy.labelled(ClassLabels.inOrder("a", "b", "c")).withClassWeights(1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("2 class weights given for 3 classes");
    }

    @Test
    void lossesAreEqualByKindFormClassesAndOptions() {
        CategoricalCrossEntropy c3 = CrossEntropy.categorical(3, Predictions.PROBABILITIES);
        assertThat(c3).isEqualTo(CrossEntropy.categorical(3, Predictions.PROBABILITIES))
                .hasSameHashCodeAs(CrossEntropy.categorical(3, Predictions.PROBABILITIES))
                .isNotEqualTo(CrossEntropy.categorical(4, Predictions.PROBABILITIES));
        assertThat(c3.hashCode()).isNotEqualTo(CrossEntropy.categorical(3, Predictions.LOGITS).hashCode());
        SparseCrossEntropy s3 = CrossEntropy.sparse(3, Predictions.LOGITS);
        assertThat(s3.hashCode()).isEqualTo(CrossEntropy.sparse(3, Predictions.LOGITS).hashCode())
                .isNotEqualTo(CrossEntropy.sparse(3, Predictions.PROBABILITIES).hashCode());
        LabelledLogLoss ab = CrossEntropy.labelled(ClassLabels.inOrder("a", "b"));
        assertThat(ab).isNotEqualTo(CrossEntropy.labelled(ClassLabels.inOrder("b", "a")));
        assertThat(ab.hashCode()).isEqualTo(CrossEntropy.labelled(ClassLabels.inOrder("a", "b")).hashCode())
                .isNotEqualTo(CrossEntropy.labelled(ClassLabels.inOrder("a", "c")).hashCode());
        assertThat(c3.toString()).contains("categorical").contains("3");
        assertThat(s3.toString()).contains("sparse").contains("3");
        assertThat(ab.toString()).contains("a").contains("b");
        assertThat(c3.className(2)).isEqualTo("2");
        assertThat(Clipping.KERAS.name()).isEqualTo("keras");
        assertThat(Clipping.KERAS).hasToString("keras (eps = 1.0E-7)");
        assertThat(Clipping.EXACT).hasToString("exact (no clipping)");
        assertThat(Clipping.KERAS.hashCode()).isNotEqualTo(Clipping.EXACT.hashCode());
        assertThat(Clipping.parse("keras")).isEqualTo(Clipping.KERAS);
    }

    @Test
    void categoricalCrossEntropyOnLogProbabilitiesAndTheCollectors() {
        CategoricalCrossEntropy logs = CrossEntropy.categorical(2, Predictions.LOG_PROBABILITIES).using(BACKEND);
        // −(½ ln ¼ + ½ ln ¾) = 0.83698821678583577314 (mpmath)
        double l = logs.accumulator().add(new double[] {0.5, 0.5}, new double[] {Math.log(0.25), Math.log(0.75)});
        assertThat(l).isCloseTo(0.83698821678583577314, within(1e-15));
        // a one-hot target: −ln ¾ = 0.28768207245178092744
        double one = logs.accumulator().add(new double[] {0, 1}, new double[] {Math.log(0.25), Math.log(0.75)});
        assertThat(one).isCloseTo(0.28768207245178092744, within(1e-15));
        LossSummary c = Stream.of(new double[] {0.25, 0.75}, new double[] {0.75, 0.25})
                .collect(CrossEntropy.categorical(2, Predictions.PROBABILITIES).using(BACKEND)
                        .collector((CategoricalAccumulator acc, double[] row) -> acc.add(new double[] {0, 1}, row)));
        // (−ln ¾ − ln ¼)/2 = (0.28768207245178092744 + 1.3862943611198906188)/2
        assertThat(c.mean()).isCloseTo(0.83698821678583577314, within(1e-15));
        LossSummary s = Stream.of(new double[] {0.25, 0.75}, new double[] {0.75, 0.25})
                .collect(CrossEntropy.sparse(2, Predictions.PROBABILITIES).using(BACKEND)
                        .collector((SparseAccumulator acc, double[] row) -> acc.add(1, row)));
        assertThat(s.mean()).isCloseTo(0.83698821678583577314, within(1e-15));
    }
}

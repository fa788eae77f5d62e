package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import dev.xent.testing.TutorialExample3;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tutorial's binary example (shared/docs/TUTORIAL.md, example 3; the values in
 * {@link TutorialExample3} are mpmath's) through the loss layer on every bundled backend: batch,
 * streamed whole, one by one and through a parallel-stream collector. These were part of the
 * api's {@code BackendContract} while the loss layer lived in the api; a backend module's tests no
 * longer see the loss layer, so the loss module runs them against each backend instead.
 */
class BundledBackendsTest {

    @Test
    void theFourBundledBackendsAreInstalledSoNoCaseBelowPassesVacuously() {
        assertThat(Backends.ids()).containsExactly("commons", "kl", "naive", "vector");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"commons", "kl", "naive", "vector"})
    void theTutorialsBinaryLossGivesEachPerExampleValueAndTheMean(String id) {
        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES).using(backend(id));
        LossSummary s = loss.evaluate(TutorialExample3.Y, TutorialExample3.P);
        double[] values = s.perExample().orElseThrow();
        assertThat(values).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(values[i]).as("%s example %d", id, i)
                    .isCloseTo(TutorialExample3.PER_EXAMPLE[i], within(TutorialExample3.TOLERANCE));
        }
        assertThat(s.mean()).as(id).isCloseTo(TutorialExample3.MEAN, within(TutorialExample3.TOLERANCE));
        assertThat(s.count()).isEqualTo(10);
        assertThat(s.clipCount()).isZero();
        assertThat(s.classMean(1).orElseThrow()).as(id)
                .isCloseTo(TutorialExample3.MEAN_CLASS_1, within(TutorialExample3.TOLERANCE));
        assertThat(s.classMean(0).orElseThrow()).as(id)
                .isCloseTo(TutorialExample3.MEAN_CLASS_0, within(TutorialExample3.TOLERANCE));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"commons", "kl", "naive", "vector"})
    void theTutorialsMeanIsTheSameStreamedWholeOneByOneAndInParallel(String id) {
        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES).using(backend(id));
        BinaryAccumulator whole = loss.accumulator().addAll(TutorialExample3.Y, TutorialExample3.P);
        BinaryAccumulator oneByOne = loss.accumulator();
        for (int i = 0; i < 10; i++) {
            assertThat(oneByOne.add(TutorialExample3.Y[i], TutorialExample3.P[i])).as("%s example %d", id, i)
                    .isCloseTo(TutorialExample3.PER_EXAMPLE[i], within(TutorialExample3.TOLERANCE));
        }
        LossSummary parallel = IntStream.range(0, 10).boxed().parallel()
                .collect(loss.collector((acc, i) -> acc.add(TutorialExample3.Y[i], TutorialExample3.P[i])));
        for (LossSummary s : new LossSummary[] {whole.summary(), oneByOne.summary(), parallel}) {
            assertThat(s.count()).isEqualTo(10);
            assertThat(s.weightSum()).isEqualTo(10.0);
            assertThat(s.mean()).as(id).isCloseTo(TutorialExample3.MEAN, within(TutorialExample3.TOLERANCE));
        }
    }

    private static InformationMeasures backend(String id) {
        InformationMeasures b = Backends.byId(id);
        assertThat(b.id()).isEqualTo(id);
        return b;
    }
}

package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.InformationMeasures;
import dev.xent.loss.BinaryAccumulator;
import dev.xent.loss.BinaryCrossEntropy;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.LossSummary;
import dev.xent.loss.Predictions;
import java.util.stream.IntStream;

/**
 * The loss layer on top of a backend: the tutorial's worked example 3 (ten binary predictions)
 * through {@link CrossEntropy#binary} with the backend under test, whole, one by one and through a
 * parallel collector.
 */
final class LossContract {

    private LossContract() {
    }

    static void theTutorialsBinaryLossGivesEachPerExampleValueAndTheMean(InformationMeasures b) {
        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES).using(b);
        LossSummary s = loss.evaluate(TutorialExample3.Y, TutorialExample3.P);
        double[] values = s.perExample().orElseThrow();
        assertThat(values).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(values[i]).as("example %d", i)
                    .isCloseTo(TutorialExample3.PER_EXAMPLE[i], within(TutorialExample3.TOLERANCE));
        }
        assertThat(s.mean()).isCloseTo(TutorialExample3.MEAN, within(TutorialExample3.TOLERANCE));
        assertThat(s.count()).isEqualTo(10);
        assertThat(s.clipCount()).isZero();
        assertThat(s.classMean(1).orElseThrow())
                .isCloseTo(TutorialExample3.MEAN_CLASS_1, within(TutorialExample3.TOLERANCE));
        assertThat(s.classMean(0).orElseThrow())
                .isCloseTo(TutorialExample3.MEAN_CLASS_0, within(TutorialExample3.TOLERANCE));
    }

    static void theTutorialsMeanIsTheSameStreamedWholeOneByOneAndInParallel(InformationMeasures b) {
        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES).using(b);
        BinaryAccumulator whole = loss.accumulator().addAll(TutorialExample3.Y, TutorialExample3.P);
        BinaryAccumulator oneByOne = loss.accumulator();
        for (int i = 0; i < 10; i++) {
            assertThat(oneByOne.add(TutorialExample3.Y[i], TutorialExample3.P[i]))
                    .isCloseTo(TutorialExample3.PER_EXAMPLE[i], within(TutorialExample3.TOLERANCE));
        }
        LossSummary parallel = IntStream.range(0, 10).boxed().parallel()
                .collect(loss.collector((acc, i) -> acc.add(TutorialExample3.Y[i], TutorialExample3.P[i])));
        for (LossSummary s : new LossSummary[] {whole.summary(), oneByOne.summary(), parallel}) {
            assertThat(s.count()).isEqualTo(10);
            assertThat(s.weightSum()).isEqualTo(10.0);
            assertThat(s.mean()).isCloseTo(TutorialExample3.MEAN, within(TutorialExample3.TOLERANCE));
        }
    }
}

package dev.xent.loss;

import dev.xent.Backends;
import dev.xent.InformationMeasures;

/**
 * What every loss of this package shares: its {@link Predictions} form, its number of classes K,
 * its {@link LossOptions}, its classes' names, the row-sum tolerance and the backend. Two
 * families: the cross-entropies ({@link CrossEntropy}: binary, categorical, sparse, labelled) and
 * the KL divergence between target and prediction rows ({@link KlDivergenceLoss}). Each loss is
 * immutable, evaluated on a batch with {@code evaluate(…)} or streamed through its own
 * accumulator ({@link LossAccumulator}), with a {@link LossSummary} as the result; its values are
 * in nats.
 *
 * <p>Implementations are immutable and thread-safe; two losses are equal when they are of the
 * same kind, form, classes and options, which is what lets their accumulators merge.
 */
public sealed interface Loss permits CrossEntropy, KlDivergenceLoss {

    /**
     * The KL divergence KL(t‖q) = Σ t<sub>k</sub> ln(t<sub>k</sub>/q<sub>k</sub>) between a
     * target row and a prediction row over K classes, as a loss ({@link KlDivergenceLoss}). It
     * lives here, not among {@link CrossEntropy}'s factories, because it is not a cross-entropy:
     * it is H(t, q) − H(t).
     *
     * @param numClasses K, at least 2
     * @param form what the prediction rows are
     * @return the loss, with {@link LossOptions#DEFAULTS}, targets as probabilities
     * @throws IllegalArgumentException if K &lt; 2
     */
    static KlDivergenceLoss klDivergence(int numClasses, Predictions form) {
        return new KlDivergenceLoss(numClasses, form, LossOptions.DEFAULTS, false);
    }

    /**
     * What the predictions are.
     *
     * @return the form
     */
    Predictions predictions();

    /**
     * The number of classes K (2 for binary).
     *
     * @return K
     */
    int numClasses();

    /**
     * The options: clipping, smoothing, class weights, row-sum tolerance, backend.
     *
     * @return the options
     */
    LossOptions options();

    /**
     * The name of class k: its label for a {@link LabelledLogLoss}, else its index as text.
     *
     * @param k the class, {@code 0 <= k < numClasses()}
     * @return the name
     */
    String className(int k);

    /**
     * The tolerance for |Σ row − 1| that applies to this loss's rows: the options' or else
     * 8·K·2<sup>−52</sup> ({@link LossOptions#rowSumTolerance(int)}).
     *
     * @return the absolute tolerance
     */
    default double rowSumTolerance() {
        return options().rowSumTolerance(numClasses());
    }

    /**
     * The backend that computes the measures: the one in the options, or else
     * {@link Backends#defaultBackend()} (looked up at each call).
     *
     * @return the backend
     * @throws dev.xent.BackendNotFoundException if none was given and none is installed
     */
    default InformationMeasures backend() {
        return options().backend().orElseGet(Backends::defaultBackend);
    }
}

package dev.xent.loss;

import dev.xent.loss.LossInputException.Input;

/**
 * The streaming accumulator of a {@link CategoricalCrossEntropy}: a target row and a prediction row
 * per example (see {@link LossAccumulator} for memory, accuracy and merging). Mutable, not
 * thread-safe.
 */
public final class CategoricalAccumulator extends LossAccumulator {

    private final CategoricalCrossEntropy loss;

    CategoricalAccumulator(CategoricalCrossEntropy loss, boolean keepValues) {
        super(loss, keepValues);
        this.loss = loss;
    }

    @Override
    public CategoricalCrossEntropy loss() {
        return loss;
    }

    /**
     * Adds one example with weight 1.
     *
     * @param target a distribution over the K classes (one-hot or soft)
     * @param prediction a row of K in the loss's form
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     */
    public double add(double[] target, double[] prediction) {
        return add(target, prediction, 1.0);
    }

    /**
     * Adds one weighted example.
     *
     * @param target a distribution over the K classes (one-hot when there are class weights)
     * @param prediction a row of K in the loss's form
     * @param weight the sample weight, finite, ≥ 0
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     */
    public double add(double[] target, double[] prediction, double weight) {
        long n = tally.count();
        Checks.weight(weight, n);
        Checks.targetRow(target, k, tolerance, n);
        Checks.rowShape(prediction, k, Input.PREDICTION_ROW, "prediction", n);
        double aux = form.checkRow(prediction, k, tolerance, n);
        int klass = Checks.classOf(target, k, options.hasClassWeights(), n);
        double[] t = target;
        if (smoothing != 0.0) {
            t = workspace.targetK;
            for (int i = 0; i < k; i++) {
                t[i] = target[i] * (1.0 - smoothing) + smoothing / k;
            }
        }
        return record(form.categorical(workspace, t, prediction, aux), weight, klass,
                smoothing != 0.0 || target[klass] != 1.0);
    }

    /**
     * Adds a batch of examples with weight 1.
     *
     * @param targets the target rows
     * @param predictions the prediction rows, same length
     * @return this accumulator
     * @throws LossInputException if the lengths differ or an example is invalid (the examples
     *     before it have been added)
     */
    public CategoricalAccumulator addAll(double[][] targets, double[][] predictions) {
        Checks.lengths(targets.length, predictions.length, null);
        for (int i = 0; i < targets.length; i++) {
            add(targets[i], predictions[i], 1.0);
        }
        return this;
    }

    /**
     * Adds everything another accumulator of an equal loss has seen. The result does not depend,
     * beyond {@link #MERGE_RELATIVE_TOLERANCE}, on how the examples were split.
     *
     * @param other an accumulator of an equal loss (same classes, form and {@link LossOptions})
     * @return this accumulator, now holding both
     * @throws IllegalArgumentException if the other's loss is different
     */
    public CategoricalAccumulator merge(CategoricalAccumulator other) {
        mergeFrom(other);
        return this;
    }
}

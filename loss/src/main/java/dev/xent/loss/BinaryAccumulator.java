package dev.xent.loss;

/**
 * The streaming accumulator of a {@link BinaryCrossEntropy}: one target y ∈ [0, 1] and one
 * prediction per example (see {@link LossAccumulator} for memory, accuracy and merging).
 * Mutable, not thread-safe.
 */
public final class BinaryAccumulator extends LossAccumulator {

    private final BinaryCrossEntropy loss;

    BinaryAccumulator(BinaryCrossEntropy loss, boolean keepValues) {
        super(loss, keepValues);
        this.loss = loss;
    }

    @Override
    public BinaryCrossEntropy loss() {
        return loss;
    }

    /**
     * Adds one example with weight 1.
     *
     * @param target y ∈ [0, 1]: a label 0 or 1, or a soft target
     * @param prediction P(class 1) in the loss's form
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     */
    public double add(double target, double prediction) {
        return add(target, prediction, 1.0);
    }

    /**
     * Adds one weighted example. A label y = 1 costs −ln p and y = 0 costs −ln(1 − p) (one
     * logarithm, see {@link Predictions}); its class is 1 when y &gt; 1/2.
     *
     * @param target y ∈ [0, 1]: a label 0 or 1, or a soft target (not with class weights)
     * @param prediction P(class 1) in the loss's form
     * @param weight the sample weight, finite, ≥ 0
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     */
    public double add(double target, double prediction, double weight) {
        long n = tally.count();
        Checks.weight(weight, n);
        Checks.binaryTarget(target, options.hasClassWeights(), n);
        form.check(prediction, n);
        double y = smoothing == 0.0 ? target : target * (1.0 - smoothing) + 0.5 * smoothing;
        double l = form.binary(workspace, y, prediction);
        return record(l, weight, target > 0.5 ? 1 : 0, y != 0.0 && y != 1.0);
    }

    /**
     * Adds a batch of examples with weight 1.
     *
     * @param targets the targets y<sub>n</sub>
     * @param predictions the predictions, same length
     * @return this accumulator
     * @throws LossInputException if the lengths differ or an example is invalid (the examples
     *     before it have been added)
     */
    public BinaryAccumulator addAll(double[] targets, double[] predictions) {
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
     * @param other an accumulator of an equal loss (same form and {@link LossOptions})
     * @return this accumulator, now holding both
     * @throws IllegalArgumentException if the other's loss is different
     */
    public BinaryAccumulator merge(BinaryAccumulator other) {
        mergeFrom(other);
        return this;
    }
}

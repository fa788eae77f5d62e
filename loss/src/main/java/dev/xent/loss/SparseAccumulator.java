package dev.xent.loss;

/**
 * The streaming accumulator of a {@link SparseCrossEntropy}: a class index and a prediction row
 * per example (see {@link LossAccumulator} for memory, accuracy and merging). Mutable, not
 * thread-safe.
 */
public final class SparseAccumulator extends LossAccumulator {

    private final SparseCrossEntropy loss;

    SparseAccumulator(SparseCrossEntropy loss, boolean keepValues) {
        super(loss, keepValues);
        this.loss = loss;
    }

    @Override
    public SparseCrossEntropy loss() {
        return loss;
    }

    /**
     * Adds one example with weight 1.
     *
     * @param label the true class y ∈ {0, …, K−1}
     * @param prediction a row of K in the loss's form
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     */
    public double add(int label, double[] prediction) {
        return addClass(label, prediction, 1.0);
    }

    /**
     * Adds one weighted example.
     *
     * @param label the true class y ∈ {0, …, K−1}
     * @param prediction a row of K in the loss's form
     * @param weight the sample weight, finite, ≥ 0
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     */
    public double add(int label, double[] prediction, double weight) {
        return addClass(label, prediction, weight);
    }

    /**
     * Adds a batch of examples with weight 1.
     *
     * @param labels the classes y<sub>n</sub>
     * @param predictions the rows, same length
     * @return this accumulator
     * @throws LossInputException if the lengths differ or an example is invalid (the examples
     *     before it have been added)
     */
    public SparseAccumulator addAll(int[] labels, double[][] predictions) {
        Checks.lengths(labels.length, predictions.length, null);
        for (int i = 0; i < labels.length; i++) {
            addClass(labels[i], predictions[i], 1.0);
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
    public SparseAccumulator merge(SparseAccumulator other) {
        mergeFrom(other);
        return this;
    }
}

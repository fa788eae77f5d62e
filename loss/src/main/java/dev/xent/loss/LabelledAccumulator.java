package dev.xent.loss;

import dev.xent.loss.LossInputException.Input;
import java.util.List;
import java.util.Objects;

/**
 * The streaming accumulator of a {@link LabelledLogLoss}: a class name and a prediction row
 * per example (see {@link LossAccumulator} for memory, accuracy and merging). Mutable, not
 * thread-safe.
 */
public final class LabelledAccumulator extends LossAccumulator {

    private final LabelledLogLoss loss;

    LabelledAccumulator(LabelledLogLoss loss, boolean keepValues) {
        super(loss, keepValues);
        this.loss = loss;
    }

    @Override
    public LabelledLogLoss loss() {
        return loss;
    }

    /**
     * Adds one example with weight 1.
     *
     * @param label the true class's name
     * @param prediction a row of K in the loss's form, columns in the labels' order
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid or the name unknown; nothing is added
     *     then
     */
    public double add(String label, double[] prediction) {
        return add(label, prediction, 1.0);
    }

    /**
     * Adds one weighted example.
     *
     * @param label the true class's name
     * @param prediction a row of K in the loss's form, columns in the labels' order
     * @param weight the sample weight, finite, ≥ 0
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid or the name unknown; nothing is added
     *     then
     */
    public double add(String label, double[] prediction, double weight) {
        ClassLabels names = loss.labels();
        int index;
        try {
            index = names.indexOf(Objects.requireNonNull(label, "label"));
        } catch (IllegalArgumentException e) {
            throw LossInputException.of(tally.count(), -1, Input.LABEL, label,
                    "one of the classes " + names, "label '%s' is not one of the classes %s",
                    label, names);
        }
        return addClass(index, prediction, weight);
    }

    /**
     * Adds a batch of examples with weight 1.
     *
     * @param labels the true classes, by name
     * @param predictions the rows, same length
     * @return this accumulator
     * @throws LossInputException if the lengths differ or an example is invalid (the examples
     *     before it have been added)
     */
    public LabelledAccumulator addAll(List<String> labels, double[][] predictions) {
        Checks.lengths(labels.size(), predictions.length, null);
        for (int i = 0; i < predictions.length; i++) {
            add(labels.get(i), predictions[i], 1.0);
        }
        return this;
    }

    /**
     * Adds everything another accumulator of an equal loss has seen. The result does not depend,
     * beyond {@link #MERGE_RELATIVE_TOLERANCE}, on how the examples were split.
     *
     * @param other an accumulator of an equal loss (same labels, form and {@link LossOptions})
     * @return this accumulator, now holding both
     * @throws IllegalArgumentException if the other's loss is different
     */
    public LabelledAccumulator merge(LabelledAccumulator other) {
        mergeFrom(other);
        return this;
    }
}

package dev.xent.spark;

import dev.xent.loss.BinaryCrossEntropy;
import dev.xent.loss.CategoricalCrossEntropy;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.LabelledLogLoss;
import dev.xent.loss.LossAccumulator;
import dev.xent.loss.SparseCrossEntropy;

/** A fresh accumulator of any loss (each loss type has its own {@code accumulator()}). */
final class XentAccumulators {

    private XentAccumulators() {
    }

    static LossAccumulator of(CrossEntropy loss) {
        if (loss instanceof BinaryCrossEntropy) {
            return ((BinaryCrossEntropy) loss).accumulator();
        } else if (loss instanceof CategoricalCrossEntropy) {
            return ((CategoricalCrossEntropy) loss).accumulator();
        } else if (loss instanceof SparseCrossEntropy) {
            return ((SparseCrossEntropy) loss).accumulator();
        }
        return ((LabelledLogLoss) loss).accumulator();
    }
}

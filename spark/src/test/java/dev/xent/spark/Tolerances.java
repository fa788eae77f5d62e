package dev.xent.spark;

import dev.xent.loss.LossAccumulator;

/** The tolerances of this module's tests, each with its reason. */
final class Tolerances {

    /**
     * Two groupings of the same rows: the loss layer's documented bound for a mean or a sum,
     * {@link LossAccumulator#MERGE_RELATIVE_TOLERANCE} (16·2⁻⁵³, relative).
     */
    static final double MERGE = LossAccumulator.MERGE_RELATIVE_TOLERANCE;

    /**
     * A class's mean across a Spark merge: the buffer rebuilds a class's Σwℓ as mean × Σw (one more
     * rounding on each side, LossBuffer's javadoc), so twice the merge bound.
     */
    static final double CLASS_MERGE = 2 * LossAccumulator.MERGE_RELATIVE_TOLERANCE;

    /**
     * A measure or a mean against its exact value (mpmath, 50 digits): the commons backend's few
     * ulps per term plus the final rounding; 32·2⁻⁵³ relative leaves a margin for the compensated
     * sums' 2u and the division.
     */
    static final double EXACT = 32 * 0x1p-53;

    private Tolerances() {
    }
}

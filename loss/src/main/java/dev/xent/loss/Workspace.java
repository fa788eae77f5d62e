package dev.xent.loss;

import dev.xent.InformationMeasures;

/**
 * What one accumulator needs to evaluate its examples without allocating: the backend (only for
 * probabilities), the clipping policy, scratch rows, and whether clipping changed the example just
 * evaluated. Mutable, one per accumulator, never shared.
 */
final class Workspace {

    /** The backend, or null when the form needs none (logits, log-probabilities). */
    final InformationMeasures backend;
    final Clipping clipping;
    /** [1 − y, y] and [1 − p, p] for a soft binary target. */
    final double[] target2 = new double[2];
    final double[] pred2 = new double[2];
    /** A smoothed target row, and a clipped prediction row. */
    final double[] targetK;
    final double[] predK;
    /** Set by the {@link Predictions} kernels: clipping changed a probability the loss used. */
    boolean clipped;

    Workspace(InformationMeasures backend, Clipping clipping, int k) {
        this.backend = backend;
        this.clipping = clipping;
        this.targetK = new double[k];
        this.predK = new double[k];
    }
}

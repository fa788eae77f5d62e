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
    /** The profile's rescaling of probability rows, and its order (categorical rows). */
    final boolean rescales;
    final boolean clipFirst;
    /** The profile's clamp of −ln q at {@link Profile#PYTORCH_LOG_CLAMP}. */
    final boolean clampsLog;
    /** Set by the kernels: the row just evaluated was divided by a sum other than 1. */
    boolean rescaled;
    /** Set by the kernels: how many terms of the example just evaluated were clamped. */
    int clamped;

    Workspace(InformationMeasures backend, LossOptions options, int k) {
        this.backend = backend;
        this.clipping = options.clipping();
        Profile profile = options.profile();
        this.rescales = profile.rescalesRows();
        this.clipFirst = profile.clipsBeforeRescaling(false);
        this.clampsLog = profile.clampsLogs();
        this.targetK = new double[k];
        this.predK = new double[k];
    }

    /** −ln q clamped at {@link Profile#PYTORCH_LOG_CLAMP} when the profile says so, counted. */
    double clamp(double information) {
        if (clampsLog && information > Profile.PYTORCH_LOG_CLAMP) {
            clamped++;
            return Profile.PYTORCH_LOG_CLAMP;
        }
        return information;
    }

    /**
     * A probability row rescaled to sum to 1 and clipped, into {@link #predK}: clipped first and
     * then divided by the clipped row's sum when {@code clipBefore}, else divided by the row's sum
     * and then clipped. Sets {@link #rescaled} and {@link #clipped} (any entry changed by the
     * clipping: every entry enters the sum). The caller has checked that the row's sum is
     * positive.
     */
    double[] rescale(double[] row, boolean clipBefore) {
        int n = row.length;
        double s = 0.0;
        boolean changed = false;
        if (clipBefore) {
            for (int i = 0; i < n; i++) {
                double c = clipping.clip(row[i]);
                changed |= c != row[i];
                predK[i] = c;
                s += c;
            }
            for (int i = 0; i < n; i++) {
                predK[i] /= s;
            }
        } else {
            for (int i = 0; i < n; i++) {
                s += row[i];
            }
            for (int i = 0; i < n; i++) {
                double d = row[i] / s;
                double c = clipping.clip(d);
                changed |= c != d;
                predK[i] = c;
            }
        }
        clipped = changed;
        rescaled = s != 1.0;
        return predK;
    }
}

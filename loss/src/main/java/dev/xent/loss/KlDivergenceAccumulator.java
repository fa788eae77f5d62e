package dev.xent.loss;

import dev.xent.loss.LossInputException.Input;
import dev.xent.sum.CompensatedSum;

/**
 * The streaming accumulator of a {@link KlDivergenceLoss}: a target row and a prediction row per
 * example (see {@link LossAccumulator} for memory, accuracy and merging; nothing is allocated per
 * example). Mutable, not thread-safe.
 */
public final class KlDivergenceAccumulator extends LossAccumulator {

    /** Keras' clip of both rows in {@code KLDivergence}: [1e-7, 1] ({@code backend.epsilon()}). */
    private static final double KERAS_EPSILON = Clipping.KERAS.epsilon();

    private final KlDivergenceLoss loss;
    private final Profile profile;
    private final boolean logTargets;
    /** The tolerance for target rows: the loss's, or +∞ when the profile does not check them. */
    private final double targetTolerance;
    private final double predictionTolerance;

    KlDivergenceAccumulator(KlDivergenceLoss loss, boolean keepValues) {
        super(loss, keepValues);
        this.loss = loss;
        this.profile = loss.options().profile();
        this.logTargets = loss.logTargets();
        double tol = loss.rowSumTolerance();
        this.targetTolerance = profile == Profile.EXACT ? tol : Double.POSITIVE_INFINITY;
        // Keras and PyTorch take the rows as given: the sums are not checked
        this.predictionTolerance = profile == Profile.EXACT ? tol : Double.POSITIVE_INFINITY;
    }

    @Override
    public KlDivergenceLoss loss() {
        return loss;
    }

    /**
     * Adds one example with weight 1.
     *
     * @param target the target row (probabilities, or logarithms with log targets)
     * @param prediction a row of K in the loss's form
     * @return the example's KL(t‖q) in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     */
    public double add(double[] target, double[] prediction) {
        return add(target, prediction, 1.0);
    }

    /**
     * Adds one weighted example.
     *
     * @param target the target row (probabilities, or logarithms with log targets)
     * @param prediction a row of K in the loss's form
     * @param weight the sample weight, finite, ≥ 0
     * @return the example's KL(t‖q) in nats (unweighted), possibly +∞; ≥ 0 and 0 only for t = q,
     *     except under a peer profile, whose rows need not be distributions
     * @throws LossInputException if the example is invalid; nothing is added then
     */
    public double add(double[] target, double[] prediction, double weight) {
        long n = tally.count();
        Checks.weight(weight, n);
        Checks.rowShape(target, k, Input.TARGET_ROW, "target", n);
        if (logTargets) {
            for (int i = 0; i < k; i++) {
                if (!(target[i] <= 0.0)) {
                    throw LossInputException.of(n, i, Input.TARGET, target[i], "in [-Infinity, 0]",
                            "log target %s at class %d is not in [-Infinity, 0]", target[i], i);
                }
            }
        } else {
            Checks.probabilities(target, k, Input.TARGET, "target", n);
        }
        if (targetTolerance != Double.POSITIVE_INFINITY) {
            Checks.rowSum(target, k, logTargets, targetTolerance, Input.TARGET_ROW, "target", n);
        }
        Checks.rowShape(prediction, k, Input.PREDICTION_ROW, "prediction", n);
        double aux = predictionTolerance == Double.POSITIVE_INFINITY && form == Predictions.PROBABILITIES
                ? checkKerasRow(prediction, n) : form.checkRow(prediction, k, predictionTolerance, n);
        int klass = Checks.classOf(target, k, false, n);
        double l;
        if (profile == Profile.KERAS) {
            l = keras(target, prediction);
        } else {
            l = kl(target, prediction, aux, profile != Profile.EXACT);
        }
        return record(l, weight, klass, true);
    }

    /** Keras takes any probabilities (it clips them): entries in [0, 1], the sum unchecked. */
    private double checkKerasRow(double[] row, long n) {
        Checks.probabilities(row, k, Input.PREDICTION, "prediction", n);
        return 1.0;
    }

    /**
     * Keras 3 {@code KLDivergence}: Σ t′ ln(t′/q′), t′ and q′ clipped to [1e-7, 1]; each term as
     * its formula reads (keeping its digits near t′ = q′), the terms summed compensated.
     */
    private double keras(double[] target, double[] prediction) {
        boolean changed = false;
        double s = 0.0;
        double c = 0.0;
        for (int i = 0; i < k; i++) {
            double t = Math.min(Math.max(target[i], KERAS_EPSILON), 1.0);
            double q = Math.min(Math.max(prediction[i], KERAS_EPSILON), 1.0);
            changed |= t != target[i] || q != prediction[i];
            double x = LogSpace.xLogRatio(t, q);
            double u = s + x;
            c += CompensatedSum.error(s, x, u);
            s = u;
        }
        workspace.clipped = changed;
        return CompensatedSum.value(s, c);
    }

    /**
     * Strictly ({@code asGiven} false): Σ (t ln(t/q) − t + q), a sum of non-negative terms, each
     * keeping its digits near t = q. As given (a peer's rows, not distributions): Σ t ln(t/q),
     * each term as its formula reads, summed compensated. q from the row's form (clipped by the
     * options' policy).
     */
    private double kl(double[] target, double[] prediction, double aux, boolean asGiven) {
        Clipping clipping = options.clipping();
        boolean changed = false;
        double terms = 0.0;
        double s = 0.0;
        double c = 0.0;
        double logS = form == Predictions.LOGITS ? LogSpace.logSumExpShifted(prediction, k, aux) : 0.0;
        for (int i = 0; i < k; i++) {
            double t = logTargets ? Math.exp(target[i]) : target[i];
            double term;
            if (form == Predictions.PROBABILITIES && !logTargets) {
                double q = clipping.clip(prediction[i]);
                changed |= t > 0.0 && q != prediction[i];
                term = asGiven ? LogSpace.xLogRatio(t, q) : LogSpace.klTerm(t, q);
            } else {
                double lq;
                if (form == Predictions.PROBABILITIES) {
                    double p = clipping.clip(prediction[i]);
                    changed |= t > 0.0 && p != prediction[i];
                    lq = Math.log(p);
                } else if (form == Predictions.LOGITS) {
                    lq = (prediction[i] - aux) - logS;
                } else {
                    lq = clipping.clipLog(prediction[i]);
                    changed |= t > 0.0 && lq != prediction[i];
                }
                double lt = logTargets ? target[i] : Math.log(t);
                // as given: PyTorch's pointwise t·(ln t − input), 0 where t = 0
                term = !asGiven ? LogSpace.klTermLog(t, lt, lq)
                        : t == 0.0 ? 0.0 : t * (lt - lq);
            }
            if (asGiven) {
                double u = s + term;
                c += CompensatedSum.error(s, term, u);
                s = u;
            } else {
                terms += term;
            }
        }
        workspace.clipped = changed;
        return asGiven ? CompensatedSum.value(s, c) : terms;
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
    public KlDivergenceAccumulator addAll(double[][] targets, double[][] predictions) {
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
     * @param other an accumulator of an equal loss
     * @return this accumulator, now holding both
     * @throws IllegalArgumentException if the other's loss is different
     */
    public KlDivergenceAccumulator merge(KlDivergenceAccumulator other) {
        mergeFrom(other);
        return this;
    }
}

package dev.xent.loss;

import dev.xent.loss.LossInputException.Input;

/**
 * What the numbers given as predictions are. A loss is created for exactly one of these, so that
 * logits are never mistaken for probabilities (the "double softmax" of a model whose last layer
 * already applied a softmax, or a sigmoid applied twice, cannot happen by accident: xent never
 * guesses the form from the values).
 *
 * <p>Each form carries its own check of a prediction and its own per-example loss; there is no
 * default case. Keras encodes the same choice as {@code from_logits=True/False}; PyTorch as two
 * different classes ({@code BCELoss} takes probabilities, {@code BCEWithLogitsLoss} logits;
 * {@code NLLLoss} log-probabilities, {@code CrossEntropyLoss} logits); scikit-learn's
 * {@code log_loss} takes probabilities only.
 */
public enum Predictions {

    /**
     * Probabilities in [0, 1]. Binary: one number, P(class 1). Categorical: one row per example,
     * summing to 1 (within the loss's row-sum tolerance, {@link LossOptions#withRowSumTolerance}).
     * The clipping policy applies to these. Computed through the backend: −ln q<sub>y</sub> with
     * {@link dev.xent.InformationMeasures#informationNats(double)} for a label (a binary y = 0
     * costs −ln(1 − p), taken as −log1p(−p) for p ≤ ½ so that a tiny p keeps all its digits), H(t,
     * q) with {@link dev.xent.InformationMeasures#crossEntropyNats(double[], double[])} for a target
     * row or a soft binary target (t = [1 − y, y], q = [1 − p, p]). A hard label costs one
     * logarithm and allocates nothing. A {@link Profile} may rescale rows (their sum is then not
     * checked, only that it is positive) and clamp −ln q at 100, term by term (then each term is
     * the backend's {@code informationNats}).
     */
    PROBABILITIES {
        @Override
        void check(double p, long example) {
            if (!(p >= 0.0 && p <= 1.0)) {
                throw LossInputException.of(example, -1, Input.PREDICTION, p,
                        "in [0, 1]", "prediction %s is not a probability in [0, 1]", p);
            }
        }

        @Override
        double binary(Workspace w, double y, double prediction) {
            double p = w.clipping.clip(prediction);
            w.clipped = p != prediction;
            if (w.clampsLog) {
                // PyTorch's BCELoss: −(y·max(ln p, −100) + (1 − y)·max(ln(1 − p), −100))
                double l = 0.0;
                if (y > 0.0) {
                    l += y * w.clamp(w.backend.informationNats(p));
                }
                if (y < 1.0) {
                    l += (1.0 - y) * w.clamp(LogSpace.complementInformation(w.backend, p));
                }
                return l;
            }
            if (y == 1.0) {
                return w.backend.informationNats(p);
            } else if (y == 0.0) {
                return LogSpace.complementInformation(w.backend, p);
            }
            w.target2[0] = 1.0 - y;
            w.target2[1] = y;
            w.pred2[0] = 1.0 - p;
            w.pred2[1] = p;
            return w.backend.crossEntropyNats(w.target2, w.pred2);
        }

        @Override
        double checkRow(double[] row, int k, double tolerance, long example) {
            Checks.probabilities(row, k, Input.PREDICTION, "prediction", example);
            if (tolerance == Double.POSITIVE_INFINITY) {
                // a profile rescales the row: its sum is not checked, but it must be positive
                Checks.positiveSum(row, k, example);
            } else {
                Checks.rowSum(row, k, false, tolerance, Input.PREDICTION_ROW, "prediction", example);
            }
            return 1.0;
        }

        @Override
        double sparse(Workspace w, int label, double[] row, double max) {
            double q;
            if (w.rescales) {
                q = w.rescale(row, true)[label];
            } else {
                q = w.clipping.clip(row[label]);
                w.clipped = q != row[label];
            }
            return w.clamp(w.backend.informationNats(q));
        }

        @Override
        double categorical(Workspace w, double[] t, double[] row, double max) {
            double[] q = row;
            w.clipped = false;
            if (w.rescales) {
                q = w.rescale(row, w.clipFirst);
            } else if (!w.clipping.isExact()) {
                q = w.predK;
                for (int i = 0; i < row.length; i++) {
                    q[i] = w.clipping.clip(row[i]);
                    w.clipped |= t[i] > 0.0 && q[i] != row[i];
                }
            }
            if (w.clampsLog) {
                double l = 0.0;
                for (int i = 0; i < q.length; i++) {
                    if (t[i] > 0.0) {
                        l += t[i] * w.clamp(w.backend.informationNats(q[i]));
                    }
                }
                return l;
            }
            return w.backend.crossEntropyNats(t, q);
        }

        @Override
        boolean needsBackend() {
            return true;
        }
    },

    /**
     * Logits (unnormalised log-odds), any finite real number. Binary: z with P(class 1) =
     * σ(z) = 1/(1 + e<sup>−z</sup>); categorical: a row z with q = softmax(z). Computed in log
     * space, never through a probability that could underflow: binary ℓ = (1 − y)·softplus(z) +
     * y·softplus(−z), softplus(x) = max(x, 0) + log1p(e<sup>−|x|</sup>); categorical ℓ = Σ
     * t<sub>k</sub>((m − z<sub>k</sub>) + ln Σ e<sup>z<sub>j</sub> − m</sup>), m = max z
     * (log-sum-exp). Every term is ≥ 0, so nothing cancels: a logit of ±1e4, ±1e300 gives the exact
     * finite loss (within a few ulps); the result overflows to +∞ only if the exact loss exceeds
     * {@link Double#MAX_VALUE}. (These do not go through the backend: its raw methods take
     * probabilities, and e<sup>z</sup> underflows to 0 below z ≈ −745, which would turn a finite
     * loss into +∞.) The clipping policy does not apply: a finite logit never yields a probability
     * of exactly 0 or 1, so there is no log 0 to guard against (Keras' {@code from_logits=True}
     * path does not clip either).
     */
    LOGITS {
        @Override
        void check(double z, long example) {
            if (!(Math.abs(z) < Double.POSITIVE_INFINITY)) {
                throw LossInputException.of(example, -1, Input.PREDICTION, z, "a finite number",
                        "logit %s is not a finite number", z);
            }
        }

        @Override
        double binary(Workspace w, double y, double z) {
            w.clipped = false;
            double l = 0.0;
            if (y < 1.0) {
                l += (1.0 - y) * LogSpace.softplus(z);
            }
            if (y > 0.0) {
                l += y * LogSpace.softplus(-z);
            }
            return l;
        }

        @Override
        double checkRow(double[] row, int k, double tolerance, long example) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                if (!(Math.abs(row[i]) < Double.POSITIVE_INFINITY)) {
                    throw LossInputException.of(example, i, Input.PREDICTION, row[i], "a finite number",
                            "logit %s at class %d is not a finite number", row[i], i);
                }
                max = Math.max(max, row[i]);
            }
            return max;
        }

        @Override
        double sparse(Workspace w, int label, double[] row, double max) {
            w.clipped = false;
            return (max - row[label]) + LogSpace.logSumExpShifted(row, row.length, max);
        }

        @Override
        double categorical(Workspace w, double[] t, double[] row, double max) {
            w.clipped = false;
            double logS = LogSpace.logSumExpShifted(row, row.length, max);
            double l = 0.0;
            for (int i = 0; i < row.length; i++) {
                if (t[i] > 0.0) {
                    l += t[i] * ((max - row[i]) + logS);
                }
            }
            return l;
        }
    },

    /**
     * Natural-log probabilities ln q in [−∞, 0] (what a {@code log_softmax} layer returns and
     * PyTorch's {@code NLLLoss} expects). Binary: ln P(class 1), with ln(1 − p) = log1mexp(ln p)
     * (Mächler's {@code log(-expm1(x))} / {@code log1p(-exp(x))} switch at −ln 2); categorical: one
     * row per example whose exponentials sum to 1 (within the row-sum tolerance), ℓ = −Σ
     * t<sub>k</sub> ln q<sub>k</sub> directly. The clipping policy applies, in log space: ln q is
     * clamped to [ln ε, ln(1 − ε)].
     */
    LOG_PROBABILITIES {
        @Override
        void check(double lp, long example) {
            if (!(lp <= 0.0)) {
                throw LossInputException.of(example, -1, Input.PREDICTION, lp, "in [-Infinity, 0]",
                        "log-probability %s is not in [-Infinity, 0]", lp);
            }
        }

        @Override
        double binary(Workspace w, double y, double prediction) {
            double lp = w.clipping.clipLog(prediction);
            w.clipped = lp != prediction;
            double l = 0.0;
            if (y > 0.0) {
                l -= y * lp;
            }
            if (y < 1.0) {
                l -= (1.0 - y) * LogSpace.log1mexp(lp);
            }
            return l;
        }

        @Override
        double checkRow(double[] row, int k, double tolerance, long example) {
            for (int i = 0; i < k; i++) {
                if (!(row[i] <= 0.0)) {
                    throw LossInputException.of(example, i, Input.PREDICTION, row[i], "in [-Infinity, 0]",
                            "log-probability %s at class %d is not in [-Infinity, 0]", row[i], i);
                }
            }
            Checks.rowSum(row, k, true, tolerance, Input.PREDICTION_ROW, "prediction", example);
            return 0.0;
        }

        @Override
        double sparse(Workspace w, int label, double[] row, double max) {
            double lq = w.clipping.clipLog(row[label]);
            w.clipped = lq != row[label];
            return -lq;
        }

        @Override
        double categorical(Workspace w, double[] t, double[] row, double max) {
            w.clipped = false;
            double l = 0.0;
            for (int i = 0; i < row.length; i++) {
                if (t[i] > 0.0) {
                    double lq = w.clipping.clipLog(row[i]);
                    w.clipped |= lq != row[i];
                    l -= t[i] * lq;
                }
            }
            return l;
        }
    };

    /** Checks one binary prediction in this form. */
    abstract void check(double prediction, long example);

    /** The binary loss of a checked prediction for a checked (possibly smoothed) y ∈ [0, 1]. */
    abstract double binary(Workspace w, double y, double prediction);

    /**
     * Checks a prediction row of K (already of the right length) in this form; returns what the
     * kernels below need: the maximum for logits (log-sum-exp), otherwise an unused value.
     */
    abstract double checkRow(double[] row, int k, double tolerance, long example);

    /** −ln q<sub>y</sub> of a checked row, unsmoothed. */
    abstract double sparse(Workspace w, int label, double[] row, double aux);

    /** H(t, q) of a checked (possibly smoothed) target row and a checked row. */
    abstract double categorical(Workspace w, double[] t, double[] row, double aux);

    /** Whether this form is computed through the backend. */
    boolean needsBackend() {
        return false;
    }
}

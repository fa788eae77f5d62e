package dev.xent.loss;

/**
 * What the numbers given as predictions are. A loss is created for exactly one of these, so that
 * logits are never mistaken for probabilities (the "double softmax" of a model whose last layer
 * already applied a softmax, or a sigmoid applied twice, cannot happen by accident: xent never
 * guesses the form from the values).
 *
 * <p>Keras encodes the same choice as {@code from_logits=True/False}; PyTorch as two different
 * classes ({@code BCELoss} takes probabilities, {@code BCEWithLogitsLoss} logits; {@code NLLLoss}
 * log-probabilities, {@code CrossEntropyLoss} logits); scikit-learn's {@code log_loss} takes
 * probabilities only.
 */
public enum Predictions {

    /**
     * Probabilities in [0, 1]. Binary: one number, P(class 1). Categorical: one row per example,
     * summing to 1 (within the loss's {@linkplain CrossEntropyLoss#rowSumTolerance() row-sum
     * tolerance}). The clipping policy applies to these.
     */
    PROBABILITIES,

    /**
     * Logits (unnormalised log-odds), any finite real number. Binary: z with P(class 1) =
     * σ(z) = 1/(1 + e<sup>−z</sup>); categorical: a row z with q = softmax(z). Computed in log
     * space (softplus / log-sum-exp), so that logits of ±1e4 and far beyond give the exact finite
     * loss. The clipping policy does not apply: a finite logit never yields a probability of
     * exactly 0 or 1, so there is no log 0 to guard against (Keras' {@code from_logits=True} path
     * does not clip either).
     */
    LOGITS,

    /**
     * Natural-log probabilities ln q in [−∞, 0] (what a {@code log_softmax} layer returns and
     * PyTorch's {@code NLLLoss} expects). Binary: ln P(class 1); categorical: one row per example
     * whose exponentials sum to 1 (within the row-sum tolerance). The clipping policy applies, in
     * log space: ln q is clamped to [ln ε, ln(1 − ε)].
     */
    LOG_PROBABILITIES
}

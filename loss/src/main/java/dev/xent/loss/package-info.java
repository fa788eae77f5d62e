/**
 * Cross-entropy as a classification loss: binary, categorical and sparse categorical
 * cross-entropy, scikit-learn style log loss and the negative log-likelihood, from probabilities,
 * logits or log-probabilities, weighted, label-smoothed, with one named {@link
 * dev.xent.loss.Clipping clipping policy}, batch ({@link dev.xent.loss.CrossEntropyLoss}) or
 * streamed in constant memory ({@link dev.xent.loss.LossAccumulator}).
 *
 * <p>For one example with target distribution t and predicted distribution q over K classes the
 * loss is the cross-entropy H(t, q) = −Σ<sub>k</sub> t<sub>k</sub> ln q<sub>k</sub> in nats; with
 * a one-hot target (a known class y) it is −ln q<sub>y</sub>, the negative log-likelihood of the
 * observed class. Averaged over a dataset this is log loss (scikit-learn), binary or categorical
 * cross-entropy (Keras) and the Bernoulli / multinoulli negative log-likelihood: one quantity
 * under four names. Wherever a measure of two probability vectors is involved it is computed by
 * the chosen {@link dev.xent.InformationMeasures} backend.
 */
package dev.xent.loss;

/**
 * Cross-entropy as a classification loss, one type per kind of data: binary
 * ({@link dev.xent.loss.BinaryCrossEntropy}), categorical with target rows
 * ({@link dev.xent.loss.CategoricalCrossEntropy}), sparse with class indices, including the
 * negative log-likelihood ({@link dev.xent.loss.SparseCrossEntropy}), and scikit-learn style log
 * loss with class names ({@link dev.xent.loss.LabelledLogLoss}) — all created by the factories of
 * {@link dev.xent.loss.CrossEntropy} — and the KL divergence between target and prediction rows
 * ({@link dev.xent.loss.KlDivergenceLoss}, made by {@link dev.xent.loss.Loss#klDivergence}), from probabilities, logits or log-probabilities
 * ({@link dev.xent.loss.Predictions}), configured by one immutable
 * {@link dev.xent.loss.LossOptions} value (clipping policy, peer {@link dev.xent.loss.Profile},
 * label smoothing, class weights, row-sum tolerance, backend), evaluated on a batch or streamed in constant memory through each
 * kind's own {@link dev.xent.loss.LossAccumulator}, with a {@link dev.xent.loss.LossSummary} as
 * the result (with perplexity, bits per token and the D² skill score against the class priors).
 *
 * <p>For one example with target distribution t and predicted distribution q over K classes the
 * loss is the cross-entropy H(t, q) = −Σ<sub>k</sub> t<sub>k</sub> ln q<sub>k</sub> in nats; with
 * a one-hot target (a known class y) it is −ln q<sub>y</sub>, the negative log-likelihood of the
 * observed class. Averaged over a dataset this is log loss (scikit-learn), binary or categorical
 * cross-entropy (Keras) and the Bernoulli / multinoulli negative log-likelihood: one quantity
 * under four names. Wherever a measure of two probability vectors is involved it is computed by
 * the chosen {@link dev.xent.InformationMeasures} backend; the loss layer is a client of that
 * service like any application, in its own module {@code dev.xent.loss}.
 *
 * <p>Bad input throws {@link dev.xent.loss.LossInputException}, whose fields (example index,
 * class index, value, what was expected) let a caller report a position of its own, such as a
 * file's line and column.
 */
package dev.xent.loss;

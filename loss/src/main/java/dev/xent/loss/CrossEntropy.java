package dev.xent.loss;

import dev.xent.Backends;
import dev.xent.InformationMeasures;

/**
 * Cross-entropy as a classification loss — one type per kind of data, fixed at compile time:
 * {@link BinaryCrossEntropy} (a target y ∈ [0, 1] and one prediction per example),
 * {@link CategoricalCrossEntropy} (target rows, one-hot or soft, and prediction rows),
 * {@link SparseCrossEntropy} (class indices and prediction rows; with log-probabilities, the
 * negative log-likelihood) and {@link LabelledLogLoss} (class names and prediction rows,
 * scikit-learn's {@code log_loss}). This interface holds their factories (the KL divergence, which
 * is not a cross-entropy, is made by {@link Loss#klDivergence(int, Predictions)}); what they share
 * is in {@link Loss};
 * each is immutable, configured once with {@link LossOptions}, then applied to a batch with
 * {@code evaluate(…)} or streamed through its own {@code accumulator()} or {@code collector(…)}.
 *
 * <h2>Definitions (nats)</h2>
 * For one example with target distribution t and predicted distribution q over K classes:
 * <pre>
 *   ℓ(t, q) = H(t, q) = −Σ_k t_k ln q_k                      (categorical cross-entropy)
 *   ℓ(y, q) = −ln q_y                                         (sparse: t is the one-hot of class y)
 *   ℓ(y, p) = −y ln p − (1 − y) ln(1 − p)                     (binary: t = [1 − y, y], q = [1 − p, p])
 * </pre>
 * with 0·ln 0 = 0, and ℓ = +∞ when a class with t<sub>k</sub> &gt; 0 has q<sub>k</sub> = 0 (unless a
 * {@link Clipping} policy says otherwise). Over a dataset of N examples with weights
 * w<sub>n</sub> ({@link Reduction}): mean = Σ w<sub>n</sub>ℓ<sub>n</sub> / Σ w<sub>n</sub>,
 * sum = Σ w<sub>n</sub>ℓ<sub>n</sub>. The mean is the tutorial's "average cross-entropy", scikit-learn's
 * {@code log_loss}, Keras' {@code binary_crossentropy} / {@code categorical_crossentropy} /
 * {@code sparse_categorical_crossentropy}, and the mean negative log-likelihood of a Bernoulli or
 * multinoulli model.
 *
 * <h2>How it is computed</h2>
 * Each {@link Predictions} form documents its own formulas. In short: probabilities go through the
 * backend ({@link InformationMeasures#informationNats(double)} for a label — a hard label costs one
 * logarithm and allocates nothing; {@link InformationMeasures#crossEntropyNats(double[], double[])}
 * for a target row or a soft binary target), with the backend's accuracy (a few ulps; for soft
 * binary targets plus the rounding of 1 − p, exact for p ≥ 1/2, at most 2<sup>−54</sup> absolute
 * in −ln(1 − p) below); logits are computed in log space (softplus, log-sum-exp), exact for logits
 * of ±1e4 or ±1e300; log-probabilities directly, with log1mexp for the binary complement.
 *
 * <h2>Options</h2>
 * Clipping, a peer {@link Profile} (Keras' rescaling, PyTorch's log clamp, scikit-learn &lt; 1.2's
 * renormalisation), label smoothing, class weights, the row-sum tolerance and the backend are one
 * value, {@link LossOptions}; every loss takes one ({@code withOptions}) and has shortcuts for the common
 * ones ({@code withClipping}, {@code using}, …). The backend is {@link Backends#defaultBackend()}
 * unless given, looked up when a batch is computed or an accumulator created.
 *
 * <h2>Bad input</h2>
 * NaN anywhere, a probability outside [0, 1], an infinite logit, a positive log-probability, a row
 * that does not sum to 1, a label out of range or unknown, a negative or non-finite weight,
 * mismatched lengths and an empty dataset are rejected with a {@link LossInputException} naming the
 * example's index and the value (and carrying them as fields). Nothing is ever replaced by NaN or
 * fixed silently (unless a {@link Profile} is asked for by name, and then its counts are reported).
 *
 * <p>Implementations are immutable and thread-safe; two losses are equal when they are of the same
 * kind, form, classes and options, which is what lets their accumulators merge.
 */
public sealed interface CrossEntropy extends Loss
        permits BinaryCrossEntropy, CategoricalCrossEntropy, SparseCrossEntropy, LabelledLogLoss {

    /**
     * Binary cross-entropy: one target y ∈ [0, 1] (a label 0/1 or a soft target) and one
     * prediction per example, P(class 1) in the given form. Two classes, 0 and 1.
     *
     * @param form what the predictions are
     * @return the loss, with {@link LossOptions#DEFAULTS}
     */
    static BinaryCrossEntropy binary(Predictions form) {
        return new BinaryCrossEntropy(form, LossOptions.DEFAULTS);
    }

    /**
     * Categorical cross-entropy over K classes with target rows (one-hot or soft) and prediction
     * rows of K numbers.
     *
     * @param numClasses K, at least 2
     * @param form what the prediction rows are
     * @return the loss, with {@link LossOptions#DEFAULTS}
     * @throws IllegalArgumentException if K &lt; 2
     */
    static CategoricalCrossEntropy categorical(int numClasses, Predictions form) {
        return new CategoricalCrossEntropy(numClasses, form, LossOptions.DEFAULTS);
    }

    /**
     * Sparse categorical cross-entropy over K classes: the true class as an index and a
     * prediction row of K numbers. With {@link Predictions#LOG_PROBABILITIES} this is the negative
     * log-likelihood ({@link #negativeLogLikelihood(int)}).
     *
     * @param numClasses K, at least 2
     * @param form what the prediction rows are
     * @return the loss, with {@link LossOptions#DEFAULTS}
     * @throws IllegalArgumentException if K &lt; 2
     */
    static SparseCrossEntropy sparse(int numClasses, Predictions form) {
        return new SparseCrossEntropy(numClasses, form, LossOptions.DEFAULTS);
    }

    /**
     * The negative log-likelihood −(1/N) Σ ln q<sub>n</sub>(y<sub>n</sub>) on rows of
     * log-probabilities (PyTorch's {@code NLLLoss}): {@code sparse(numClasses, LOG_PROBABILITIES)}.
     *
     * @param numClasses K, at least 2
     * @return the loss
     * @throws IllegalArgumentException if K &lt; 2
     */
    static SparseCrossEntropy negativeLogLikelihood(int numClasses) {
        return sparse(numClasses, Predictions.LOG_PROBABILITIES);
    }

    /**
     * scikit-learn's {@code log_loss} on probability rows, the true classes given by name, columns
     * ordered as the given labels (use {@link ClassLabels#sorted(java.util.Collection)} for
     * scikit-learn's order). Exact by default; {@code .withClipping(Clipping.SKLEARN)} reproduces
     * scikit-learn ≥ 1.2.
     *
     * @param labels the classes in column order, possibly more than appear in the data
     * @return the loss, on probabilities, with {@link LossOptions#DEFAULTS}
     */
    static LabelledLogLoss labelled(ClassLabels labels) {
        return labelled(labels, Predictions.PROBABILITIES);
    }

    /**
     * Log loss with the true classes given by name, on prediction rows in any form.
     *
     * @param labels the classes in column order
     * @param form what the prediction rows are
     * @return the loss, with {@link LossOptions#DEFAULTS}
     */
    static LabelledLogLoss labelled(ClassLabels labels, Predictions form) {
        return new LabelledLogLoss(labels, form, LossOptions.DEFAULTS);
    }
}

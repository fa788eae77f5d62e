package dev.xent.loss;

import dev.xent.Backends;
import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Collector;

/**
 * Cross-entropy as a classification loss — binary, categorical (one-hot or soft targets), sparse
 * categorical (class indices), scikit-learn style log loss (class names) and the negative
 * log-likelihood — configured once, immutable, then applied to a batch or streamed through a
 * {@link LossAccumulator}.
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
 * <ul>
 *   <li>{@link Predictions#PROBABILITIES}: through the backend — H(t, q) with
 *       {@link InformationMeasures#crossEntropyNats(double[], double[])} for target rows and for
 *       soft binary targets (t = [1 − y, y], q = [1 − p, p], exactly the tutorial's construction),
 *       and −ln q<sub>y</sub> with {@link InformationMeasures#informationNats(double)} for a class
 *       index and for a binary label: y = 1 costs −ln p; y = 0 costs −ln(1 − p), computed as
 *       −log1p(−p) for p ≤ 1/2 (so a tiny p keeps all its digits) and by the backend from the
 *       exact 1 − p above. A hard label thus costs one logarithm and allocates nothing. Accuracy:
 *       the backend's (a few ulps); for soft binary targets plus the rounding of 1 − p (exact for
 *       p ≥ 1/2, at most 2<sup>−54</sup> absolute in −ln(1 − p) below).</li>
 *   <li>{@link Predictions#LOGITS}: in log space, never through a probability that could underflow:
 *       binary ℓ = (1 − y)·softplus(z) + y·softplus(−z), softplus(x) = max(x, 0) +
 *       log1p(e<sup>−|x|</sup>); categorical ℓ = Σ t<sub>k</sub>((m − z<sub>k</sub>) + ln Σ
 *       e<sup>z<sub>j</sub> − m</sup>), m = max z (log-sum-exp). Every term is ≥ 0, so nothing
 *       cancels: a logit of ±1e4, ±1e300 gives the exact finite loss (within a few ulps); the
 *       result overflows to +∞ only if the exact loss exceeds {@link Double#MAX_VALUE}. (These do
 *       not go through the backend: its raw methods take probabilities, and e<sup>z</sup>
 *       underflows to 0 below z ≈ −745, which would turn a finite loss into +∞.)</li>
 *   <li>{@link Predictions#LOG_PROBABILITIES}: −Σ t<sub>k</sub> ln q<sub>k</sub> directly; binary uses
 *       ln(1 − p) = log1mexp(ln p) (Mächler's {@code log(-expm1(x))} / {@code log1p(-exp(x))}
 *       switch at −ln 2).</li>
 * </ul>
 *
 * <h2>Options</h2>
 * <ul>
 *   <li>{@link #withClipping(Clipping)}: the clipping policy, {@link Clipping#EXACT} by default.</li>
 *   <li>{@link #withLabelSmoothing(double)}: Keras' semantics — binary targets move towards 1/2,
 *       y' = y(1 − ε) + ε/2; categorical and sparse targets towards the uniform 1/K,
 *       t' = t(1 − ε) + ε/K.</li>
 *   <li>{@link #withClassWeights(double...)}: c<sub>k</sub> multiplies the weight of every example of
 *       class k (Keras' {@code class_weight}, PyTorch's {@code weight}); the weighted mean divides by
 *       Σ w<sub>n</sub>c(y<sub>n</sub>), as PyTorch's does. Needs hard targets (0/1,
 *       one-hot rows or class indices); a soft target with class weights is rejected, since which
 *       class's weight applies would be a guess.</li>
 *   <li>{@link #withRowSumTolerance(double)}: how far a prediction row (and a target row) may be
 *       from summing to 1. The default is {@link Distribution#sumTolerance(int)} for K classes,
 *       8·K·2<sup>−52</sup>: enough for doubles that came from a softmax or a division, strict
 *       enough to refuse rows that were never normalised. Predictions computed in float32 or
 *       printed with few decimals need a looser tolerance, e.g. 1e-6; say so explicitly. A row
 *       outside the tolerance is an error: xent never renormalises (scikit-learn before 1.5 and
 *       Keras' {@code categorical_crossentropy} did so silently; scikit-learn ≥ 1.5 raises).</li>
 *   <li>{@link #using(InformationMeasures)}: the backend; {@link Backends#defaultBackend()}
 *       otherwise, looked up when a batch is computed or an accumulator created.</li>
 * </ul>
 *
 * <h2>Bad input</h2>
 * NaN anywhere, a probability outside [0, 1], an infinite logit, a positive log-probability, a row
 * that does not sum to 1, a label out of range or unknown, a negative or non-finite weight,
 * mismatched lengths and an empty dataset are rejected with a {@link LossInputException} naming the
 * example's index and the value. Nothing is ever replaced by NaN or fixed silently.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CrossEntropyLoss {

    private final boolean binary;
    private final int numClasses;
    private final Predictions form;
    private final Clipping clipping;
    private final double smoothing;
    private final double[] classWeights;
    private final double rowSumTolerance;
    private final InformationMeasures backend;
    private final ClassLabels labels;

    private CrossEntropyLoss(boolean binary, int numClasses, Predictions form, Clipping clipping,
            double smoothing, double[] classWeights, double rowSumTolerance,
            InformationMeasures backend, ClassLabels labels) {
        this.binary = binary;
        this.numClasses = numClasses;
        this.form = Objects.requireNonNull(form, "predictions form");
        this.clipping = Objects.requireNonNull(clipping, "clipping");
        this.smoothing = smoothing;
        this.classWeights = classWeights;
        this.rowSumTolerance = rowSumTolerance;
        this.backend = backend;
        this.labels = labels;
    }

    /**
     * Binary cross-entropy: one target y ∈ [0, 1] (a label 0/1 or a soft target) and one
     * prediction per example, P(class 1) in the given form. Two classes, 0 and 1.
     *
     * @param form what the predictions are
     * @return the loss, exact, unweighted, unsmoothed, on the default backend
     */
    public static CrossEntropyLoss binary(Predictions form) {
        return new CrossEntropyLoss(true, 2, form, Clipping.EXACT, 0.0, null,
                Distribution.sumTolerance(2), null, null);
    }

    /**
     * Categorical cross-entropy over K classes: a prediction row of K numbers per example, targets
     * as rows (one-hot or soft, {@link #categorical(double[][], double[][])}) or class indices
     * ({@link #sparse(int[], double[][])}).
     *
     * @param numClasses K, at least 2
     * @param form what the prediction rows are
     * @return the loss, exact, unweighted, unsmoothed, on the default backend
     * @throws IllegalArgumentException if K &lt; 2
     */
    public static CrossEntropyLoss categorical(int numClasses, Predictions form) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("a categorical loss needs at least 2 classes, got "
                    + numClasses);
        }
        return new CrossEntropyLoss(false, numClasses, form, Clipping.EXACT, 0.0, null,
                Distribution.sumTolerance(numClasses), null, null);
    }

    /**
     * Categorical cross-entropy over named classes: column k of a prediction row is class
     * {@code labels.name(k)}; targets may also be given by name
     * ({@link #labelled(List, double[][])}).
     *
     * @param labels the classes in column order
     * @param form what the prediction rows are
     * @return the loss
     */
    public static CrossEntropyLoss categorical(ClassLabels labels, Predictions form) {
        CrossEntropyLoss c = categorical(labels.size(), form);
        return new CrossEntropyLoss(false, c.numClasses, form, c.clipping, 0.0, null,
                c.rowSumTolerance, null, labels);
    }

    /**
     * scikit-learn's {@code log_loss} on probability rows, with columns ordered as the given labels
     * (use {@link ClassLabels#sorted(java.util.Collection)} for scikit-learn's order). Exact by
     * default; {@code .withClipping(Clipping.SKLEARN)} reproduces scikit-learn ≥ 1.2.
     *
     * @param labels the classes in column order, possibly more than appear in the data
     * @return the loss, to be applied with {@link #labelled(List, double[][])}
     */
    public static CrossEntropyLoss logLoss(ClassLabels labels) {
        return categorical(labels, Predictions.PROBABILITIES);
    }

    /**
     * The negative log-likelihood −(1/N) Σ ln q<sub>n</sub>(y<sub>n</sub>) on rows of
     * log-probabilities (PyTorch's {@code NLLLoss}), to be applied with
     * {@link #sparse(int[], double[][])}.
     *
     * @param numClasses K, at least 2
     * @return the loss
     */
    public static CrossEntropyLoss negativeLogLikelihood(int numClasses) {
        return categorical(numClasses, Predictions.LOG_PROBABILITIES);
    }

    /**
     * The same loss with another clipping policy.
     *
     * @param policy the policy
     * @return a new loss
     */
    public CrossEntropyLoss withClipping(Clipping policy) {
        return new CrossEntropyLoss(binary, numClasses, form, policy, smoothing, classWeights,
                rowSumTolerance, backend, labels);
    }

    /**
     * The same loss with label smoothing ε (Keras' semantics, see the class documentation).
     *
     * @param epsilon ε in [0, 1]; 0 changes nothing
     * @return a new loss
     * @throws IllegalArgumentException if ε is NaN or outside [0, 1]
     */
    public CrossEntropyLoss withLabelSmoothing(double epsilon) {
        if (!(epsilon >= 0.0 && epsilon <= 1.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "label smoothing must be in [0, 1], got %s", epsilon));
        }
        return new CrossEntropyLoss(binary, numClasses, form, clipping, epsilon + 0.0,
                classWeights, rowSumTolerance, backend, labels);
    }

    /**
     * The same loss with class weights c<sub>0</sub>, …, c<sub>K−1</sub> (binary: c<sub>0</sub>,
     * c<sub>1</sub>), multiplying each example's weight by its class's.
     *
     * @param weights one finite weight ≥ 0 per class, not all 0
     * @return a new loss
     * @throws IllegalArgumentException if the count differs from K, or a weight is NaN, infinite
     *     or negative (naming the class and the value), or all are 0
     */
    public CrossEntropyLoss withClassWeights(double... weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length != numClasses) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d class weights given for %d classes", weights.length, numClasses));
        }
        boolean positive = false;
        for (int k = 0; k < weights.length; k++) {
            if (!(weights[k] >= 0.0 && weights[k] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "class weight of class %d must be finite and >= 0, got %s", k, weights[k]));
            }
            positive |= weights[k] > 0.0;
        }
        if (!positive) {
            throw new IllegalArgumentException("all class weights are 0");
        }
        return new CrossEntropyLoss(binary, numClasses, form, clipping, smoothing, weights.clone(),
                rowSumTolerance, backend, labels);
    }

    /**
     * The same loss with another tolerance for |Σ row − 1| (see the class documentation).
     *
     * @param tolerance an absolute tolerance, finite, in [0, 0.5)
     * @return a new loss
     * @throws IllegalArgumentException if the tolerance is NaN, negative or ≥ 0.5
     */
    public CrossEntropyLoss withRowSumTolerance(double tolerance) {
        if (!(tolerance >= 0.0 && tolerance < 0.5)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "row-sum tolerance must be in [0, 0.5), got %s", tolerance));
        }
        return new CrossEntropyLoss(binary, numClasses, form, clipping, smoothing, classWeights,
                tolerance, backend, labels);
    }

    /**
     * The same loss computed by the given backend.
     *
     * @param measures the backend
     * @return a new loss
     */
    public CrossEntropyLoss using(InformationMeasures measures) {
        return new CrossEntropyLoss(binary, numClasses, form, clipping, smoothing, classWeights,
                rowSumTolerance, Objects.requireNonNull(measures, "measures"), labels);
    }

    /**
     * Whether this is the binary loss (one prediction per example).
     *
     * @return true for {@link #binary(Predictions)}
     */
    public boolean isBinary() {
        return binary;
    }

    /**
     * The number of classes K (2 for binary).
     *
     * @return K
     */
    public int numClasses() {
        return numClasses;
    }

    /**
     * What the predictions are.
     *
     * @return the form
     */
    public Predictions predictions() {
        return form;
    }

    /**
     * The clipping policy.
     *
     * @return the policy, {@link Clipping#EXACT} unless changed
     */
    public Clipping clipping() {
        return clipping;
    }

    /**
     * The label smoothing ε.
     *
     * @return ε, 0 unless changed
     */
    public double labelSmoothing() {
        return smoothing;
    }

    /**
     * The class weights, if any.
     *
     * @return a copy of the weights, or empty
     */
    public Optional<double[]> classWeights() {
        return Optional.ofNullable(classWeights).map(double[]::clone);
    }

    /**
     * The tolerance for |Σ row − 1|.
     *
     * @return the absolute tolerance
     */
    public double rowSumTolerance() {
        return rowSumTolerance;
    }

    /**
     * The class names, if the loss has them.
     *
     * @return the labels, or empty
     */
    public Optional<ClassLabels> labels() {
        return Optional.ofNullable(labels);
    }

    /**
     * The backend that computes the measures: the one given to {@link #using}, or else
     * {@link Backends#defaultBackend()} (looked up at each call).
     *
     * @return the backend
     * @throws dev.xent.BackendNotFoundException if none was given and none is installed
     */
    public InformationMeasures backend() {
        return backend != null ? backend : Backends.defaultBackend();
    }

    /**
     * A new, empty streaming accumulator for this loss (constant memory). For probability
     * predictions the backend is looked up now, once per accumulator.
     *
     * @return the accumulator
     * @throws dev.xent.BackendNotFoundException if the predictions are probabilities, no backend
     *     was given and none is installed
     */
    public LossAccumulator accumulator() {
        return new LossAccumulator(this, false);
    }

    /**
     * A {@link Collector} that feeds each stream element to an accumulator with {@code add} and
     * merges partial accumulators (parallel streams included), ending in a {@link LossSummary}.
     * For example {@code rows.parallel().collect(loss.collector((acc, r) -> acc.add(r.y, r.p)))}.
     * Error messages name indices within each partial accumulator.
     *
     * @param add how one element is added, e.g. {@code (acc, r) -> acc.add(r.label(), r.probs())}
     * @param <T> the element type
     * @return the collector
     */
    public <T> Collector<T, LossAccumulator, LossSummary> collector(
            BiConsumer<LossAccumulator, ? super T> add) {
        Objects.requireNonNull(add, "add");
        return Collector.of(this::accumulator, add::accept, LossAccumulator::merge,
                LossAccumulator::summary);
    }

    /**
     * Binary cross-entropy of a batch, unweighted.
     *
     * @param targets y<sub>n</sub> ∈ [0, 1]
     * @param predictions the predictions, in this loss's form
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see the class documentation)
     */
    public LossSummary binary(double[] targets, double[] predictions) {
        return binary(targets, predictions, null);
    }

    /**
     * Binary cross-entropy of a weighted batch.
     *
     * @param targets y<sub>n</sub> ∈ [0, 1]
     * @param predictions the predictions, in this loss's form
     * @param sampleWeights w<sub>n</sub> ≥ 0, or null for all 1
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see the class documentation)
     */
    public LossSummary binary(double[] targets, double[] predictions, double[] sampleWeights) {
        requireBinary(true);
        int n = sameLengths(targets.length, predictions.length, sampleWeights);
        LossAccumulator acc = new LossAccumulator(this, true);
        for (int i = 0; i < n; i++) {
            acc.add(targets[i], predictions[i], weight(sampleWeights, i));
        }
        return acc.summary();
    }

    /**
     * Sparse categorical cross-entropy (and the NLL) of a batch: class indices, unweighted.
     *
     * @param classes y<sub>n</sub> ∈ {0, …, K−1}
     * @param predictions one row of K per example, in this loss's form
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see the class documentation)
     */
    public LossSummary sparse(int[] classes, double[][] predictions) {
        return sparse(classes, predictions, null);
    }

    /**
     * Sparse categorical cross-entropy of a weighted batch.
     *
     * @param classes y<sub>n</sub> ∈ {0, …, K−1}
     * @param predictions one row of K per example, in this loss's form
     * @param sampleWeights w<sub>n</sub> ≥ 0, or null for all 1
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see the class documentation)
     */
    public LossSummary sparse(int[] classes, double[][] predictions, double[] sampleWeights) {
        requireBinary(false);
        int n = sameLengths(classes.length, predictions.length, sampleWeights);
        LossAccumulator acc = new LossAccumulator(this, true);
        for (int i = 0; i < n; i++) {
            acc.add(classes[i], predictions[i], weight(sampleWeights, i));
        }
        return acc.summary();
    }

    /**
     * Categorical cross-entropy of a batch with target rows (one-hot or soft), unweighted.
     *
     * @param targets one distribution of K per example
     * @param predictions one row of K per example, in this loss's form
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see the class documentation)
     */
    public LossSummary categorical(double[][] targets, double[][] predictions) {
        return categorical(targets, predictions, null);
    }

    /**
     * Categorical cross-entropy of a weighted batch with target rows.
     *
     * @param targets one distribution of K per example
     * @param predictions one row of K per example, in this loss's form
     * @param sampleWeights w<sub>n</sub> ≥ 0, or null for all 1
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see the class documentation)
     */
    public LossSummary categorical(double[][] targets, double[][] predictions,
            double[] sampleWeights) {
        requireBinary(false);
        int n = sameLengths(targets.length, predictions.length, sampleWeights);
        LossAccumulator acc = new LossAccumulator(this, true);
        for (int i = 0; i < n; i++) {
            acc.add(targets[i], predictions[i], weight(sampleWeights, i));
        }
        return acc.summary();
    }

    /**
     * Log loss with the true classes given by name (scikit-learn's {@code log_loss(y_true,
     * y_pred)}), unweighted; needs a loss with {@link ClassLabels}.
     *
     * @param classes the true class of each example, by name
     * @param predictions one row of K per example, columns in the labels' order
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input, including a name that is not one of the labels
     */
    public LossSummary labelled(List<String> classes, double[][] predictions) {
        return labelled(classes, predictions, null);
    }

    /**
     * Weighted log loss with the true classes given by name.
     *
     * @param classes the true class of each example, by name
     * @param predictions one row of K per example, columns in the labels' order
     * @param sampleWeights w<sub>n</sub> ≥ 0, or null for all 1
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input, including a name that is not one of the labels
     */
    public LossSummary labelled(List<String> classes, double[][] predictions,
            double[] sampleWeights) {
        requireBinary(false);
        int n = sameLengths(classes.size(), predictions.length, sampleWeights);
        LossAccumulator acc = new LossAccumulator(this, true);
        for (int i = 0; i < n; i++) {
            acc.add(classes.get(i), predictions[i], weight(sampleWeights, i));
        }
        return acc.summary();
    }

    private void requireBinary(boolean wanted) {
        if (binary != wanted) {
            throw new IllegalStateException(binary
                    ? "this is a binary loss: give one target and one prediction per example"
                    : "this is a categorical loss over " + numClasses
                            + " classes: give a class or a target row and a prediction row per example");
        }
    }

    private static int sameLengths(int targets, int predictions, double[] weights) {
        if (targets != predictions) {
            throw new LossInputException(-1, String.format(Locale.ROOT,
                    "%d targets but %d predictions: give one of each per example", targets,
                    predictions));
        }
        if (weights != null && weights.length != targets) {
            throw new LossInputException(-1, String.format(Locale.ROOT,
                    "%d sample weights for %d examples", weights.length, targets));
        }
        return targets;
    }

    private static double weight(double[] weights, int i) {
        return weights == null ? 1.0 : weights[i];
    }

    /** Whether another loss has the same settings, so that their accumulators may be merged. */
    boolean sameSettings(CrossEntropyLoss o) {
        return binary == o.binary && numClasses == o.numClasses && form == o.form
                && clipping.equals(o.clipping) && Double.compare(smoothing, o.smoothing) == 0
                && Arrays.equals(classWeights, o.classWeights)
                && Double.compare(rowSumTolerance, o.rowSumTolerance) == 0
                && Objects.equals(labels, o.labels);
    }

    /** The class weight of class k (1 without class weights). */
    double classWeight(int k) {
        return classWeights == null ? 1.0 : classWeights[k];
    }

    /** Whether class weights are set. */
    boolean hasClassWeights() {
        return classWeights != null;
    }

    /**
     * A description of the settings, e.g. {@code binary cross-entropy from probabilities,
     * clipping exact (no clipping)}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(binary ? "binary cross-entropy"
                : "categorical cross-entropy over " + numClasses + " classes");
        if (labels != null) {
            sb.append(' ').append(labels);
        }
        sb.append(" from ").append(form.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .append(", clipping ").append(clipping);
        if (smoothing > 0.0) {
            sb.append(", label smoothing ").append(smoothing);
        }
        if (classWeights != null) {
            sb.append(", class weights ").append(Arrays.toString(classWeights));
        }
        return sb.toString();
    }
}

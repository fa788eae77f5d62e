package dev.xent.loss;

import dev.xent.InformationMeasures;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Collector;

/**
 * Sparse categorical cross-entropy ℓ(y, q) = −ln q<sub>y</sub> in nats over K classes: the true
 * class y ∈ {0, …, K−1} as an index and one prediction row of K numbers per example, in the
 * loss's {@link Predictions} form — Keras' {@code sparse_categorical_crossentropy}, PyTorch's
 * {@code CrossEntropyLoss} on logits and, on log-probabilities, its {@code NLLLoss}: the negative
 * log-likelihood −ln q<sub>y</sub> of the observed class, taken straight from the row (no
 * exponential, no backend). Created by {@link CrossEntropy#sparse(int, Predictions)} or
 * {@link CrossEntropy#negativeLogLikelihood(int)}; see {@link CrossEntropy} for the definitions and
 * {@link LossOptions} for the options (label smoothing turns the one-hot target into
 * t' = t(1 − ε) + ε/K, and the loss into the categorical H(t', q)).
 *
 * <p>A probability row costs one logarithm (the backend's −ln q<sub>y</sub>) and one compensated
 * row-sum check; a logit row one log-sum-exp.
 *
 * <p>Immutable and thread-safe.
 */
public final class SparseCrossEntropy implements CrossEntropy {

    private final int k;
    private final Predictions form;
    private final LossOptions options;

    SparseCrossEntropy(int numClasses, Predictions form, LossOptions options) {
        this.k = Checks.numClasses(numClasses);
        this.form = Objects.requireNonNull(form, "predictions form");
        this.options = Objects.requireNonNull(options, "options");
        Checks.classWeightCount(options, k);
    }

    @Override
    public Predictions predictions() {
        return form;
    }

    @Override
    public int numClasses() {
        return k;
    }

    @Override
    public LossOptions options() {
        return options;
    }

    @Override
    public String className(int c) {
        return Integer.toString(Objects.checkIndex(c, k));
    }

    /**
     * The same loss with other options.
     *
     * @param newOptions the options
     * @return a new loss
     * @throws IllegalArgumentException if the options have class weights, but not K
     */
    public SparseCrossEntropy withOptions(LossOptions newOptions) {
        return new SparseCrossEntropy(k, form, newOptions);
    }

    /**
     * The same loss with another clipping policy ({@link LossOptions#withClipping}).
     *
     * @param policy the policy
     * @return a new loss
     */
    public SparseCrossEntropy withClipping(Clipping policy) {
        return withOptions(options.withClipping(policy));
    }

    /**
     * The same loss with label smoothing ε ({@link LossOptions#withLabelSmoothing}).
     *
     * @param epsilon ε in [0, 1]
     * @return a new loss
     * @throws IllegalArgumentException if ε is NaN or outside [0, 1]
     */
    public SparseCrossEntropy withLabelSmoothing(double epsilon) {
        return withOptions(options.withLabelSmoothing(epsilon));
    }

    /**
     * The same loss with class weights c<sub>0</sub>, …, c<sub>K−1</sub>
     * ({@link LossOptions#withClassWeights}).
     *
     * @param weights K finite weights ≥ 0, not all 0
     * @return a new loss
     * @throws IllegalArgumentException if there are not K, or a weight is invalid
     */
    public SparseCrossEntropy withClassWeights(double... weights) {
        return withOptions(options.withClassWeights(weights));
    }

    /**
     * The same loss with another tolerance for |Σ row − 1|
     * ({@link LossOptions#withRowSumTolerance}).
     *
     * @param tolerance an absolute tolerance in [0, 0.5)
     * @return a new loss
     * @throws IllegalArgumentException if the tolerance is NaN, negative or ≥ 0.5
     */
    public SparseCrossEntropy withRowSumTolerance(double tolerance) {
        return withOptions(options.withRowSumTolerance(tolerance));
    }

    /**
     * The same loss computed by the given backend ({@link LossOptions#using}).
     *
     * @param measures the backend
     * @return a new loss
     */
    public SparseCrossEntropy using(InformationMeasures measures) {
        return withOptions(options.using(measures));
    }

    /**
     * A new, empty streaming accumulator (constant memory). For probability predictions the
     * backend is looked up now, once per accumulator.
     *
     * @return the accumulator
     * @throws dev.xent.BackendNotFoundException if the predictions are probabilities, no backend
     *     was given and none is installed
     */
    public SparseAccumulator accumulator() {
        return new SparseAccumulator(this, false);
    }

    /**
     * A {@link Collector} that feeds each stream element to an accumulator and merges partial
     * accumulators (parallel streams included), ending in a {@link LossSummary}; for example
     * {@code rows.parallel().collect(loss.collector((acc, r) -> acc.add(r.label(), r.probs())))}.
     * Error messages name indices within each partial accumulator.
     *
     * @param add how one element is added
     * @param <T> the element type
     * @return the collector
     */
    public <T> Collector<T, SparseAccumulator, LossSummary> collector(
            BiConsumer<SparseAccumulator, ? super T> add) {
        Objects.requireNonNull(add, "add");
        return Collector.of(this::accumulator, add::accept, SparseAccumulator::merge,
                LossAccumulator::summary);
    }

    /**
     * The loss of a batch, unweighted. <b>Batch path:</b> from probabilities with no option that
     * changes the loss (no clipping, smoothing, class weights or profile), the whole batch is
     * checked in one pass (the same checks and errors, in the same order) and its −ln q<sub>y</sub>
     * computed by one call of the backend's
     * {@link InformationMeasures#informationNats(double[], int, int, double[]) bulk operation}
     * (vectorised by {@code vector}); anything else — options, logits, log-probabilities, a loss
     * of +∞ — runs example by example. Both give the same checks, errors and counts, and sums
     * within {@link LossAccumulator#MERGE_RELATIVE_TOLERANCE} of each other.
     *
     * @param classes y<sub>n</sub> ∈ {0, …, K−1}
     * @param predictions one row of K per example, in this loss's form
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see {@link CrossEntropy})
     */
    public LossSummary evaluate(int[] classes, double[][] predictions) {
        return evaluate(classes, predictions, null);
    }

    /**
     * The loss of a weighted batch; without weights (null) through the batch path of
     * {@link #evaluate(int[], double[][])} where it applies.
     *
     * @param classes y<sub>n</sub> ∈ {0, …, K−1}
     * @param predictions one row of K per example, in this loss's form
     * @param sampleWeights w<sub>n</sub> ≥ 0, or null for all 1
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see {@link CrossEntropy})
     */
    public LossSummary evaluate(int[] classes, double[][] predictions, double[] sampleWeights) {
        int n = Checks.lengths(classes.length, predictions.length, sampleWeights);
        if (sampleWeights == null) {
            LossSummary fast = BatchPaths.sparse(this, classes, predictions, n);
            if (fast != null) {
                return fast;
            }
        }
        SparseAccumulator acc = new SparseAccumulator(this, true);
        for (int i = 0; i < n; i++) {
            acc.add(classes[i], predictions[i], sampleWeights == null ? 1.0 : sampleWeights[i]);
        }
        return acc.summary();
    }

    /**
     * The loss of a batch whose prediction rows are held flat, row-major, as a model's output of
     * shape [N, K] usually is: example i's row is {@code predictions[i·K]} …
     * {@code predictions[i·K + K − 1]}. The same losses, checks, exceptions (the example's index
     * i, the class j of entry i·K + j) and bits as {@link #evaluate(int[], double[][])} on the same
     * rows; without an array object per row, the batch path reads less memory and reads it in
     * order (docs/performance.md, "A row-major overload"). Where the batch path does not apply,
     * each row is copied in turn and taken example by example; the caller's array is only read.
     *
     * @param classes y<sub>i</sub> ∈ {0, …, K−1}
     * @param predictions N·K entries in this loss's form, example by example
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see {@link CrossEntropy}), and if
     *     {@code predictions} does not hold exactly N·K entries
     */
    public LossSummary evaluateRowMajor(int[] classes, double[] predictions) {
        return evaluateRowMajor(classes, predictions, null);
    }

    /**
     * The loss of a weighted batch of row-major prediction rows (see
     * {@link #evaluateRowMajor(int[], double[])}); without weights (null) through the batch path
     * where it applies.
     *
     * @param classes y<sub>i</sub> ∈ {0, …, K−1}
     * @param predictions N·K entries in this loss's form, example by example
     * @param sampleWeights w<sub>i</sub> ≥ 0, or null for all 1
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see {@link CrossEntropy}), and if
     *     {@code predictions} does not hold exactly N·K entries
     */
    public LossSummary evaluateRowMajor(int[] classes, double[] predictions, double[] sampleWeights) {
        int k = numClasses();
        int n = Checks.rowMajorEntries(classes.length, predictions.length, k);
        Checks.lengths(n, n, sampleWeights);
        if (sampleWeights == null) {
            LossSummary fast = BatchPaths.sparseRowMajor(this, classes, predictions, n);
            if (fast != null) {
                return fast;
            }
        }
        SparseAccumulator acc = new SparseAccumulator(this, true);
        double[] row = new double[k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(predictions, i * k, row, 0, k);
            acc.add(classes[i], row, sampleWeights == null ? 1.0 : sampleWeights[i]);
        }
        return acc.summary();
    }

    /**
     * Whether another object is a sparse loss of the same classes, form and options.
     *
     * @param o another object
     * @return true if their accumulators may be merged
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SparseCrossEntropy && ((SparseCrossEntropy) o).k == k
                && ((SparseCrossEntropy) o).form == form
                && ((SparseCrossEntropy) o).options.equals(options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(SparseCrossEntropy.class, k, form, options);
    }

    /**
     * A description, e.g. {@code sparse categorical cross-entropy over 3 classes from logits,
     * clipping exact (no clipping)}.
     */
    @Override
    public String toString() {
        return "sparse categorical cross-entropy over " + k + " classes from "
                + form.name().toLowerCase(Locale.ROOT).replace('_', '-') + ", " + options;
    }
}

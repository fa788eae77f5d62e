package dev.xent.loss;

import dev.xent.InformationMeasures;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Collector;

/**
 * Categorical cross-entropy ℓ(t, q) = H(t, q) = −Σ<sub>k</sub> t<sub>k</sub> ln q<sub>k</sub> in
 * nats over K classes: a target row t (one-hot or soft, a distribution over the K classes) and a
 * prediction row q of K numbers per example, in the loss's {@link Predictions} form — Keras'
 * {@code categorical_crossentropy}, PyTorch's {@code CrossEntropyLoss} with probability targets.
 * An example's class (for per-class means and class weights) is its target's largest entry, the
 * lowest index on ties. Created by {@link CrossEntropy#categorical(int, Predictions)}; see
 * {@link CrossEntropy} for the definitions and {@link LossOptions} for the options (label
 * smoothing: t' = t(1 − ε) + ε/K; class weights need one-hot rows). Target rows are checked like
 * prediction rows: entries in [0, 1], summing to 1 within the row-sum tolerance.
 *
 * <p>On probabilities, H(t, q) is the backend's
 * {@link InformationMeasures#crossEntropyNats(double[], double[])}, with its accuracy.
 *
 * <p>Immutable and thread-safe.
 */
public final class CategoricalCrossEntropy implements CrossEntropy {

    private final int k;
    private final Predictions form;
    private final LossOptions options;

    CategoricalCrossEntropy(int numClasses, Predictions form, LossOptions options) {
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
    public CategoricalCrossEntropy withOptions(LossOptions newOptions) {
        return new CategoricalCrossEntropy(k, form, newOptions);
    }

    /**
     * The same loss with another clipping policy ({@link LossOptions#withClipping}).
     *
     * @param policy the policy
     * @return a new loss
     */
    public CategoricalCrossEntropy withClipping(Clipping policy) {
        return withOptions(options.withClipping(policy));
    }

    /**
     * The same loss with label smoothing ε ({@link LossOptions#withLabelSmoothing}).
     *
     * @param epsilon ε in [0, 1]
     * @return a new loss
     * @throws IllegalArgumentException if ε is NaN or outside [0, 1]
     */
    public CategoricalCrossEntropy withLabelSmoothing(double epsilon) {
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
    public CategoricalCrossEntropy withClassWeights(double... weights) {
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
    public CategoricalCrossEntropy withRowSumTolerance(double tolerance) {
        return withOptions(options.withRowSumTolerance(tolerance));
    }

    /**
     * The same loss computed by the given backend ({@link LossOptions#using}).
     *
     * @param measures the backend
     * @return a new loss
     */
    public CategoricalCrossEntropy using(InformationMeasures measures) {
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
    public CategoricalAccumulator accumulator() {
        return new CategoricalAccumulator(this, false);
    }

    /**
     * A {@link Collector} that feeds each stream element to an accumulator and merges partial
     * accumulators (parallel streams included), ending in a {@link LossSummary}; for example
     * {@code rows.parallel().collect(loss.collector((acc, r) -> acc.add(r.target(), r.probs())))}.
     * Error messages name indices within each partial accumulator.
     *
     * @param add how one element is added
     * @param <T> the element type
     * @return the collector
     */
    public <T> Collector<T, CategoricalAccumulator, LossSummary> collector(
            BiConsumer<CategoricalAccumulator, ? super T> add) {
        Objects.requireNonNull(add, "add");
        return Collector.of(this::accumulator, add::accept, CategoricalAccumulator::merge,
                LossAccumulator::summary);
    }

    /**
     * The loss of a batch, unweighted. <b>Batch path:</b> from probabilities with one-hot target
     * rows and no option that changes the loss (no clipping, smoothing, class weights or profile),
     * the whole batch is checked in one pass (the same checks and errors, in the same order) and
     * H(t, q) = −ln q<sub>c</sub> computed by one call of the backend's
     * {@link InformationMeasures#informationNats(double[], int, int, double[]) bulk operation};
     * anything else — soft targets, options, logits, log-probabilities, a loss of +∞ — runs example
     * by example. Both give the same checks, errors and counts, and sums within
     * {@link LossAccumulator#MERGE_RELATIVE_TOLERANCE} of each other (the per-example values may
     * differ in the last bits where the backend's H(t, q) of a one-hot row is not its −ln q<sub>c</sub>).
     *
     * @param targets one distribution of K per example
     * @param predictions one row of K per example, in this loss's form
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see {@link CrossEntropy})
     */
    public LossSummary evaluate(double[][] targets, double[][] predictions) {
        return evaluate(targets, predictions, null);
    }

    /**
     * The loss of a weighted batch; without weights (null) through the batch path of
     * {@link #evaluate(double[][], double[][])} where it applies.
     *
     * @param targets one distribution of K per example
     * @param predictions one row of K per example, in this loss's form
     * @param sampleWeights w<sub>n</sub> ≥ 0, or null for all 1
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see {@link CrossEntropy})
     */
    public LossSummary evaluate(double[][] targets, double[][] predictions, double[] sampleWeights) {
        int n = Checks.lengths(targets.length, predictions.length, sampleWeights);
        if (sampleWeights == null) {
            LossSummary fast = BatchPaths.categorical(this, targets, predictions, n);
            if (fast != null) {
                return fast;
            }
        }
        CategoricalAccumulator acc = new CategoricalAccumulator(this, true);
        for (int i = 0; i < n; i++) {
            acc.add(targets[i], predictions[i], sampleWeights == null ? 1.0 : sampleWeights[i]);
        }
        return acc.summary();
    }

    /**
     * Whether another object is a categorical loss of the same classes, form and options.
     *
     * @param o another object
     * @return true if their accumulators may be merged
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalCrossEntropy && ((CategoricalCrossEntropy) o).k == k
                && ((CategoricalCrossEntropy) o).form == form
                && ((CategoricalCrossEntropy) o).options.equals(options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(CategoricalCrossEntropy.class, k, form, options);
    }

    /**
     * A description, e.g. {@code categorical cross-entropy over 3 classes from logits,
     * clipping exact (no clipping)}.
     */
    @Override
    public String toString() {
        return "categorical cross-entropy over " + k + " classes from "
                + form.name().toLowerCase(Locale.ROOT).replace('_', '-') + ", " + options;
    }
}

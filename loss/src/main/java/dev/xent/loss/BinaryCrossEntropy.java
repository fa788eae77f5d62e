package dev.xent.loss;

import dev.xent.InformationMeasures;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Collector;

/**
 * Binary cross-entropy ℓ(y, p) = −y ln p − (1 − y) ln(1 − p) in nats: one target y ∈ [0, 1]
 * (a label 0/1 or a soft target) and one prediction per example, P(class 1) in the loss's
 * {@link Predictions} form — Keras' {@code binary_crossentropy}, PyTorch's {@code BCELoss} /
 * {@code BCEWithLogitsLoss}, scikit-learn's {@code log_loss} on a 1-D {@code y_pred}. Two classes:
 * an example is of class 1 when y &gt; 1/2. Created by {@link CrossEntropy#binary(Predictions)};
 * see {@link CrossEntropy} for the definitions and {@link LossOptions} for the options (label
 * smoothing moves y towards 1/2: y' = y(1 − ε) + ε/2; the row-sum tolerance does not apply).
 *
 * <p>A hard label through {@link Predictions#PROBABILITIES} costs one logarithm: −ln p for y = 1,
 * −ln(1 − p) for y = 0, the latter as −log1p(−p) for p ≤ 1/2 so that a tiny p keeps its digits.
 *
 * <p>Immutable and thread-safe.
 */
public final class BinaryCrossEntropy implements CrossEntropy {

    private final Predictions form;
    private final LossOptions options;

    BinaryCrossEntropy(Predictions form, LossOptions options) {
        this.form = Objects.requireNonNull(form, "predictions form");
        this.options = Objects.requireNonNull(options, "options");
        Checks.classWeightCount(options, 2);
    }

    @Override
    public Predictions predictions() {
        return form;
    }

    @Override
    public int numClasses() {
        return 2;
    }

    @Override
    public LossOptions options() {
        return options;
    }

    @Override
    public String className(int k) {
        return Integer.toString(Objects.checkIndex(k, 2));
    }

    /**
     * The same loss with other options.
     *
     * @param newOptions the options
     * @return a new loss
     * @throws IllegalArgumentException if the options have class weights, but not 2
     */
    public BinaryCrossEntropy withOptions(LossOptions newOptions) {
        return new BinaryCrossEntropy(form, newOptions);
    }

    /**
     * The same loss with another clipping policy ({@link LossOptions#withClipping}).
     *
     * @param policy the policy
     * @return a new loss
     */
    public BinaryCrossEntropy withClipping(Clipping policy) {
        return withOptions(options.withClipping(policy));
    }

    /**
     * The same loss with label smoothing ε ({@link LossOptions#withLabelSmoothing}).
     *
     * @param epsilon ε in [0, 1]
     * @return a new loss
     * @throws IllegalArgumentException if ε is NaN or outside [0, 1]
     */
    public BinaryCrossEntropy withLabelSmoothing(double epsilon) {
        return withOptions(options.withLabelSmoothing(epsilon));
    }

    /**
     * The same loss with class weights c<sub>0</sub>, c<sub>1</sub>
     * ({@link LossOptions#withClassWeights}).
     *
     * @param weights two finite weights ≥ 0, not both 0
     * @return a new loss
     * @throws IllegalArgumentException if there are not 2, or a weight is invalid
     */
    public BinaryCrossEntropy withClassWeights(double... weights) {
        return withOptions(options.withClassWeights(weights));
    }

    /**
     * The same loss computed by the given backend ({@link LossOptions#using}).
     *
     * @param measures the backend
     * @return a new loss
     */
    public BinaryCrossEntropy using(InformationMeasures measures) {
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
    public BinaryAccumulator accumulator() {
        return new BinaryAccumulator(this, false);
    }

    /**
     * A {@link Collector} that feeds each stream element to an accumulator and merges partial
     * accumulators (parallel streams included), ending in a {@link LossSummary}; for example
     * {@code rows.parallel().collect(loss.collector((acc, r) -> acc.add(r.y(), r.p())))}. Error
     * messages name indices within each partial accumulator.
     *
     * @param add how one element is added
     * @param <T> the element type
     * @return the collector
     */
    public <T> Collector<T, BinaryAccumulator, LossSummary> collector(
            BiConsumer<BinaryAccumulator, ? super T> add) {
        Objects.requireNonNull(add, "add");
        return Collector.of(this::accumulator, add::accept, BinaryAccumulator::merge,
                LossAccumulator::summary);
    }

    /**
     * The loss of a batch, unweighted. <b>Batch path:</b> with labels 0/1, from probabilities
     * and no option that changes the loss (no clipping, smoothing, class weights or profile), or
     * from logits and no smoothing or class weights, the whole batch is checked in one pass and its
     * losses computed by one call of the backend's bulk operation
     * ({@link InformationMeasures#bernoulliInformationNats},
     * {@link InformationMeasures#bernoulliLogitInformationNats}; vectorised by {@code vector}; for
     * logits the options' backend or the default one, and example by example if none is
     * installed); anything else — soft targets, options, log-probabilities, a loss of +∞ — runs
     * example by example. Both give the same checks, errors and counts, and sums within
     * {@link LossAccumulator#MERGE_RELATIVE_TOLERANCE} of each other.
     *
     * @param targets y<sub>n</sub> ∈ [0, 1]
     * @param predictions the predictions, in this loss's form
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see {@link CrossEntropy})
     */
    public LossSummary evaluate(double[] targets, double[] predictions) {
        return evaluate(targets, predictions, null);
    }

    /**
     * The loss of a weighted batch; without weights (null) through the batch path of
     * {@link #evaluate(double[], double[])} where it applies.
     *
     * @param targets y<sub>n</sub> ∈ [0, 1]
     * @param predictions the predictions, in this loss's form
     * @param sampleWeights w<sub>n</sub> ≥ 0, or null for all 1
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see {@link CrossEntropy})
     */
    public LossSummary evaluate(double[] targets, double[] predictions, double[] sampleWeights) {
        int n = Checks.lengths(targets.length, predictions.length, sampleWeights);
        if (sampleWeights == null) {
            LossSummary fast = BatchPaths.binary(this, targets, predictions, n);
            if (fast != null) {
                return fast;
            }
        }
        BinaryAccumulator acc = new BinaryAccumulator(this, true);
        for (int i = 0; i < n; i++) {
            acc.add(targets[i], predictions[i], sampleWeights == null ? 1.0 : sampleWeights[i]);
        }
        return acc.summary();
    }

    /**
     * Whether another object is a binary loss of the same form and options.
     *
     * @param o another object
     * @return true if their accumulators may be merged
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryCrossEntropy && ((BinaryCrossEntropy) o).form == form
                && ((BinaryCrossEntropy) o).options.equals(options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(BinaryCrossEntropy.class, form, options);
    }

    /**
     * A description, e.g. {@code binary cross-entropy from probabilities, clipping exact (no
     * clipping)}.
     */
    @Override
    public String toString() {
        return "binary cross-entropy from " + form.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + ", " + options;
    }
}

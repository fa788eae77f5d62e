package dev.xent.loss;

import dev.xent.InformationMeasures;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Collector;

/**
 * Log loss with the true classes given by name — scikit-learn's {@code log_loss(y_true, y_pred,
 * labels=…)}: ℓ(y, q) = −ln q<sub>y</sub> in nats, where y is a class name among the loss's
 * {@link ClassLabels} and column k of each prediction row is class {@code labels.name(k)}
 * (scikit-learn orders the columns by the sorted labels: {@link ClassLabels#sorted}). A label set
 * wider than the labels present in the data is allowed. Created by
 * {@link CrossEntropy#labelled(ClassLabels)} (probabilities) or
 * {@link CrossEntropy#labelled(ClassLabels, Predictions)}; see {@link CrossEntropy} for the
 * definitions and {@link LossOptions} for the options. Exact by default;
 * {@code .withClipping(Clipping.SKLEARN)} reproduces scikit-learn ≥ 1.2.
 *
 * <p>Once the name is looked up (a hash lookup), an example costs what a
 * {@link SparseCrossEntropy} example does.
 *
 * <p>Immutable and thread-safe.
 */
public final class LabelledLogLoss implements CrossEntropy {

    private final ClassLabels labels;
    private final int k;
    private final Predictions form;
    private final LossOptions options;

    LabelledLogLoss(ClassLabels labels, Predictions form, LossOptions options) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.k = labels.size();
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
        return labels.name(c);
    }

    /**
     * The classes, in column order.
     *
     * @return the labels
     */
    public ClassLabels labels() {
        return labels;
    }

    /**
     * The same loss with other options.
     *
     * @param newOptions the options
     * @return a new loss
     * @throws IllegalArgumentException if the options have class weights, but not K
     */
    public LabelledLogLoss withOptions(LossOptions newOptions) {
        return new LabelledLogLoss(labels, form, newOptions);
    }

    /**
     * The same loss with another clipping policy ({@link LossOptions#withClipping}).
     *
     * @param policy the policy
     * @return a new loss
     */
    public LabelledLogLoss withClipping(Clipping policy) {
        return withOptions(options.withClipping(policy));
    }

    /**
     * The same loss with label smoothing ε ({@link LossOptions#withLabelSmoothing}).
     *
     * @param epsilon ε in [0, 1]
     * @return a new loss
     * @throws IllegalArgumentException if ε is NaN or outside [0, 1]
     */
    public LabelledLogLoss withLabelSmoothing(double epsilon) {
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
    public LabelledLogLoss withClassWeights(double... weights) {
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
    public LabelledLogLoss withRowSumTolerance(double tolerance) {
        return withOptions(options.withRowSumTolerance(tolerance));
    }

    /**
     * The same loss computed by the given backend ({@link LossOptions#using}).
     *
     * @param measures the backend
     * @return a new loss
     */
    public LabelledLogLoss using(InformationMeasures measures) {
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
    public LabelledAccumulator accumulator() {
        return new LabelledAccumulator(this, false);
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
    public <T> Collector<T, LabelledAccumulator, LossSummary> collector(
            BiConsumer<LabelledAccumulator, ? super T> add) {
        Objects.requireNonNull(add, "add");
        return Collector.of(this::accumulator, add::accept, LabelledAccumulator::merge,
                LossAccumulator::summary);
    }

    /**
     * The loss of a batch, unweighted.
     *
     * @param classes the true class of each example, by name
     * @param predictions one row of K per example, in this loss's form, columns in the labels' order
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see {@link CrossEntropy}), including a name that
     *     is not one of the labels
     */
    public LossSummary evaluate(List<String> classes, double[][] predictions) {
        return evaluate(classes, predictions, null);
    }

    /**
     * The loss of a weighted batch.
     *
     * @param classes the true class of each example, by name
     * @param predictions one row of K per example, in this loss's form, columns in the labels' order
     * @param sampleWeights w<sub>n</sub> ≥ 0, or null for all 1
     * @return the summary, with the per-example values
     * @throws LossInputException on bad input (see {@link CrossEntropy}), including a name that
     *     is not one of the labels
     */
    public LossSummary evaluate(List<String> classes, double[][] predictions, double[] sampleWeights) {
        int n = Checks.lengths(classes.size(), predictions.length, sampleWeights);
        LabelledAccumulator acc = new LabelledAccumulator(this, true);
        for (int i = 0; i < n; i++) {
            acc.add(classes.get(i), predictions[i], sampleWeights == null ? 1.0 : sampleWeights[i]);
        }
        return acc.summary();
    }

    /**
     * Whether another object is a labelled loss of the same labels, form and options.
     *
     * @param o another object
     * @return true if their accumulators may be merged
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof LabelledLogLoss && ((LabelledLogLoss) o).labels.equals(labels)
                && ((LabelledLogLoss) o).form == form
                && ((LabelledLogLoss) o).options.equals(options);
    }

    @Override
    public int hashCode() {
        return Objects.hash(LabelledLogLoss.class, labels, form, options);
    }

    /**
     * A description, e.g. {@code log loss over [ham, spam] from probabilities,
     * clipping exact (no clipping)}.
     */
    @Override
    public String toString() {
        return "log loss over " + labels + " from "
                + form.name().toLowerCase(Locale.ROOT).replace('_', '-') + ", " + options;
    }
}

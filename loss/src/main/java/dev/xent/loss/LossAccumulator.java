package dev.xent.loss;

import dev.xent.loss.LossInputException.Input;

/**
 * A streaming, mergeable accumulator of a loss — {@link BinaryAccumulator},
 * {@link CategoricalAccumulator}, {@link SparseAccumulator} or {@link LabelledAccumulator}, each
 * taking only its own kind of example: add examples one at a time or in batches, merge partial
 * accumulators, read count, weight sum, sum, mean, per-class means and clip count — in constant
 * memory (O(K) for K classes, whatever the number of examples), without allocating per example
 * (JMH's {@code -prof gc}, {@code bench/RESULTS.md}: the bytes per call of a whole dataset are the
 * same for 10<sup>3</sup> and 10<sup>7</sup> examples; with the default backend about 17 ns per
 * binary example and 27 ns per example of 10 classes on the machine named there, most of it
 * validation and the compensated sums, one logarithm being about 4.5 ns).
 *
 * <p>Each {@code add} validates the example, computes its loss ℓ (returned, in nats), and adds
 * w·ℓ and w to running sums kept with Neumaier's compensated summation
 * ({@link dev.xent.sum.CompensatedSum}; {@code w} is the sample weight times the class weight, if
 * any), each sum with its own binary exponent: weights up to {@link Double#MAX_VALUE} and down to
 * subnormals, and losses up to the largest double, give the right mean (to a few ulps) even where
 * Σw or Σwℓ exceed the largest double — those two are then reported as +∞ — or would underflow. An example with weight 0 is counted and validated but adds nothing, even when its loss is
 * +∞. Losses of +∞ are counted apart, so the sum becomes +∞ without turning the compensation into
 * NaN. An invalid example throws a {@link LossInputException} and adds nothing.
 *
 * <p><b>Split invariance.</b> The per-example losses do not depend on how the data is split, and
 * compensated sums of non-negative terms are within about 2 ulps of the exact sum whatever the
 * order and grouping. So the mean (sum / weight sum) of the same examples added in one piece or
 * in any partition merged in any order agrees within {@link #MERGE_RELATIVE_TOLERANCE} (relative),
 * as long as the number of examples is below about 2<sup>40</sup> (beyond that the second-order
 * n·2<sup>−106</sup> term of the bound starts to count). Counts, clip counts and a profile's counts
 * agree exactly. (A {@link KlDivergenceLoss} under the Keras or PyTorch profile can have negative
 * per-example values, for rows that are not distributions; the bound is then relative to the sum of
 * their absolute values.)
 *
 * <p>Mutable and <em>not</em> thread-safe: one per thread, combined with {@code merge} (which is
 * what each loss's {@code collector} does for parallel streams). The index quoted by an error
 * is the number of examples this accumulator had received before the bad one.
 */
public abstract sealed class LossAccumulator
        permits BinaryAccumulator, CategoricalAccumulator, SparseAccumulator, LabelledAccumulator,
                KlDivergenceAccumulator {

    /**
     * How far apart, relatively, the means (and sums) of the same data split differently may be:
     * 16·2<sup>−53</sup> ≈ 1.8e-15. Each compensated sum is within 2u(1 + O(nu)) of its exact
     * value (u = 2<sup>−53</sup>), the weight sum likewise, the division adds u: two splits are
     * within 2·(2u + 2u + u) = 10u of each other; 16u leaves a margin.
     */
    public static final double MERGE_RELATIVE_TOLERANCE = 16 * 0x1p-53;

    final Tally tally;
    final Workspace workspace;
    final Predictions form;
    final LossOptions options;
    final int k;
    final double smoothing;
    final double tolerance;

    LossAccumulator(Loss loss, boolean keepValues) {
        this.form = loss.predictions();
        this.options = loss.options();
        this.k = loss.numClasses();
        this.smoothing = options.labelSmoothing();
        // a profile that rescales probability rows does not check their sums (infinite tolerance)
        this.tolerance = form == Predictions.PROBABILITIES && options.profile().rescalesRows()
                ? Double.POSITIVE_INFINITY : loss.rowSumTolerance();
        // only probabilities go through the backend; logits and log-probabilities need none
        // (the KL loss computes its own careful log-ratios and needs none either)
        boolean backend = form.needsBackend() && !(loss instanceof KlDivergenceLoss);
        this.workspace = new Workspace(backend ? loss.backend() : null, options, k);
        this.tally = new Tally(k, keepValues);
    }

    /**
     * The loss this accumulator computes.
     *
     * @return the loss
     */
    public abstract Loss loss();

    /**
     * The number of examples added (including those of weight 0).
     *
     * @return N
     */
    public long count() {
        return tally.count();
    }

    /**
     * The number of prediction rows a {@link Profile} divided by a sum other than 1.
     *
     * @return the count, 0 without a rescaling profile
     */
    public long rescaledRows() {
        return tally.rescaledRows();
    }

    /**
     * The number of log terms a {@link Profile} clamped (PyTorch's −100).
     *
     * @return the count, 0 without {@link Profile#PYTORCH}
     */
    public long clampedTerms() {
        return tally.clampedTerms();
    }

    /**
     * The number of examples whose loss clipping changed.
     *
     * @return the clip count, 0 under {@link Clipping#EXACT}
     */
    public long clipCount() {
        return tally.clipCount();
    }

    /**
     * The sum of the (effective) weights Σ w<sub>n</sub>.
     *
     * @return the weight sum; N when unweighted; +∞ only when it truly exceeds the largest double
     */
    public double weightSum() {
        return tally.weightSum();
    }

    /**
     * The weighted sum Σ w<sub>n</sub>ℓ<sub>n</sub> in nats.
     *
     * @return the sum, +∞ if an example of positive weight had an infinite loss or if the sum
     *     truly exceeds the largest double ({@link LossSummary#mean()} is still right then)
     */
    public double sum() {
        return tally.sum();
    }

    /**
     * The result so far.
     *
     * @return an immutable summary
     * @throws LossInputException if no example was added (an empty dataset has no mean) or all
     *     weights are 0
     */
    public LossSummary summary() {
        return tally.summary(loss());
    }

    /** Adds the other's tally, if the two losses are equal (same kind, form, classes, options). */
    final void mergeFrom(LossAccumulator other) {
        if (!loss().equals(other.loss())) {
            throw new IllegalArgumentException("cannot merge accumulators of different losses: "
                    + loss() + " and " + other.loss());
        }
        tally.merge(other.tally);
    }

    /**
     * Records a computed loss: the sample weight times the class's weight, the clip flag, the
     * profile's counts (then reset), and whether the target was soft (a soft or smoothed target).
     */
    final double record(double l, double weight, int klass, boolean soft) {
        tally.note(workspace.rescaled, workspace.clamped, soft);
        workspace.rescaled = false;
        workspace.clamped = 0;
        return tally.record(l, weight, options.classWeight(klass), klass, workspace.clipped);
    }

    /** One example given by its class index and a prediction row (sparse and labelled). */
    final double addClass(int label, double[] prediction, double weight) {
        long n = tally.count();
        Checks.weight(weight, n);
        Checks.label(label, k, n);
        Checks.rowShape(prediction, k, Input.PREDICTION_ROW, "prediction", n);
        double aux = form.checkRow(prediction, k, tolerance, n);
        double l;
        if (smoothing == 0.0) {
            l = form.sparse(workspace, label, prediction, aux);
        } else {
            double[] t = workspace.targetK;
            java.util.Arrays.fill(t, smoothing / k);
            t[label] = (1.0 - smoothing) + smoothing / k;
            l = form.categorical(workspace, t, prediction, aux);
        }
        return record(l, weight, label, smoothing != 0.0);
    }
}

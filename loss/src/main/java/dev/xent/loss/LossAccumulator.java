package dev.xent.loss;

import dev.xent.InformationMeasures;
import dev.xent.sum.CompensatedSum;
import java.util.Locale;
import java.util.Objects;

/**
 * A streaming, mergeable accumulator of a {@link CrossEntropyLoss}: add examples one at a time or
 * in batches, merge partial accumulators, read count, weight sum, sum, mean, per-class means and
 * clip count — in constant memory (O(K) for K classes, whatever the number of examples), without
 * allocating per example (JMH's {@code -prof gc}, {@code bench/RESULTS.md}: the bytes per call of
 * a whole dataset are the same for 10<sup>3</sup> and 10<sup>7</sup> examples; with the default
 * backend about 17 ns per binary example and 27 ns per example of 10 classes on the machine named
 * there, most of it validation and the compensated sums, one logarithm being about 4.5 ns).
 *
 * <p>Each {@code add} validates the example, computes its loss ℓ (returned, in nats), and adds
 * w·ℓ and w to running sums kept with Neumaier's compensated summation ({@code w} is the sample
 * weight times the class weight, if any). An example with weight 0 is counted and validated but
 * adds nothing, even when its loss is +∞. Losses of +∞ are counted apart, so the sum becomes +∞
 * without turning the compensation into NaN.
 *
 * <p><b>Split invariance.</b> The per-example losses do not depend on how the data is split, and
 * compensated sums of non-negative terms are within about 2 ulps of the exact sum whatever the
 * order and grouping. So the mean (sum / weight sum) of the same examples added in one piece or
 * in any partition merged in any order agrees within {@link #MERGE_RELATIVE_TOLERANCE} (relative),
 * as long as the number of examples is below about 2<sup>40</sup> (beyond that the second-order
 * n·2<sup>−106</sup> term of the bound starts to count). Counts and clip counts agree exactly.
 *
 * <p>Mutable and <em>not</em> thread-safe: one per thread, combined with {@link #merge} (which is
 * what {@link CrossEntropyLoss#collector} does for parallel streams). The index quoted by an error
 * is the number of examples this accumulator had received before the bad one.
 */
public final class LossAccumulator {

    /**
     * How far apart, relatively, the means (and sums) of the same data split differently may be:
     * 16·2<sup>−53</sup> ≈ 1.8e-15. Each compensated sum is within 2u(1 + O(nu)) of its exact
     * value (u = 2<sup>−53</sup>), the weight sum likewise, the division adds u: two splits are
     * within 2·(2u + 2u + u) = 10u of each other; 16u leaves a margin.
     */
    public static final double MERGE_RELATIVE_TOLERANCE = 16 * 0x1p-53;

    private final CrossEntropyLoss loss;
    private final InformationMeasures backend;
    private final Predictions form;
    private final Clipping clipping;
    private final int k;
    private final double smoothing;
    private final double tolerance;

    private final double[] target2 = new double[2];
    private final double[] pred2 = new double[2];
    private final double[] targetK;
    private final double[] predK;
    private boolean clipped;

    private long count;
    private long clipCount;
    private long infinite;
    private final CompensatedSum weightSum = new CompensatedSum();
    private final CompensatedSum sum = new CompensatedSum();
    private final long[] classCount;
    private final long[] classInfinite;
    private final CompensatedSum[] classWeight;
    private final CompensatedSum[] classSum;

    /** Per-example weighted values, only for batch results; grows, so not constant memory. */
    private double[] values;

    LossAccumulator(CrossEntropyLoss loss, boolean keepValues) {
        this.loss = loss;
        // only probabilities go through the backend; logits and log-probabilities need none
        this.backend = loss.predictions() == Predictions.PROBABILITIES ? loss.backend() : null;
        this.form = loss.predictions();
        this.clipping = loss.clipping();
        this.k = loss.numClasses();
        this.smoothing = loss.labelSmoothing();
        this.tolerance = loss.rowSumTolerance();
        this.targetK = new double[k];
        this.predK = new double[k];
        this.classCount = new long[k];
        this.classInfinite = new long[k];
        this.classWeight = new CompensatedSum[k];
        this.classSum = new CompensatedSum[k];
        for (int c = 0; c < k; c++) {
            classWeight[c] = new CompensatedSum();
            classSum[c] = new CompensatedSum();
        }
        this.values = keepValues ? new double[16] : null;
    }

    /**
     * The loss this accumulator computes.
     *
     * @return the loss
     */
    public CrossEntropyLoss loss() {
        return loss;
    }

    // ----------------------------------------------------------------------------------- binary

    /**
     * Adds one example of a binary loss with weight 1.
     *
     * @param target y ∈ [0, 1]: a label 0 or 1, or a soft target
     * @param prediction P(class 1) in the loss's form
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     * @throws IllegalStateException if the loss is categorical
     */
    public double add(double target, double prediction) {
        return add(target, prediction, 1.0);
    }

    /**
     * Adds one weighted example of a binary loss.
     *
     * @param target y ∈ [0, 1]
     * @param prediction P(class 1) in the loss's form
     * @param weight the sample weight, finite, ≥ 0
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     * @throws IllegalStateException if the loss is categorical
     */
    public double add(double target, double prediction, double weight) {
        if (!loss.isBinary()) {
            throw new IllegalStateException("a categorical loss over " + k
                    + " classes needs a class or a target row and a prediction row");
        }
        checkWeight(weight);
        if (!(target >= 0.0 && target <= 1.0)) {
            throw bad("target %s is not in [0, 1]", target);
        }
        int klass = target > 0.5 ? 1 : 0;
        if (loss.hasClassWeights() && target != 0.0 && target != 1.0) {
            throw bad("target %s is soft, but class weights need labels 0 or 1", target);
        }
        double y = smoothing == 0.0 ? target : target * (1.0 - smoothing) + 0.5 * smoothing;
        double l;
        clipped = false;
        switch (form) {
            case PROBABILITIES: {
                if (!(prediction >= 0.0 && prediction <= 1.0)) {
                    throw bad("prediction %s is not a probability in [0, 1]", prediction);
                }
                double p = clipping.clip(prediction);
                clipped = p != prediction;
                if (y == 1.0) {
                    l = backend.informationNats(p);
                } else if (y == 0.0) {
                    l = complementInformation(p);
                } else {
                    target2[0] = 1.0 - y;
                    target2[1] = y;
                    pred2[0] = 1.0 - p;
                    pred2[1] = p;
                    l = backend.crossEntropyNats(target2, pred2);
                }
                break;
            }
            case LOGITS: {
                if (!(Math.abs(prediction) < Double.POSITIVE_INFINITY)) {
                    throw bad("logit %s is not a finite number", prediction);
                }
                l = 0.0;
                if (y < 1.0) {
                    l += (1.0 - y) * softplus(prediction);
                }
                if (y > 0.0) {
                    l += y * softplus(-prediction);
                }
                break;
            }
            default: {
                if (!(prediction <= 0.0)) {
                    throw bad("log-probability %s is not in [-Infinity, 0]", prediction);
                }
                double lp = clipping.clipLog(prediction);
                clipped = lp != prediction;
                l = 0.0;
                if (y > 0.0) {
                    l -= y * lp;
                }
                if (y < 1.0) {
                    l -= (1.0 - y) * log1mexp(lp);
                }
                break;
            }
        }
        return record(l, weight * loss.classWeight(klass), klass);
    }

    // ------------------------------------------------------------------------------ categorical

    /**
     * Adds one example of a categorical loss by class index (sparse categorical, NLL), weight 1.
     *
     * @param label the true class y ∈ {0, …, K−1}
     * @param prediction a row of K in the loss's form
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     * @throws IllegalStateException if the loss is binary
     */
    public double add(int label, double[] prediction) {
        return add(label, prediction, 1.0);
    }

    /**
     * Adds one weighted example of a categorical loss by class index.
     *
     * @param label the true class y ∈ {0, …, K−1}
     * @param prediction a row of K in the loss's form
     * @param weight the sample weight, finite, ≥ 0
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     * @throws IllegalStateException if the loss is binary
     */
    public double add(int label, double[] prediction, double weight) {
        requireCategorical();
        checkWeight(weight);
        if (label < 0 || label >= k) {
            throw bad("label %s is out of range for %d classes (valid: 0 to %d)", label, k, k - 1);
        }
        double max = checkRow("prediction", prediction);
        double l;
        clipped = false;
        if (smoothing == 0.0) {
            switch (form) {
                case PROBABILITIES: {
                    double q = clipping.clip(prediction[label]);
                    clipped = q != prediction[label];
                    l = backend.informationNats(q);
                    break;
                }
                case LOGITS:
                    l = (max - prediction[label]) + logSumExpShifted(prediction, max);
                    break;
                default: {
                    double lq = clipping.clipLog(prediction[label]);
                    clipped = lq != prediction[label];
                    l = -lq;
                    break;
                }
            }
        } else {
            java.util.Arrays.fill(targetK, smoothing / k);
            targetK[label] = (1.0 - smoothing) + smoothing / k;
            l = core(targetK, prediction, max);
        }
        return record(l, weight * loss.classWeight(label), label);
    }

    /**
     * Adds one example of a categorical loss by class name, weight 1; needs a loss with
     * {@link ClassLabels}.
     *
     * @param label the true class's name
     * @param prediction a row of K in the loss's form, columns in the labels' order
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid or the name unknown
     */
    public double add(String label, double[] prediction) {
        return add(label, prediction, 1.0);
    }

    /**
     * Adds one weighted example of a categorical loss by class name.
     *
     * @param label the true class's name
     * @param prediction a row of K in the loss's form, columns in the labels' order
     * @param weight the sample weight, finite, ≥ 0
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid or the name unknown
     * @throws IllegalStateException if the loss has no class labels
     */
    public double add(String label, double[] prediction, double weight) {
        ClassLabels names = loss.labels().orElseThrow(() -> new IllegalStateException(
                "classes given by name need a loss with ClassLabels"));
        int index;
        try {
            index = names.indexOf(Objects.requireNonNull(label, "label"));
        } catch (IllegalArgumentException e) {
            throw bad("label '%s' is not one of the classes %s", label, names);
        }
        return add(index, prediction, weight);
    }

    /**
     * Adds one example of a categorical loss with a target row (one-hot or soft), weight 1.
     *
     * @param target a distribution over the K classes
     * @param prediction a row of K in the loss's form
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     */
    public double add(double[] target, double[] prediction) {
        return add(target, prediction, 1.0);
    }

    /**
     * Adds one weighted example of a categorical loss with a target row.
     *
     * @param target a distribution over the K classes
     * @param prediction a row of K in the loss's form
     * @param weight the sample weight, finite, ≥ 0
     * @return the example's loss ℓ in nats (unweighted), possibly +∞
     * @throws LossInputException if the example is invalid; nothing is added then
     * @throws IllegalStateException if the loss is binary
     */
    public double add(double[] target, double[] prediction, double weight) {
        requireCategorical();
        checkWeight(weight);
        checkTarget(target);
        double max = checkRow("prediction", prediction);
        int klass = 0;
        for (int i = 1; i < k; i++) {
            if (target[i] > target[klass]) {
                klass = i;
            }
        }
        if (loss.hasClassWeights() && target[klass] != 1.0) {
            throw bad("target row is soft (largest entry %s), but class weights need one-hot rows",
                    target[klass]);
        }
        double[] t = target;
        if (smoothing != 0.0) {
            for (int i = 0; i < k; i++) {
                targetK[i] = target[i] * (1.0 - smoothing) + smoothing / k;
            }
            t = targetK;
        }
        clipped = false;
        double l = core(t, prediction, max);
        return record(l, weight * loss.classWeight(klass), klass);
    }

    /**
     * Adds a batch of binary examples with weight 1.
     *
     * @param targets the targets y<sub>n</sub>
     * @param predictions the predictions, same length
     * @return this accumulator
     * @throws LossInputException if the lengths differ or an example is invalid (the examples
     *     before it have been added)
     */
    public LossAccumulator addAll(double[] targets, double[] predictions) {
        requireLengths(targets.length, predictions.length);
        for (int i = 0; i < targets.length; i++) {
            add(targets[i], predictions[i], 1.0);
        }
        return this;
    }

    /**
     * Adds a batch of categorical examples by class index with weight 1.
     *
     * @param labels the classes y<sub>n</sub>
     * @param predictions the rows, same length
     * @return this accumulator
     * @throws LossInputException if the lengths differ or an example is invalid (the examples
     *     before it have been added)
     */
    public LossAccumulator addAll(int[] labels, double[][] predictions) {
        requireLengths(labels.length, predictions.length);
        for (int i = 0; i < labels.length; i++) {
            add(labels[i], predictions[i], 1.0);
        }
        return this;
    }

    /**
     * Adds a batch of categorical examples with target rows and weight 1.
     *
     * @param targets the target rows
     * @param predictions the prediction rows, same length
     * @return this accumulator
     * @throws LossInputException if the lengths differ or an example is invalid (the examples
     *     before it have been added)
     */
    public LossAccumulator addAll(double[][] targets, double[][] predictions) {
        requireLengths(targets.length, predictions.length);
        for (int i = 0; i < targets.length; i++) {
            add(targets[i], predictions[i], 1.0);
        }
        return this;
    }

    /**
     * Adds everything another accumulator of the same loss has seen. The result does not depend,
     * beyond {@link #MERGE_RELATIVE_TOLERANCE}, on how the examples were split.
     *
     * @param other an accumulator of a loss with the same settings
     * @return this accumulator, now holding both
     * @throws IllegalArgumentException if the other's loss has different settings
     */
    public LossAccumulator merge(LossAccumulator other) {
        if (!loss.sameSettings(other.loss)) {
            throw new IllegalArgumentException("cannot merge accumulators of different losses: "
                    + loss + " and " + other.loss);
        }
        if (values != null && other.values != null) {
            for (int i = 0; i < other.count; i++) {
                keep(count + i, other.values[i]);
            }
        } else {
            values = null;
        }
        count += other.count;
        clipCount += other.clipCount;
        infinite += other.infinite;
        weightSum.add(other.weightSum);
        sum.add(other.sum);
        for (int c = 0; c < k; c++) {
            classCount[c] += other.classCount[c];
            classInfinite[c] += other.classInfinite[c];
            classWeight[c].add(other.classWeight[c]);
            classSum[c].add(other.classSum[c]);
        }
        return this;
    }

    /**
     * The number of examples added (including those of weight 0).
     *
     * @return N
     */
    public long count() {
        return count;
    }

    /**
     * The number of examples whose loss clipping changed.
     *
     * @return the clip count, 0 under {@link Clipping#EXACT}
     */
    public long clipCount() {
        return clipCount;
    }

    /**
     * The sum of the (effective) weights Σ w<sub>n</sub>.
     *
     * @return the weight sum; N when unweighted
     */
    public double weightSum() {
        return weightSum.value();
    }

    /**
     * The weighted sum Σ w<sub>n</sub>ℓ<sub>n</sub> in nats.
     *
     * @return the sum, +∞ if an example of positive weight had an infinite loss
     */
    public double sum() {
        return infinite > 0 ? Double.POSITIVE_INFINITY : sum.value();
    }

    /**
     * The result so far.
     *
     * @return an immutable summary
     * @throws LossInputException if no example was added (an empty dataset has no mean) or all
     *     weights are 0
     */
    public LossSummary summary() {
        if (count == 0) {
            throw new LossInputException(-1, "empty dataset: no examples, so there is no mean loss");
        }
        double w = weightSum.value();
        if (!(w > 0.0)) {
            throw new LossInputException(-1, "all " + count
                    + " examples have weight 0: the weighted mean is undefined");
        }
        double[] classMeans = new double[k];
        double[] classWeights = new double[k];
        for (int c = 0; c < k; c++) {
            classWeights[c] = classWeight[c].value();
            double cs = classInfinite[c] > 0 ? Double.POSITIVE_INFINITY : classSum[c].value();
            classMeans[c] = classWeights[c] > 0.0 ? cs / classWeights[c] : Double.NaN;
        }
        double[] perExample = values == null ? null : java.util.Arrays.copyOf(values, (int) count);
        return new LossSummary(loss, count, w, sum(), clipCount, classCount.clone(), classWeights,
                classMeans, perExample);
    }

    // ------------------------------------------------------------------------------- internals

    private double record(double l, double weight, int klass) {
        if (clipped) {
            clipCount++;
        }
        weightSum.add(weight);
        classCount[klass]++;
        classWeight[klass].add(weight);
        double wl = 0.0;
        if (weight > 0.0) {
            wl = weight * l;
            if (wl == Double.POSITIVE_INFINITY) {
                infinite++;
                classInfinite[klass]++;
            } else {
                sum.add(wl);
                classSum[klass].add(wl);
            }
        }
        if (values != null) {
            keep(count, wl);
        }
        count++;
        return l;
    }

    private void keep(long index, double value) {
        if (index >= values.length) {
            if (index >= Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("too many examples to keep per-example values");
            }
            values = java.util.Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(index + 1, 2L * values.length)));
        }
        values[(int) index] = value;
    }

    /** H(t, q) for a validated, possibly smoothed target row and a validated prediction row. */
    private double core(double[] t, double[] prediction, double max) {
        switch (form) {
            case PROBABILITIES: {
                if (clipping.isExact()) {
                    return backend.crossEntropyNats(t, prediction);
                }
                for (int i = 0; i < k; i++) {
                    predK[i] = clipping.clip(prediction[i]);
                    clipped |= t[i] > 0.0 && predK[i] != prediction[i];
                }
                return backend.crossEntropyNats(t, predK);
            }
            case LOGITS: {
                double logS = logSumExpShifted(prediction, max);
                double l = 0.0;
                for (int i = 0; i < k; i++) {
                    if (t[i] > 0.0) {
                        l += t[i] * ((max - prediction[i]) + logS);
                    }
                }
                return l;
            }
            default: {
                double l = 0.0;
                for (int i = 0; i < k; i++) {
                    if (t[i] > 0.0) {
                        double lq = clipping.clipLog(prediction[i]);
                        clipped |= lq != prediction[i];
                        l -= t[i] * lq;
                    }
                }
                return l;
            }
        }
    }

    /**
     * −ln(1 − p), the information of class 0 when P(class 1) = p: for p ≤ ½ as −log1p(−p), which
     * keeps every digit when p is tiny (1 − p rounded to a double would lose them: p = 1e-10 gives
     * 1.000000082790371e-10 through ln(1 − p) instead of 1.00000000005e-10); for p &gt; ½, 1 − p is
     * exact (Sterbenz) and the backend takes −ln of it.
     */
    private double complementInformation(double p) {
        return p <= 0.5 ? -Math.log1p(-p) : backend.informationNats(1.0 - p);
    }

    /** ln Σ exp(z_i − max), at least 0 (the max contributes 1). */
    private double logSumExpShifted(double[] z, double max) {
        double s = 0.0;
        for (int i = 0; i < k; i++) {
            s += Math.exp(z[i] - max);
        }
        return Math.log(s);
    }

    /** softplus(x) = ln(1 + e^x), without overflow or cancellation. */
    private static double softplus(double x) {
        return x > 0.0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** ln(1 − e^x) for x ≤ 0 (Mächler 2012: expm1 above −ln 2, log1p below). */
    private static double log1mexp(double x) {
        return x > -0.6931471805599453 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
    }

    /**
     * Checks a prediction row in the loss's form; returns its maximum (used by log-sum-exp).
     */
    private double checkRow(String what, double[] row) {
        if (row == null) {
            throw bad("%s row is missing", what);
        }
        if (row.length != k) {
            throw bad("%s row has %d entries, but the loss has %d classes", what, row.length, k);
        }
        double max = Double.NEGATIVE_INFINITY;
        switch (form) {
            case PROBABILITIES:
                for (int i = 0; i < k; i++) {
                    if (!(row[i] >= 0.0 && row[i] <= 1.0)) {
                        throw bad("%s %s at class %d is not a probability in [0, 1]", what, row[i], i);
                    }
                }
                checkSum(what, row, false);
                return 1.0;
            case LOGITS:
                for (int i = 0; i < k; i++) {
                    if (!(Math.abs(row[i]) < Double.POSITIVE_INFINITY)) {
                        throw bad("logit %s at class %d is not a finite number", row[i], i);
                    }
                    max = Math.max(max, row[i]);
                }
                return max;
            default:
                for (int i = 0; i < k; i++) {
                    if (!(row[i] <= 0.0)) {
                        throw bad("log-probability %s at class %d is not in [-Infinity, 0]", row[i], i);
                    }
                }
                checkSum(what, row, true);
                return 0.0;
        }
    }

    private void checkTarget(double[] target) {
        if (target == null) {
            throw bad("target row is missing");
        }
        if (target.length != k) {
            throw bad("target row has %d entries, but the loss has %d classes", target.length, k);
        }
        for (int i = 0; i < k; i++) {
            if (!(target[i] >= 0.0 && target[i] <= 1.0)) {
                throw bad("target %s at class %d is not a probability in [0, 1]", target[i], i);
            }
        }
        checkSum("target", target, false);
    }

    /** |Σ row − 1| ≤ tolerance, the sum compensated; for log-probabilities the sum of exp. */
    private void checkSum(String what, double[] row, boolean logs) {
        double s = 0.0;
        double c = 0.0;
        for (int i = 0; i < k; i++) {
            double x = logs ? Math.exp(row[i]) : row[i];
            double t = s + x;
            c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
            s = t;
        }
        s += c;
        if (!(Math.abs(s - 1.0) <= tolerance)) {
            throw bad("%s row %s sums to %s%s, not 1 (tolerance %.3g); xent does not renormalise:"
                    + " fix the data, or loosen the tolerance with withRowSumTolerance",
                    what, java.util.Arrays.toString(row), s, logs ? " (as probabilities)" : "",
                    tolerance);
        }
    }

    private void checkWeight(double weight) {
        if (!(weight >= 0.0 && weight < Double.POSITIVE_INFINITY)) {
            throw bad("sample weight %s is not a finite number >= 0", weight);
        }
    }

    private void requireCategorical() {
        if (loss.isBinary()) {
            throw new IllegalStateException(
                    "a binary loss needs one target y in [0, 1] and one prediction per example");
        }
    }

    private void requireLengths(int targets, int predictions) {
        if (targets != predictions) {
            throw new LossInputException(-1, String.format(Locale.ROOT,
                    "%d targets but %d predictions: give one of each per example", targets,
                    predictions));
        }
    }

    private LossInputException bad(String format, Object... args) {
        return new LossInputException(count, String.format(Locale.ROOT, "example %d: ", count)
                + String.format(Locale.ROOT, format, args));
    }
}

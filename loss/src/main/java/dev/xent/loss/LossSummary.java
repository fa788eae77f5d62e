package dev.xent.loss;

import dev.xent.LogBase;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The result of a cross-entropy loss over a dataset: count, weight sum, sum, mean, per-class means
 * and clip count, all in nats unless converted with a {@link LogBase}; for batch results also the
 * per-example values ({@link Reduction#NONE}).
 *
 * <p>Definitions (w<sub>n</sub> the effective weight: sample weight × class weight; 1 when
 * unweighted): sum = Σ w<sub>n</sub>ℓ<sub>n</sub>, mean = sum / Σ w<sub>n</sub> (the weighted mean
 * divides by the sum of the weights), the mean of class k = Σ<sub>n: y(n)=k</sub>
 * w<sub>n</sub>ℓ<sub>n</sub> / Σ<sub>n: y(n)=k</sub> w<sub>n</sub>, where an example's class is
 * its label (for a soft target: its largest entry, the lowest index on ties; binary y &gt; 1/2
 * is class 1). Immutable and thread-safe.
 */
public final class LossSummary {

    private final CrossEntropy loss;
    private final long count;
    private final double weightSum;
    private final double sum;
    private final double mean;
    private final long clipCount;
    private final long[] classCount;
    private final double[] classWeight;
    private final double[] classMean;
    private final double[] perExample;

    /** With the mean computed by the caller (Tally: on the sums' significands, never over- or underflowing). */
    LossSummary(CrossEntropy loss, long count, double weightSum, double sum, double mean,
            long clipCount, long[] classCount, double[] classWeight, double[] classMean,
            double[] perExample) {
        this.loss = loss;
        this.count = count;
        this.weightSum = weightSum;
        this.sum = sum;
        this.mean = mean;
        this.clipCount = clipCount;
        this.classCount = classCount;
        this.classWeight = classWeight;
        this.classMean = classMean;
        this.perExample = perExample;
    }

    /**
     * The loss that produced this result (its kind, form and {@link LossOptions}).
     *
     * @return the loss
     */
    public CrossEntropy loss() {
        return loss;
    }

    /**
     * The number of examples N.
     *
     * @return N ≥ 1
     */
    public long count() {
        return count;
    }

    /**
     * Σ w<sub>n</sub>, the sum of the effective weights.
     *
     * @return the weight sum, N when unweighted; +∞ only when the weights truly sum to more than
     *     {@link Double#MAX_VALUE}, and 0 only when they sum to less than half the smallest
     *     double (a sample weight of 1e-300 times a class weight of 1e-300) — the
     *     {@link #mean()} is still right in both cases
     */
    public double weightSum() {
        return weightSum;
    }

    /**
     * Σ w<sub>n</sub>ℓ<sub>n</sub> in nats.
     *
     * @return the sum, ≥ 0; +∞ when a loss of positive weight is +∞ or when the sum truly exceeds
     *     {@link Double#MAX_VALUE} (the {@link #mean()} is still right then)
     */
    public double sum() {
        return sum;
    }

    /**
     * The mean Σ w<sub>n</sub>ℓ<sub>n</sub> / Σ w<sub>n</sub> in nats: the average cross-entropy,
     * log loss, mean negative log-likelihood. It is computed from the exact-range sums, not from
     * {@link #sum()} / {@link #weightSum()}: it is right (to a few ulps) even when either of those
     * is +∞ or lost digits to underflow — for instance with weights of 10<sup>308</sup> or 10<sup>−320</sup>.
     *
     * @return the mean, ≥ 0; +∞ exactly when a loss of positive weight is +∞; never NaN
     */
    public double mean() {
        return mean;
    }

    /**
     * The mean in the given unit.
     *
     * @param unit the unit
     * @return the mean in {@code unit}
     */
    public double mean(LogBase unit) {
        return unit.fromNats(mean());
    }

    /**
     * The mean or the sum, in nats.
     *
     * @param reduction {@link Reduction#MEAN} or {@link Reduction#SUM}
     * @return the reduced value
     * @throws IllegalArgumentException for {@link Reduction#NONE}: use {@link #perExample()}
     */
    public double value(Reduction reduction) {
        switch (reduction) {
            case MEAN:
                return mean();
            case SUM:
                return sum();
            default:
                throw new IllegalArgumentException(
                        "reduction NONE has one value per example: use perExample()");
        }
    }

    /**
     * The per-example weighted losses w<sub>n</sub>ℓ<sub>n</sub> in nats, in input order
     * ({@link Reduction#NONE}); present for results of the batch methods
     * ({@code evaluate(…)} of each loss), absent for streamed results (constant memory).
     *
     * @return a copy of the values, or empty
     */
    public Optional<double[]> perExample() {
        return Optional.ofNullable(perExample).map(double[]::clone);
    }

    /**
     * The number of examples whose loss clipping changed (see {@link Clipping}).
     *
     * @return 0 under {@link Clipping#EXACT}
     */
    public long clipCount() {
        return clipCount;
    }

    /**
     * The number of classes K.
     *
     * @return K (2 for binary)
     */
    public int numClasses() {
        return classCount.length;
    }

    /**
     * The number of examples of class k.
     *
     * @param k the class
     * @return the count
     */
    public long classCount(int k) {
        return classCount[k];
    }

    /**
     * The weight sum of the examples of class k.
     *
     * @param k the class
     * @return the weight sum, ≥ 0 (+∞ or 0 as for {@link #weightSum()})
     */
    public double classWeightSum(int k) {
        return classWeight[k];
    }

    /**
     * The mean loss of the examples of class k in nats — the tutorial's advice to see which
     * classes are predicted badly.
     *
     * @param k the class
     * @return the class's weighted mean, or empty when the class has no example of positive weight
     */
    public OptionalDouble classMean(int k) {
        return Double.isNaN(classMean[k]) ? OptionalDouble.empty() : OptionalDouble.of(classMean[k]);
    }

    /**
     * The name of class k: its label for a {@link LabelledLogLoss}, else its index.
     *
     * @param k the class
     * @return the name
     */
    public String className(int k) {
        return loss.className(k);
    }

    /**
     * The tutorial's reading of the mean (see {@link Interpretation}).
     *
     * @return the band the mean falls in
     */
    public Interpretation interpretation() {
        return Interpretation.of(mean());
    }

    /**
     * A one-line description, e.g. {@code mean 0.2469 nats over 10 examples (sum 2.469, clipped
     * 0)}; a weight sum or sum beyond the largest double is shown as {@code Infinity (beyond the
     * largest double)}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mean %s nats over %d examples (weight sum %s, sum %s,"
                + " clipped %d, %s)", mean(), count, beyond(weightSum),
                mean == Double.POSITIVE_INFINITY ? Double.toString(sum) : beyond(sum), clipCount,
                interpretation().reading());
    }

    private static String beyond(double x) {
        return x == Double.POSITIVE_INFINITY ? "Infinity (beyond the largest double)"
                : Double.toString(x);
    }
}

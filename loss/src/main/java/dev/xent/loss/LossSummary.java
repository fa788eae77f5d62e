package dev.xent.loss;

import dev.xent.LogBase;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The result of a loss over a dataset: count, weight sum, sum, mean, per-class means, clip count
 * and a {@link Profile}'s counts, all in nats unless converted with a {@link LogBase}; for batch
 * results also the per-example values ({@link Reduction#NONE}); and what the mean tells about a
 * model: {@link #perplexity()}, {@link #bitsPerToken()} and the D² skill score
 * {@link #d2LogLossScore()} against the class priors.
 *
 * <p>Definitions (w<sub>n</sub> the effective weight: sample weight × class weight; 1 when
 * unweighted): sum = Σ w<sub>n</sub>ℓ<sub>n</sub>, mean = sum / Σ w<sub>n</sub> (the weighted mean
 * divides by the sum of the weights), the mean of class k = Σ<sub>n: y(n)=k</sub>
 * w<sub>n</sub>ℓ<sub>n</sub> / Σ<sub>n: y(n)=k</sub> w<sub>n</sub>, where an example's class is
 * its label (for a soft target: its largest entry, the lowest index on ties; binary y &gt; 1/2
 * is class 1). Immutable and thread-safe.
 */
public final class LossSummary {

    private final Loss loss;
    private final long count;
    private final double weightSum;
    private final double sum;
    private final double mean;
    private final long clipCount;
    private final long[] classCount;
    private final double[] classWeight;
    private final double[] classMean;
    private final double[] perExample;
    private final long rescaledRows;
    private final long clampedTerms;
    private final long softTargets;

    /** With the mean computed by the caller (Tally: on the sums' significands, never over- or underflowing). */
    LossSummary(Loss loss, long count, double weightSum, double sum, double mean, long clipCount,
            long[] classCount, double[] classWeight, double[] classMean, double[] perExample,
            long rescaledRows, long clampedTerms, long softTargets) {
        this.rescaledRows = rescaledRows;
        this.clampedTerms = clampedTerms;
        this.softTargets = softTargets;
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
    public Loss loss() {
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
     * The number of prediction rows a {@link Profile} divided by a sum other than 1 (Keras,
     * scikit-learn &lt; 1.2).
     *
     * @return 0 without a rescaling profile
     */
    public long rescaledRows() {
        return rescaledRows;
    }

    /**
     * The number of log terms a {@link Profile} clamped: terms −ln q &gt; 100 replaced by 100
     * ({@link Profile#PYTORCH}, PyTorch's {@code BCELoss}).
     *
     * @return 0 without {@link Profile#PYTORCH}
     */
    public long clampedTerms() {
        return clampedTerms;
    }

    /**
     * The perplexity of the predictions, exp(mean) with the mean in nats: the effective number of
     * equally likely classes the model hesitates between — K for the uniform predictor over K
     * classes, 1 for a perfect one. For a {@link KlDivergenceLoss}, exp(mean KL) is the factor by
     * which the predictions' perplexity exceeds the targets' own (per example, geometrically).
     * Accuracy: the mean's, times exp's relative error (≤ 1 ulp) plus the mean's absolute error
     * as a relative error of the result.
     *
     * @return e<sup>mean</sup> ≥ 1, +∞ when the mean is +∞ (or above ln {@link Double#MAX_VALUE}
     *     ≈ 709.78)
     */
    public double perplexity() {
        return Math.exp(mean());
    }

    /**
     * The mean in bits, mean / ln 2: "bits per token" (or per example, per character) as language
     * modelling reports it; log<sub>2</sub> of {@link #perplexity()}. Same as
     * {@code mean(LogBase.BITS)}.
     *
     * @return the mean in bits, ≥ 0, possibly +∞
     */
    public double bitsPerToken() {
        return mean(LogBase.BITS);
    }

    /**
     * The sum divided by the number of prediction <em>elements</em>: Σ w<sub>n</sub>ℓ<sub>n</sub> /
     * (N·K) for losses over rows of K, Σ w<sub>n</sub>ℓ<sub>n</sub> / N for a binary loss (one
     * number per example). This is PyTorch's {@code KLDivLoss(reduction='mean')}, which PyTorch
     * itself warns "does not return the true KL divergence value" ({@code 'batchmean'} is
     * {@link #mean()} for unweighted data). PyTorch's other losses divide by N under
     * {@code 'mean'}, which is {@link #mean()} for unweighted data, not this.
     *
     * @return the sum per element, possibly +∞
     */
    public double meanPerElement() {
        int elements = loss instanceof BinaryCrossEntropy ? 1 : classCount.length;
        return sum / ((double) count * elements);
    }

    /**
     * The log loss of the baseline that always predicts the class priors of the data's true
     * labels: with W<sub>k</sub> the weight sum of the examples of class k and W = Σ
     * W<sub>k</sub>, B = −Σ<sub>k</sub> (W<sub>k</sub>/W) ln(W<sub>k</sub>/W) in nats — the entropy
     * of the label distribution, computed exactly from the per-class weight sums (no second pass
     * over the data). The weights are the effective ones the mean uses (sample weight × class
     * weight). Accurate to a few ulps: a prior above ½ has its logarithm taken as
     * log1p(−(W − W<sub>k</sub>)/W), with W − W<sub>k</sub> the sum of the other classes' weights,
     * so a dominant class keeps its digits.
     *
     * <p>Defined when every example had a hard target (a label, 0/1 or a one-hot row; no soft
     * target and no label smoothing), at least two classes have positive weight (else B = 0), and
     * the loss is a {@link CrossEntropy} (the baseline of a {@link KlDivergenceLoss} is not a
     * label prior).
     *
     * @return B &gt; 0, or empty when undefined (see above)
     */
    public OptionalDouble baselineLogLoss() {
        if (!(loss instanceof CrossEntropy) || softTargets > 0) {
            return OptionalDouble.empty();
        }
        int present = 0;
        double total = 0.0;
        for (double wk : classWeight) {
            if (wk > 0.0) {
                present++;
                total += wk;
            }
        }
        if (present < 2) {
            return OptionalDouble.empty();
        }
        double b = 0.0;
        for (int k = 0; k < classWeight.length; k++) {
            double wk = classWeight[k];
            if (wk > 0.0) {
                double p = wk / total;
                double lnP;
                if (p > 0.5) {
                    double rest = 0.0;
                    for (int j = 0; j < classWeight.length; j++) {
                        rest += j == k ? 0.0 : classWeight[j];
                    }
                    lnP = Math.log1p(-rest / total);
                } else {
                    lnP = Math.log(p);
                }
                b -= p * lnP;
            }
        }
        return OptionalDouble.of(b);
    }

    /**
     * The D² log-loss skill score (scikit-learn ≥ 1.5 {@code d2_log_loss_score}): D² = 1 − LL/B,
     * where LL is {@link #mean()} and B the {@link #baselineLogLoss()} of always predicting the
     * class priors; the fraction of the baseline's log loss the model explains. 1 for a perfect
     * model, 0 for one that predicts the priors, negative for one worse than the priors.
     *
     * @return D² ≤ 1 (−∞ when the mean is +∞), or empty when the baseline is undefined: soft or
     *     smoothed targets, fewer than two classes of positive weight, or a
     *     {@link KlDivergenceLoss}
     */
    public OptionalDouble d2LogLossScore() {
        OptionalDouble b = baselineLogLoss();
        return b.isPresent() ? OptionalDouble.of(1.0 - mean() / b.getAsDouble()) : OptionalDouble.empty();
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
     * @throws IllegalArgumentException if the mean is negative, which only a
     *     {@link KlDivergenceLoss} under a peer profile can give (rows that are not distributions)
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
                mean() >= 0.0 ? interpretation().reading() : "negative: rows that are not distributions");
    }

    private static String beyond(double x) {
        return x == Double.POSITIVE_INFINITY ? "Infinity (beyond the largest double)"
                : Double.toString(x);
    }
}

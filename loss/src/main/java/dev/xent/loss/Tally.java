package dev.xent.loss;

import dev.xent.loss.LossInputException.Input;
import java.util.Arrays;

/**
 * The accumulation of a loss, in one place: the count, the clip count (and a profile's counts of
 * rescaled rows and clamped terms, and the number of soft targets), the compensated sums of
 * weights and of weighted losses, the same per class, and (for batch results only) the
 * per-example values. Losses of +∞ are counted apart, so the sum becomes +∞ without turning the
 * compensation into NaN. O(K) memory without per-example values; nothing is allocated per example
 * then.
 *
 * <p>The sums are {@link ScaledSum}s, each with its own binary exponent: a weight sum or a sum
 * beyond {@link Double#MAX_VALUE} is kept exactly (and reported as +∞ only then), subnormal
 * weights keep their digits, and the mean is the ratio of the two sums taken on their
 * significands — right to a few ulps whenever the true mean is a double, which it always is (it
 * lies between the smallest and the largest loss). A loss is +∞ only when ℓ is, never because
 * w·ℓ overflowed. The per-example values w·ℓ are plain doubles (+∞ if w·ℓ exceeds the largest
 * double, 0 if it is below the smallest).
 */
final class Tally {

    private long count;
    private long clipCount;
    /** A profile's counts, and the number of examples with a soft (or smoothed) target. */
    private long rescaledRows;
    private long clampedTerms;
    private long softTargets;
    private long infinite;
    private final ScaledSum weightSum = new ScaledSum();
    private final ScaledSum sum = new ScaledSum();
    private final long[] classCount;
    private final long[] classInfinite;
    private final ScaledSum[] classWeight;
    private final ScaledSum[] classSum;

    /** Per-example weighted values, only for batch results; grows, so not constant memory. */
    private double[] values;
    /** Set by {@link #recordBatch}: the values belong to the summary, no example may follow. */
    private boolean sealed;

    Tally(int k, boolean keepValues) {
        this.classCount = new long[k];
        this.classInfinite = new long[k];
        this.classWeight = new ScaledSum[k];
        this.classSum = new ScaledSum[k];
        for (int c = 0; c < k; c++) {
            classWeight[c] = new ScaledSum();
            classSum[c] = new ScaledSum();
        }
        this.values = keepValues ? new double[16] : null;
    }

    /** The number of examples recorded so far: the index of the next one. */
    long count() {
        return count;
    }

    long clipCount() {
        return clipCount;
    }

    long rescaledRows() {
        return rescaledRows;
    }

    long clampedTerms() {
        return clampedTerms;
    }

    /**
     * Notes what a profile did to the example about to be recorded, and whether its target was
     * soft; called just before {@link #record}.
     */
    void note(boolean rescaled, int clamped, boolean soft) {
        if (rescaled) {
            rescaledRows++;
        }
        clampedTerms += clamped;
        if (soft) {
            softTargets++;
        }
    }

    double weightSum() {
        return weightSum.value();
    }

    double sum() {
        return infinite > 0 ? Double.POSITIVE_INFINITY : sum.value();
    }

    /**
     * Records one example of class {@code klass} with loss {@code l} and effective weight
     * {@code weight} (≥ 0, finite); returns l. A weight of 0 counts the example but adds nothing,
     * even when l is +∞.
     */
    double record(double l, double weight, int klass, boolean clipped) {
        return record(l, weight, 1.0, klass, clipped);
    }

    /**
     * Records one example of class {@code klass} with loss {@code l}, sample weight {@code weight}
     * and class weight {@code classWeight} (both finite, ≥ 0; their product may over- or
     * underflow, the sums still hold it); returns l.
     */
    double record(double l, double weight, double classWeight, int klass, boolean clipped) {
        if (clipped) {
            clipCount++;
        }
        classCount[klass]++;
        double w = weight * classWeight;
        double wl = 0.0;
        if (w >= Double.MIN_NORMAL && w <= Double.MAX_VALUE) {
            // the usual case: the effective weight is a normal double
            weightSum.addProduct(w, 1.0);
            this.classWeight[klass].addProduct(w, 1.0);
            if (l == Double.POSITIVE_INFINITY) {
                infinite++;
                classInfinite[klass]++;
                wl = l;
            } else {
                sum.addProduct(w, l);
                classSum[klass].addProduct(w, l);
                wl = w * l;
            }
        } else if (weight > 0.0 && classWeight > 0.0) {
            // the product overflowed, or is subnormal or 0 though neither factor is 0
            weightSum.addProduct(weight, classWeight, 1.0);
            this.classWeight[klass].addProduct(weight, classWeight, 1.0);
            if (l == Double.POSITIVE_INFINITY) {
                infinite++;
                classInfinite[klass]++;
                wl = l;
            } else {
                sum.addProduct(weight, classWeight, l);
                classSum[klass].addProduct(weight, classWeight, l);
                wl = w * l;
            }
        }
        if (values != null) {
            keep(count, wl);
        }
        count++;
        return l;
    }

    /**
     * Records a whole batch of unweighted examples with finite losses at once, as
     * {@link BatchPaths} computes them: the same state as recording each with weight 1, up to the
     * grouping of the compensated sums (each class's sum comes in as its compensated pair
     * s<sub>j</sub> + c<sub>j</sub>, unrounded, and the total as the sum of those pairs). Only on an empty tally that keeps per-example
     * values; the array {@code values} becomes the per-example values, handed to the summary
     * without a copy, and the tally takes no further examples.
     *
     * @param values the N losses, finite, ≥ 0
     * @param classCounts the number of examples of each class
     * @param classHeads the running sum s<sub>j</sub> of the losses of each class, finite, ≥ 0
     * @param classTails the accumulated error c<sub>j</sub> of each, finite, any sign
     */
    void recordBatch(double[] values, long[] classCounts, double[] classHeads, double[] classTails) {
        if (count != 0 || this.values == null) {
            throw new IllegalStateException("a batch is recorded only into an empty batch tally");
        }
        for (int c = 0; c < classCount.length; c++) {
            classCount[c] = classCounts[c];
            classWeight[c].addProduct(classCounts[c], 1.0);
            classSum[c].addProduct(classHeads[c], 1.0);
            classSum[c].addTail(classTails[c]);
            sum.addProduct(classHeads[c], 1.0);
            sum.addTail(classTails[c]);
        }
        weightSum.addProduct(values.length, 1.0);
        this.values = values;
        count = values.length;
        sealed = true;
    }

    /** Adds everything another tally has recorded (per-example values only if both keep them). */
    void merge(Tally other) {
        if (values != null && other.values != null) {
            for (int i = 0; i < other.count; i++) {
                keep(count + i, other.values[i]);
            }
        } else {
            values = null;
        }
        count += other.count;
        clipCount += other.clipCount;
        rescaledRows += other.rescaledRows;
        clampedTerms += other.clampedTerms;
        softTargets += other.softTargets;
        infinite += other.infinite;
        weightSum.add(other.weightSum);
        sum.add(other.sum);
        for (int c = 0; c < classCount.length; c++) {
            classCount[c] += other.classCount[c];
            classInfinite[c] += other.classInfinite[c];
            classWeight[c].add(other.classWeight[c]);
            classSum[c].add(other.classSum[c]);
        }
    }

    /** The summary so far, for {@code loss}; throws for an empty dataset or a weight sum of 0. */
    LossSummary summary(Loss loss) {
        if (count == 0) {
            throw LossInputException.of(-1, -1, Input.DATASET, 0, "at least one example",
                    "empty dataset: no examples, so there is no mean loss");
        }
        double w = weightSum.value();
        if (weightSum.isZero()) {
            throw LossInputException.of(-1, -1, Input.DATASET, w, "a positive weight sum",
                    "all %d examples have weight 0: the weighted mean is undefined", count);
        }
        int k = classCount.length;
        double[] classMeans = new double[k];
        double[] classWeights = new double[k];
        for (int c = 0; c < k; c++) {
            classWeights[c] = classWeight[c].value();
            classMeans[c] = classWeight[c].isZero() ? Double.NaN
                    : mean(classInfinite[c], classSum[c], classWeight[c]);
        }
        double[] perExample = values == null ? null
                : sealed ? values : Arrays.copyOf(values, (int) count);
        return new LossSummary(loss, count, w, sum(), mean(infinite, sum, weightSum), clipCount,
                classCount.clone(), classWeights, classMeans, perExample, rescaledRows, clampedTerms,
                softTargets);
    }

    /**
     * Σwℓ / Σw: +∞ if a loss of positive weight was +∞; else the ratio of the significands, which
     * is at most the largest finite loss, so a rounding up to +∞ at the very top of the range is
     * brought back to {@link Double#MAX_VALUE}.
     */
    private static double mean(long infinite, ScaledSum sum, ScaledSum weightSum) {
        if (infinite > 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.min(sum.ratio(weightSum), Double.MAX_VALUE);
    }

    private void keep(long index, double value) {
        if (index >= values.length) {
            if (index >= Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("too many examples to keep per-example values");
            }
            values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8,
                    Math.max(index + 1, 2L * values.length)));
        }
        values[(int) index] = value;
    }
}

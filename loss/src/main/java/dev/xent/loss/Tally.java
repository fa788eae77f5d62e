package dev.xent.loss;

import dev.xent.loss.LossInputException.Input;
import dev.xent.sum.CompensatedSum;
import java.util.Arrays;

/**
 * The accumulation of a loss, in one place: the count, the clip count (and a profile's counts of
 * rescaled rows and clamped terms, and the number of soft targets), the compensated sums of
 * weights and of weighted losses, the same per class, and (for batch results only) the
 * per-example values. Losses of +∞ are counted apart, so the sum becomes +∞ without turning the
 * compensation into NaN. O(K) memory without per-example values; nothing is allocated per example
 * then.
 */
final class Tally {

    private long count;
    private long clipCount;
    /** A profile's counts, and the number of examples with a soft (or smoothed) target. */
    private long rescaledRows;
    private long clampedTerms;
    private long softTargets;
    private long infinite;
    private final CompensatedSum weightSum = new CompensatedSum();
    private final CompensatedSum sum = new CompensatedSum();
    private final long[] classCount;
    private final long[] classInfinite;
    private final CompensatedSum[] classWeight;
    private final CompensatedSum[] classSum;

    /** Per-example weighted values, only for batch results; grows, so not constant memory. */
    private double[] values;

    Tally(int k, boolean keepValues) {
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
     * {@code weight} (≥ 0); returns l. A weight of 0 counts the example but adds nothing, even
     * when l is +∞.
     */
    double record(double l, double weight, int klass, boolean clipped) {
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
        if (!(w > 0.0)) {
            throw LossInputException.of(-1, -1, Input.DATASET, w, "a positive weight sum",
                    "all %d examples have weight 0: the weighted mean is undefined", count);
        }
        int k = classCount.length;
        double[] classMeans = new double[k];
        double[] classWeights = new double[k];
        for (int c = 0; c < k; c++) {
            classWeights[c] = classWeight[c].value();
            double cs = classInfinite[c] > 0 ? Double.POSITIVE_INFINITY : classSum[c].value();
            classMeans[c] = classWeights[c] > 0.0 ? cs / classWeights[c] : Double.NaN;
        }
        double[] perExample = values == null ? null : Arrays.copyOf(values, (int) count);
        return new LossSummary(loss, count, w, sum(), clipCount, classCount.clone(), classWeights,
                classMeans, perExample, rescaledRows, clampedTerms, softTargets);
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

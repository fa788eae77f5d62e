package dev.xent.spark;

import dev.xent.loss.CrossEntropy;
import dev.xent.loss.LossAccumulator;
import dev.xent.loss.LossSummary;
import dev.xent.sum.CompensatedSum;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The aggregation buffer of a {@link LossAggregator}: the loss layer's own accumulator for the rows
 * this task has seen, and the merged totals of other tasks' buffers.
 *
 * <p>Why two parts: the loss layer's accumulators ({@code dev.xent.loss.LossAccumulator}) are not
 * {@link Serializable}, and their state is not public, while Spark sends buffers between executors.
 * So rows go into a live accumulator (validation, the loss of each row, clipping, class weights and
 * the class of a soft target are all the loss layer's, nothing re-implemented here); when Spark
 * serialises, merges or finishes the buffer, the accumulator is <em>folded</em> into plain totals
 * read through its public API — count, clip count, Σw, Σwℓ, and per class Σw and the mean — and the
 * totals of different buffers are added with Neumaier's compensated summation
 * ({@link CompensatedSum}). A class's Σwℓ is rebuilt as mean × Σw, one extra rounding (at most
 * 2<sup>−52</sup> relative). The result does not depend on the partitioning beyond
 * {@code LossAccumulator.MERGE_RELATIVE_TOLERANCE} for the mean and the sum (folding adds one
 * rounding per partition to sums that are each within 2<sup>−52</sup> of exact), and about twice that
 * for the per-class means; counts and clip counts are exact.
 *
 * <p>Users never build one: Spark creates it through {@link LossAggregator#zero()}. Mutable, one per
 * group and task, as Spark requires.
 */
public final class LossBuffer implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The options, once known (from the aggregator, or from the first row's options column). */
    LossSpec spec;
    /** The number of classes, 0 until known. */
    int k;
    /** The names of the classes, null until known. */
    String[] classNames;

    /** Rows folded in (including weight 0). */
    long count;
    /** Rows whose loss clipping changed. */
    long clipCount;
    /** Bad rows skipped. */
    long skipped;
    /** Folded parts whose sum was +∞. */
    long infinite;
    /** The same per class. */
    long[] classInfinite;
    transient CompensatedSum sum = new CompensatedSum();
    transient CompensatedSum weightSum = new CompensatedSum();
    transient CompensatedSum[] classSum;
    transient CompensatedSum[] classWeight;

    /** The loss of this buffer's rows, once known. */
    transient CrossEntropy loss;
    /** The rows of this task not folded yet; null when there are none. */
    transient LossAccumulator live;

    LossBuffer() {
    }

    /** Sets the number of classes and their names (once). */
    void classes(CrossEntropy of) {
        this.loss = of;
        if (classNames == null) {
            k = of.numClasses();
            classNames = new String[k];
            for (int c = 0; c < k; c++) {
                classNames[c] = of.className(c);
            }
            classInfinite = new long[k];
            classSum = sums(k);
            classWeight = sums(k);
        }
    }

    private static CompensatedSum[] sums(int k) {
        CompensatedSum[] s = new CompensatedSum[k];
        for (int c = 0; c < k; c++) {
            s[c] = new CompensatedSum();
        }
        return s;
    }

    /** Moves the live accumulator's totals into the merged totals (see the class documentation). */
    void fold() {
        LossAccumulator acc = live;
        if (acc == null) {
            return;
        }
        live = null;
        if (acc.count() == 0) {
            return;
        }
        count += acc.count();
        clipCount += acc.clipCount();
        double w = acc.weightSum();
        weightSum.add(w);
        double s = acc.sum();
        if (s == Double.POSITIVE_INFINITY) {
            infinite++;
        } else {
            sum.add(s);
        }
        if (!(w > 0.0)) {
            return; // every example had weight 0: nothing per class to add (and no summary)
        }
        LossSummary summary = acc.summary();
        for (int c = 0; c < k; c++) {
            double cw = summary.classWeightSum(c);
            classWeight[c].add(cw);
            OptionalDouble mean = summary.classMean(c);
            if (mean.isPresent()) {
                if (mean.getAsDouble() == Double.POSITIVE_INFINITY) {
                    classInfinite[c]++;
                } else {
                    classSum[c].add(mean.getAsDouble() * cw);
                }
            }
        }
    }

    /** Adds another folded buffer's totals to this folded buffer's. */
    void add(LossBuffer other, String function) {
        if (other.spec != null && spec != null && !spec.equals(other.spec)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the options must be"
                    + " the same on every row (a constant), got %s and %s", function, spec,
                    other.spec));
        }
        if (spec == null) {
            spec = other.spec;
        }
        if (other.classNames != null) {
            if (classNames == null) {
                k = other.k;
                classNames = other.classNames;
                classInfinite = new long[k];
                classSum = sums(k);
                classWeight = sums(k);
            } else if (k != other.k) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: prediction rows"
                        + " of %d and of %d classes in one aggregation", function, k, other.k));
            }
            for (int c = 0; c < k; c++) {
                classInfinite[c] += other.classInfinite[c];
                classSum[c].add(other.classSum[c]);
                classWeight[c].add(other.classWeight[c]);
            }
        }
        count += other.count;
        clipCount += other.clipCount;
        skipped += other.skipped;
        infinite += other.infinite;
        sum.add(other.sum);
        weightSum.add(other.weightSum);
    }

    /**
     * Folds the live accumulator, then writes the fields and the compensated totals' values.
     *
     * @param out the stream
     * @throws IOException if writing fails
     * @serialData the default fields, then Σwℓ, Σw and per class Σwℓ and Σw as doubles
     */
    private void writeObject(ObjectOutputStream out) throws IOException {
        fold();
        out.defaultWriteObject();
        out.writeDouble(sum.value());
        out.writeDouble(weightSum.value());
        for (int c = 0; c < k && classNames != null; c++) {
            out.writeDouble(classSum[c].value());
            out.writeDouble(classWeight[c].value());
        }
    }

    /**
     * Reads what {@code writeObject} wrote.
     *
     * @param in the stream
     * @throws IOException if reading fails
     * @throws ClassNotFoundException if a class is missing
     */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        sum = new CompensatedSum().add(in.readDouble());
        weightSum = new CompensatedSum().add(in.readDouble());
        if (classNames != null) {
            classSum = sums(k);
            classWeight = sums(k);
            for (int c = 0; c < k; c++) {
                classSum[c].add(in.readDouble());
                classWeight[c].add(in.readDouble());
            }
        }
    }
}

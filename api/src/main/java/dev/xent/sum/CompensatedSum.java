package dev.xent.sum;

/**
 * A running sum with Neumaier's compensation — the one compensated summation of xent, used by
 * {@code Distribution}, the loss layer and the scalar backends.
 *
 * <h2>Algorithm</h2>
 * Each addition s ← s + x is followed by an exact recovery of its rounding error with Fast2Sum on
 * the operands ordered by magnitude, e = (max − (s + x)) + min, and the errors are added into a
 * separate compensation c; the value is s + c. (A. Neumaier, "Rundungsfehleranalyse einiger
 * Verfahren zur Summation endlicher Summen", ZAMM 54, 1974 — the improved Kahan–Babuška sum.)
 *
 * <h2>Accuracy</h2>
 * For n terms x<sub>i</sub>, with u = 2<sup>−53</sup>:
 * |value − Σx<sub>i</sub>| ≤ 2u·|Σx<sub>i</sub>| + O(n·u²)·Σ|x<sub>i</sub>| (Higham, <i>Accuracy
 * and Stability of Numerical Algorithms</i>, 2nd ed., SIAM 2002, §4.3). For terms of one sign that is about 2 ulps
 * of the result whatever n, the order or the grouping (plain summation: up to (n − 1) ulps). For
 * mixed signs the bound is absolute, in units of u·Σ|x<sub>i</sub>|: cancellation cannot be undone.
 *
 * <h2>Special values</h2>
 * A sum whose running value overflows reports that infinity (the compensation, which would become
 * ∞ − ∞ = NaN, is dropped); adding +∞ gives +∞; adding NaN, or +∞ and −∞, gives NaN. Callers that
 * promise finite non-negative terms never see NaN.
 *
 * <p>Peers: Apache Commons Numbers' {@code Sum} (an extended-precision sum and dot product),
 * Python's {@code math.fsum} (exact, Shewchuk), {@code java.util.DoubleSummaryStatistics} (Kahan,
 * the compensation kept internally); xent keeps Neumaier's form because it is branch-cheap,
 * allocation-free, and mergeable ({@link #add(CompensatedSum)}).
 *
 * <p>Mutable and not thread-safe: one per thread, combined with {@link #add(CompensatedSum)}.
 * A local instance that does not escape costs no allocation once the JIT has compiled the loop.
 */
public final class CompensatedSum {

    private double sum;
    private double compensation;

    /** An empty sum, of value 0. */
    public CompensatedSum() {
    }

    /**
     * The compensated sum of an array, without creating an object.
     *
     * @param terms the terms, in order
     * @return Σ terms within the accuracy above; 0 for an empty array
     */
    public static double of(double[] terms) {
        double s = 0.0;
        double c = 0.0;
        for (double x : terms) {
            double t = s + x;
            c += error(s, x, t);
            s = t;
        }
        return value(s, c);
    }

    /**
     * Adds one term.
     *
     * @param x the term
     * @return this sum
     */
    public CompensatedSum add(double x) {
        double t = sum + x;
        compensation += error(sum, x, t);
        sum = t;
        return this;
    }

    /**
     * Adds another partial sum, keeping both compensations (the merge of split work).
     *
     * @param other another sum; unchanged
     * @return this sum, now holding both
     */
    public CompensatedSum add(CompensatedSum other) {
        add(other.sum);
        compensation += other.compensation;
        return this;
    }

    /**
     * The compensated total.
     *
     * @return s + c; the infinity itself when the running sum overflowed or an infinite term was
     *     added
     */
    public double value() {
        return value(sum, compensation);
    }

    /**
     * The exact rounding error of {@code t = s + x} (Fast2Sum on the operands ordered by
     * magnitude); callers that keep their own two accumulators in a hot loop use it with
     * {@link #value(double, double)}.
     *
     * @param s the running sum before the addition
     * @param x the term added
     * @param t the rounded result {@code s + x}
     * @return (s + x) − t exactly, when no overflow occurred
     */
    public static double error(double s, double x, double t) {
        return Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s;
    }

    /**
     * The value of a sum kept as two accumulators: s + c, or s itself when s is infinite.
     *
     * @param s the running sum
     * @param c the accumulated compensation
     * @return the compensated value
     */
    public static double value(double s, double c) {
        return Double.isInfinite(s) ? s : s + c;
    }

    /** The value, as {@link Double#toString(double)}. */
    @Override
    public String toString() {
        return Double.toString(value());
    }
}

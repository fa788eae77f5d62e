package dev.xent.loss;

import dev.xent.sum.CompensatedSum;

/**
 * A compensated sum of non-negative finite terms with its own binary exponent: the value is
 * (s + c)·2<sup>e</sup>, so the sum is right where a plain double overflows (weights of 10<sup>308</sup>)
 * or loses its digits to underflow (subnormal weights), and ratios of two such sums — the weighted
 * mean Σwℓ / Σw — are right whenever the true ratio is a double.
 *
 * <h2>How</h2>
 * The pair (s, c) is Neumaier's compensated sum ({@link CompensatedSum#error}); e is an int. The
 * usual case is e = 0 with terms w·ℓ in [2<sup>−969</sup>, 2<sup>969</sup>] and s ≤ 2<sup>1000</sup>:
 * then an addition is exactly the one of {@link CompensatedSum} (a product, three compares, one
 * add and its error) and nothing can overflow. Anything else takes the slow path: the term is
 * split into a significand in [1, 4) and an exponent (a product m<sub>a</sub>·m<sub>b</sub> of two
 * significands rounds exactly like a·b would without over- or underflow), and (s, c) is rescaled
 * by a power of two — exact, except that bits below 2<sup>−1074</sup> of the new unit are dropped,
 * which is at most 2<sup>−1000</sup> relative to the larger of the sum and the term — so that the
 * sum and the term both fit. The exponent returns to 0 as soon as the sum fits there again.
 *
 * <h2>Accuracy</h2>
 * That of {@link CompensatedSum} (about 2 ulps of the exact sum for non-negative terms), plus the
 * one rounding of each product; {@link #ratio} adds one division and at most one rounding to a
 * subnormal result.
 *
 * <p>Mutable, not thread-safe, allocation-free.
 */
final class ScaledSum {

    /** Terms at or above this (and at or below {@link #HIGH}) take the fast path at e = 0. */
    private static final double LOW = 0x1p-969;
    /** The largest term of the fast path. */
    private static final double HIGH = 0x1p969;
    /** The largest running sum of the fast path: s + HIGH cannot overflow from here. */
    private static final double LIMIT = 0x1p1000;
    /** The largest binary exponent (of the unit 2<sup>0</sup>) a sum is kept at with e = 0. */
    private static final int HOME_MAX = 960;
    /** The smallest binary exponent a sum is kept at with e = 0. */
    private static final int HOME_MIN = -960;

    private double s;
    private double c;
    private int e;

    /** An empty sum, of value 0. */
    ScaledSum() {
    }

    /**
     * Adds a·b, both finite and ≥ 0.
     *
     * @param a a factor (a weight)
     * @param b the other factor (a loss, or 1)
     */
    void addProduct(double a, double b) {
        double x = a * b;
        if (e == 0 && x >= LOW && x <= HIGH && s <= LIMIT) {
            double t = s + x;
            c += CompensatedSum.error(s, x, t);
            s = t;
            return;
        }
        if (a == 0.0 || b == 0.0) {
            return;
        }
        int ka = exponent(a);
        int kb = exponent(b);
        addScaled(Math.scalb(a, -ka) * Math.scalb(b, -kb), ka + kb);
    }

    /**
     * Adds a·b·c, all finite and ≥ 0, without forming a·b first (a sample weight times a class
     * weight may overflow or underflow on its own): two roundings of significands.
     *
     * @param a a factor (a sample weight)
     * @param b a factor (a class weight)
     * @param c a factor (a loss, or 1)
     */
    void addProduct(double a, double b, double c) {
        if (a == 0.0 || b == 0.0 || c == 0.0) {
            return;
        }
        int ka = exponent(a);
        int kb = exponent(b);
        int kc = exponent(c);
        addScaled(Math.scalb(a, -ka) * Math.scalb(b, -kb) * Math.scalb(c, -kc), ka + kb + kc);
    }

    /**
     * Adds the error term of a compensated pair whose head went in by {@link #addProduct(double,
     * double)}: any sign, tiny against the sum.
     *
     * @param c the pair's error term, finite
     */
    void addTail(double c) {
        addScaled(c, 0);
    }

    /**
     * Adds another sum (the merge of split work).
     *
     * @param other another sum; unchanged
     */
    void add(ScaledSum other) {
        addScaled(other.s, other.e);
        addScaled(other.c, other.e);
    }

    /**
     * Adds m·2<sup>k</sup> (m finite, any sign, |m| not subnormal unless tiny against the sum),
     * rescaling the sum first so that both fit.
     */
    private void addScaled(double m, int k) {
        if (m == 0.0) {
            return;
        }
        int top = exponent(m) + k;
        if (s != 0.0) {
            top = Math.max(top, exponent(s) + e);
        }
        int target = top <= HOME_MAX && top >= HOME_MIN ? 0 : top;
        if (target != e) {
            s = Math.scalb(s, e - target);
            c = Math.scalb(c, e - target);
            e = target;
        }
        double x = Math.scalb(m, k - e);
        double t = s + x;
        c += CompensatedSum.error(s, x, t);
        s = t;
    }

    /** Whether the sum is 0 (no term of positive value was added). */
    boolean isZero() {
        return s == 0.0 && c == 0.0;
    }

    /**
     * The sum as a double: +∞ only if it exceeds {@link Double#MAX_VALUE}.
     *
     * @return (s + c)·2<sup>e</sup>, rounded
     */
    double value() {
        double v = s + c;
        return e == 0 ? v : Math.scalb(v, e);
    }

    /**
     * This sum divided by another, computed on significands so that neither sum's overflow nor
     * underflow matters: right to about 3 ulps whenever the ratio itself is a double.
     *
     * @param den the denominator, not zero
     * @return this / den, ≥ 0
     */
    double ratio(ScaledSum den) {
        double n = s + c;
        if (n == 0.0) {
            return 0.0;
        }
        double d = den.s + den.c;
        int kn = exponent(n);
        int kd = exponent(d);
        double q = Math.scalb(n, -kn) / Math.scalb(d, -kd);
        // the exponent difference fits an int: each is within about ±3300
        return Math.scalb(q, kn - kd + e - den.e);
    }

    /** The binary exponent of x ≠ 0, finite: ⌊log2 |x|⌋, subnormals included. */
    static int exponent(double x) {
        int k = Math.getExponent(x);
        return k >= Double.MIN_EXPONENT ? k : Math.getExponent(x * 0x1p54) - 54;
    }

    @Override
    public String toString() {
        return "(" + s + " + " + c + ")·2^" + e;
    }
}

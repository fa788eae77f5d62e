package dev.xent.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The bulk operations of the loss layer on the Vector API: the information of many events
 * ({@link VectorMeasures#informationNats(double[], int, int, double[])}) and of the observed
 * outcomes of Bernoulli trials
 * ({@link VectorMeasures#bernoulliInformationNats(double[], double[], int, int, double[], double[])}).
 * Only {@link VectorMeasures} calls them, after checking that {@code jdk.incubator.vector} is
 * present and that the ranges fit; like {@link VectorKernels}, this class names incubating types
 * and is loaded only when they exist.
 *
 * <p>Each block of L lanes takes one vector logarithm, stores its L terms and adds them to per-lane
 * running sums with Knuth's branch-free TwoSum (the rounding errors go into a per-lane
 * compensation); the last (to − from) mod L entries are the scalar tail, and the lanes are combined
 * with the same compensated sum. A sum that comes out infinite or NaN (an impossible event, p = 0,
 * makes TwoSum compute ∞ − ∞) makes the kernel redo its range with the scalar formulas, which give
 * +∞ terms and a sum of +∞.
 *
 * <p><b>−ln(1 − p) with one logarithm.</b> The scalar definition takes log1p(−p) for p ≤ ½; a
 * second vector routine (log1p) per block would double the cost. Instead, with a = fl(1 − p), the
 * rounding error e = (1 − p) − a is computed exactly as (1 − a) − p (1 − a is exact by Sterbenz,
 * a ∈ [½, 1], and the error of a rounded subtraction is a double), and
 * <pre>
 *   ln(1 − p) = ln(a + e) = ln a + e/a − (e/a)²/2 + …,   |e/a| ≤ 2^−53
 * </pre>
 * so −ln(1 − p) = −(ln a + e/a) with an error below 2<sup>−107</sup> absolute from the dropped
 * terms: 1 ulp at most even at p ≈ 2<sup>−53</sup>, and exact (= p) for p &lt; 2<sup>−54</sup>,
 * where a = 1. For p &gt; ½, 1 − p is exact, e = 0 and the correction vanishes. With the vector
 * logarithm within 1 ulp, each term is within 3 ulps of its exact value (the interface promises 4).
 */
final class VectorLossKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorLossKernels() {
    }

    /**
     * out[i] = −ln p[i] on [from, to); returns their compensated sum, NaN if some p[i] is not in
     * [0, 1] (a mask per block: one compare each for p ≥ 0 and p ≤ 1, NaN failing both).
     */
    static double information(double[] p, int from, int to, double[] out) {
        int upper = from + SPECIES.loopBound(to - from);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector sum = zero;
        DoubleVector comp = zero;
        VectorMask<Double> bad = SPECIES.maskAll(false);
        for (int i = from; i < upper; i += SPECIES.length()) {
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, i);
            bad = bad.or(pv.compare(VectorOperators.GE, 0.0).and(pv.compare(VectorOperators.LE, 1.0)).not());
            DoubleVector h = zero.sub(pv.lanewise(VectorOperators.LOG));
            h.intoArray(out, i);
            DoubleVector t = sum.add(h);
            DoubleVector b = t.sub(sum);
            comp = comp.add(sum.sub(t.sub(b)).add(h.sub(b)));
            sum = t;
        }
        double[] lanes = sum.toArray();
        double s = 0.0;
        double c = comp.reduceLanes(VectorOperators.ADD);
        for (double x : lanes) {
            double t = s + x;
            c += twoSumError(s, x, t);
            s = t;
        }
        boolean valid = !bad.anyTrue();
        for (int i = upper; i < to; i++) {
            double pi = p[i];
            valid &= pi >= 0.0 && pi <= 1.0;
            double h = information(pi);
            out[i] = h;
            double t = s + h;
            c += twoSumError(s, h, t);
            s = t;
        }
        if (!valid) {
            return Double.NaN;
        }
        double total = s + c;
        if (total < Double.POSITIVE_INFINITY) {
            return total;
        }
        // some p = 0: the terms are right (0 − (−∞) = +∞) but TwoSum turned the sum into NaN
        return Double.POSITIVE_INFINITY;
    }

    /**
     * out[i] = −ln p[i] where y[i] = 1 and −ln(1 − p[i]) elsewhere, on [from, to); sums[0] and
     * sums[1] receive the compensated sums of the terms of outcomes 0 and 1. Returns the number of
     * outcomes 1 (a lane-wise sum of y, exact below 2<sup>53</sup>), or −1 if some y[i] is not 0
     * or 1 or some p[i] not in [0, 1] (four compares per block, or'ed into a mask).
     */
    static long bernoulli(double[] y, double[] p, int from, int to, double[] out, double[] sums) {
        int upper = from + SPECIES.loopBound(to - from);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector one = DoubleVector.broadcast(SPECIES, 1.0);
        DoubleVector sum0 = zero;
        DoubleVector comp0 = zero;
        DoubleVector sum1 = zero;
        DoubleVector comp1 = zero;
        DoubleVector count = zero;
        VectorMask<Double> bad = SPECIES.maskAll(false);
        for (int i = from; i < upper; i += SPECIES.length()) {
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, i);
            DoubleVector yv = DoubleVector.fromArray(SPECIES, y, i);
            VectorMask<Double> isOne = yv.compare(VectorOperators.EQ, 1.0);
            bad = bad.or(isOne.or(yv.compare(VectorOperators.EQ, 0.0))
                    .and(pv.compare(VectorOperators.GE, 0.0)).and(pv.compare(VectorOperators.LE, 1.0)).not());
            count = count.add(yv);
            DoubleVector a0 = one.sub(pv);
            DoubleVector e0 = one.sub(a0).sub(pv);
            DoubleVector a = a0.blend(pv, isOne);
            DoubleVector correction = e0.div(a0).blend(0.0, isOne);
            DoubleVector h = zero.sub(a.lanewise(VectorOperators.LOG).add(correction));
            h.intoArray(out, i);
            DoubleVector h1 = h.blend(0.0, isOne.not());
            DoubleVector h0 = h.sub(h1);
            DoubleVector t = sum1.add(h1);
            DoubleVector b = t.sub(sum1);
            comp1 = comp1.add(sum1.sub(t.sub(b)).add(h1.sub(b)));
            sum1 = t;
            t = sum0.add(h0);
            b = t.sub(sum0);
            comp0 = comp0.add(sum0.sub(t.sub(b)).add(h0.sub(b)));
            sum0 = t;
        }
        double[] lanes0 = sum0.toArray();
        double[] lanes1 = sum1.toArray();
        double s0 = 0.0;
        double c0 = comp0.reduceLanes(VectorOperators.ADD);
        double s1 = 0.0;
        double c1 = comp1.reduceLanes(VectorOperators.ADD);
        for (int l = 0; l < lanes0.length; l++) {
            double t = s0 + lanes0[l];
            c0 += twoSumError(s0, lanes0[l], t);
            s0 = t;
            t = s1 + lanes1[l];
            c1 += twoSumError(s1, lanes1[l], t);
            s1 = t;
        }
        boolean valid = !bad.anyTrue();
        long ones = (long) count.reduceLanes(VectorOperators.ADD);
        for (int i = upper; i < to; i++) {
            double yi = y[i];
            double pi = p[i];
            valid &= (yi == 0.0 || yi == 1.0) && pi >= 0.0 && pi <= 1.0;
            double h = bernoulli(yi, pi);
            out[i] = h;
            if (yi == 1.0) {
                ones++;
                double t = s1 + h;
                c1 += twoSumError(s1, h, t);
                s1 = t;
            } else {
                double t = s0 + h;
                c0 += twoSumError(s0, h, t);
                s0 = t;
            }
        }
        if (!valid) {
            return -1;
        }
        sums[0] = s0 + c0;
        sums[1] = s1 + c1;
        if (!(sums[0] < Double.POSITIVE_INFINITY && sums[1] < Double.POSITIVE_INFINITY)) {
            scalarBernoulli(y, p, from, to, out, sums);
        }
        return ones;
    }

    /**
     * out[i] = softplus(−z[i]) where y[i] = 1 and softplus(z[i]) elsewhere, softplus(x) =
     * max(x, 0) + log1p(e<sup>−|x|</sup>) (one vector exp and one vector log1p per block), on
     * [from, to); the sums and the result as in {@link #bernoulli}; −1 if some y[i] is not 0 or 1
     * or some z[i] is not finite.
     */
    static long bernoulliLogit(double[] y, double[] z, int from, int to, double[] out, double[] sums) {
        int upper = from + SPECIES.loopBound(to - from);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector sum0 = zero;
        DoubleVector comp0 = zero;
        DoubleVector sum1 = zero;
        DoubleVector comp1 = zero;
        DoubleVector count = zero;
        VectorMask<Double> bad = SPECIES.maskAll(false);
        for (int i = from; i < upper; i += SPECIES.length()) {
            DoubleVector zv = DoubleVector.fromArray(SPECIES, z, i);
            DoubleVector yv = DoubleVector.fromArray(SPECIES, y, i);
            VectorMask<Double> isOne = yv.compare(VectorOperators.EQ, 1.0);
            DoubleVector x = zv.blend(zv.neg(), isOne);
            DoubleVector ax = x.abs();
            bad = bad.or(isOne.or(yv.compare(VectorOperators.EQ, 0.0))
                    .and(ax.compare(VectorOperators.LT, Double.POSITIVE_INFINITY)).not());
            count = count.add(yv);
            DoubleVector h = x.max(0.0).add(ax.neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P));
            h.intoArray(out, i);
            DoubleVector h1 = h.blend(0.0, isOne.not());
            DoubleVector h0 = h.sub(h1);
            DoubleVector t = sum1.add(h1);
            DoubleVector b = t.sub(sum1);
            comp1 = comp1.add(sum1.sub(t.sub(b)).add(h1.sub(b)));
            sum1 = t;
            t = sum0.add(h0);
            b = t.sub(sum0);
            comp0 = comp0.add(sum0.sub(t.sub(b)).add(h0.sub(b)));
            sum0 = t;
        }
        double[] lanes0 = sum0.toArray();
        double[] lanes1 = sum1.toArray();
        double s0 = 0.0;
        double c0 = comp0.reduceLanes(VectorOperators.ADD);
        double s1 = 0.0;
        double c1 = comp1.reduceLanes(VectorOperators.ADD);
        for (int l = 0; l < lanes0.length; l++) {
            double t = s0 + lanes0[l];
            c0 += twoSumError(s0, lanes0[l], t);
            s0 = t;
            t = s1 + lanes1[l];
            c1 += twoSumError(s1, lanes1[l], t);
            s1 = t;
        }
        boolean valid = !bad.anyTrue();
        long ones = (long) count.reduceLanes(VectorOperators.ADD);
        for (int i = upper; i < to; i++) {
            double yi = y[i];
            double zi = z[i];
            valid &= (yi == 0.0 || yi == 1.0) && Math.abs(zi) < Double.POSITIVE_INFINITY;
            double x = yi == 1.0 ? -zi : zi;
            double h = x > 0.0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
            out[i] = h;
            if (yi == 1.0) {
                ones++;
                double t = s1 + h;
                c1 += twoSumError(s1, h, t);
                s1 = t;
            } else {
                double t = s0 + h;
                c0 += twoSumError(s0, h, t);
                s0 = t;
            }
        }
        if (!valid) {
            return -1;
        }
        // a sum beyond the largest double: TwoSum gives NaN, the sum is +∞
        sums[0] = s0 == Double.POSITIVE_INFINITY ? s0 : s0 + c0;
        sums[1] = s1 == Double.POSITIVE_INFINITY ? s1 : s1 + c1;
        sums[0] = Double.isNaN(sums[0]) ? Double.POSITIVE_INFINITY : sums[0];
        sums[1] = Double.isNaN(sums[1]) ? Double.POSITIVE_INFINITY : sums[1];
        return ones;
    }

    /**
     * The whole range by the scalar formulas, for a range with an impossible outcome (the vector
     * pass gives NaN for y = 0, p = 1): +∞ terms, and a sum of +∞ for their outcome.
     */
    private static void scalarBernoulli(double[] y, double[] p, int from, int to, double[] out,
            double[] sums) {
        double s0 = 0.0;
        double c0 = 0.0;
        double s1 = 0.0;
        double c1 = 0.0;
        for (int i = from; i < to; i++) {
            double h = bernoulli(y[i], p[i]);
            out[i] = h;
            if (y[i] == 1.0) {
                double t = s1 + h;
                c1 += twoSumError(s1, h, t);
                s1 = t;
            } else {
                double t = s0 + h;
                c0 += twoSumError(s0, h, t);
                s0 = t;
            }
        }
        sums[0] = s0 == Double.POSITIVE_INFINITY ? s0 : s0 + c0;
        sums[1] = s1 == Double.POSITIVE_INFINITY ? s1 : s1 + c1;
    }

    /** −ln p, +0 at p = 1 (the scalar tail). */
    private static double information(double p) {
        return p == 1.0 ? 0.0 : -Math.log(p);
    }

    /** The information of outcome y (1, or anything else for 0) of a trial with P(1) = p. */
    private static double bernoulli(double y, double p) {
        if (y == 1.0) {
            return information(p);
        }
        return p <= 0.5 ? 0.0 - Math.log1p(-p) : -Math.log(1.0 - p);
    }

    /** The exact error of t = s + x (Knuth's TwoSum, no branch). */
    private static double twoSumError(double s, double x, double t) {
        double b = t - s;
        return (s - (t - b)) + (x - b);
    }
}

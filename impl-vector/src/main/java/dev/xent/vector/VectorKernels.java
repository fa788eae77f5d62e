package dev.xent.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops of {@link VectorMeasures} on the Vector API. Only {@link VectorMeasures} calls them,
 * after checking that {@code jdk.incubator.vector} is present: this class is the only one that
 * names incubating types, so it is loaded only when they exist.
 *
 * <p>Every loop keeps, per lane, a running sum s and a compensation c. Adding a term t:
 * <pre>
 *   s' = s + t;  b = s' − s;  c += (s − (s' − b)) + (t − b)      (Knuth's TwoSum: exact error)
 * </pre>
 * plus the product's own rounding error, fma(p, f, −t). The result is Σ lanes s + Σ lanes c,
 * combined with the same compensated sum.
 */
final class VectorKernels {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Which factor {@link #finish} multiplies p by: ln p. */
    private static final int ENTROPY = 0;
    /** Which factor {@link #finish} multiplies p by: ln q. */
    private static final int CROSS_ENTROPY = 1;
    /** Which factor {@link #finish} multiplies p by: ln(p/q). */
    private static final int KL = 2;
    /** No lane sums: {@link #scalarKlDivergence}, and inputs shorter than a vector, are all tail. */
    private static final double[] NO_LANES = new double[0];

    private VectorKernels() {
    }

    /** −Σ p ln p; p = 0 lanes take ln 1 = 0. */
    static double entropy(double[] p) {
        int n = p.length;
        int bound = SPECIES.loopBound(n);
        if (bound == 0) {
            return 0.0 - finish(ENTROPY, NO_LANES, 0.0, p, p, 0);
        }
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector comp = DoubleVector.zero(SPECIES);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, i);
            VectorMask<Double> empty = pv.compare(VectorOperators.EQ, 0.0);
            DoubleVector log = pv.blend(1.0, empty).lanewise(VectorOperators.LOG);
            DoubleVector term = pv.mul(log);
            DoubleVector t = sum.add(term);
            DoubleVector b = t.sub(sum);
            comp = comp.add(sum.sub(t.sub(b)).add(term.sub(b))).add(pv.fma(log, term.neg()));
            sum = t;
        }
        return 0.0 - finish(ENTROPY, sum.toArray(), comp.reduceLanes(VectorOperators.ADD), p, p, bound);
    }

    /**
     * −Σ p ln q. The first pass has no mask: a lane with p = 0 &lt; q gives 0·ln q = 0 anyway, and
     * one with q = 0 gives 0·(−∞) = NaN or p·(−∞), so the sum is finite exactly when no q is 0 where
     * it matters. If it is not finite: +∞ if some q = 0 &lt; p, otherwise (q = 0 only where p = 0)
     * a second, masked pass. This saves the mask on the common input and costs a second pass only
     * on inputs with some p = q = 0.
     */
    static double crossEntropy(double[] p, double[] q) {
        int n = p.length;
        int bound = SPECIES.loopBound(n);
        if (bound == 0) {
            // fewer entries than lanes (a binary loss's two): the scalar loop, and no lane array;
            // its sum is not finite (NaN from −∞ − −∞) exactly when some q = 0 < p
            double h = 0.0 - finish(CROSS_ENTROPY, NO_LANES, 0.0, p, q, 0);
            return h < Double.POSITIVE_INFINITY ? h : Double.POSITIVE_INFINITY;
        }
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector comp = DoubleVector.zero(SPECIES);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, i);
            DoubleVector log = DoubleVector.fromArray(SPECIES, q, i).lanewise(VectorOperators.LOG);
            DoubleVector term = pv.mul(log);
            DoubleVector t = sum.add(term);
            DoubleVector b = t.sub(sum);
            comp = comp.add(sum.sub(t.sub(b)).add(term.sub(b))).add(pv.fma(log, term.neg()));
            sum = t;
        }
        double h = 0.0 - finish(CROSS_ENTROPY, sum.toArray(), comp.reduceLanes(VectorOperators.ADD), p, q, bound);
        if (h < Double.POSITIVE_INFINITY) {
            return h;
        }
        for (int i = 0; i < n; i++) {
            if (p[i] > 0.0 && q[i] == 0.0) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return maskedCrossEntropy(p, q);
    }

    /** −Σ p ln q with p = 0 lanes masked to ln 1 = 0; for inputs with some p = q = 0. */
    static double maskedCrossEntropy(double[] p, double[] q) {
        int n = p.length;
        int bound = SPECIES.loopBound(n);
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector comp = DoubleVector.zero(SPECIES);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, i);
            DoubleVector qv = DoubleVector.fromArray(SPECIES, q, i);
            VectorMask<Double> empty = pv.compare(VectorOperators.EQ, 0.0);
            DoubleVector log = qv.blend(1.0, empty).lanewise(VectorOperators.LOG);
            DoubleVector term = pv.mul(log);
            DoubleVector t = sum.add(term);
            DoubleVector b = t.sub(sum);
            comp = comp.add(sum.sub(t.sub(b)).add(term.sub(b))).add(pv.fma(log, term.neg()));
            sum = t;
        }
        return 0.0 - finish(CROSS_ENTROPY, sum.toArray(), comp.reduceLanes(VectorOperators.ADD), p, q, bound);
    }



    /**
     * Σ p (ln ρ + (p − ρq)/p), ρ = p/q. The first pass has no mask (as in
     * {@link #crossEntropy}): a lane with p = 0 gives ρ = 0 (or NaN if q = 0 too), which the
     * quotient check or a non-finite sum catches, and then {@link #maskedKlDivergence} computes the
     * sum with the mask. Inputs without zeros in P (the common case for two model distributions)
     * pay for no compare-and-blend; inputs with zeros pay for a second pass.
     */
    static double klDivergence(double[] p, double[] q) {
        int n = p.length;
        int bound = SPECIES.loopBound(n);
        if (bound == 0) {
            return scalarKlDivergence(p, q);
        }
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector comp = DoubleVector.zero(SPECIES);
        VectorMask<Double> tiny = SPECIES.maskAll(false);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, i);
            DoubleVector qv = DoubleVector.fromArray(SPECIES, q, i);
            DoubleVector ratio = pv.div(qv);
            DoubleVector remainder = ratio.neg().fma(qv, pv);
            DoubleVector logRatio = ratio.lanewise(VectorOperators.LOG).add(remainder.div(pv));
            tiny = tiny.or(ratio.compare(VectorOperators.LT, Double.MIN_NORMAL));
            DoubleVector term = pv.mul(logRatio);
            DoubleVector t = sum.add(term);
            DoubleVector b = t.sub(sum);
            comp = comp.add(sum.sub(t.sub(b)).add(term.sub(b))).add(pv.fma(logRatio, term.neg()));
            sum = t;
        }
        if (tiny.anyTrue()) {
            return maskedKlDivergence(p, q);
        }
        double kl = finish(KL, sum.toArray(), comp.reduceLanes(VectorOperators.ADD), p, q, bound);
        if (!(kl < Double.POSITIVE_INFINITY)) {
            // p = q = 0 somewhere (0/0), or some ρ overflowed: the masked pass sorts it out
            return maskedKlDivergence(p, q);
        }
        return Math.max(0.0, kl);
    }

    /**
     * Σ p (ln ρ + (p − ρq)/p), ρ = p/q, with p = 0 lanes masked (computed with p = q = 1, so that
     * their term is exactly 0); for inputs with some p = 0. Falls back to the
     * scalar loop if some ρ is not a normal double: a ρ below 2<sup>−1022</sup> is caught by a mask
     * (one compare and one mask-or per vector, cheaper than tracking a lane-wise minimum), a ρ that
     * overflows to +∞ (also q = 0 &lt; p) by the sum that is then not finite.
     */
    static double maskedKlDivergence(double[] p, double[] q) {
        int n = p.length;
        int bound = SPECIES.loopBound(n);
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector comp = DoubleVector.zero(SPECIES);
        VectorMask<Double> tiny = SPECIES.maskAll(false);
        for (int i = 0; i < bound; i += SPECIES.length()) {
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, i);
            DoubleVector qv = DoubleVector.fromArray(SPECIES, q, i);
            VectorMask<Double> empty = pv.compare(VectorOperators.EQ, 0.0);
            DoubleVector pp = pv.blend(1.0, empty);
            DoubleVector qq = qv.blend(1.0, empty);
            DoubleVector ratio = pp.div(qq);
            DoubleVector remainder = ratio.neg().fma(qq, pp);
            DoubleVector logRatio = ratio.lanewise(VectorOperators.LOG).add(remainder.div(pp));
            tiny = tiny.or(ratio.compare(VectorOperators.LT, Double.MIN_NORMAL));
            DoubleVector term = pv.mul(logRatio);
            DoubleVector t = sum.add(term);
            DoubleVector b = t.sub(sum);
            comp = comp.add(sum.sub(t.sub(b)).add(term.sub(b))).add(pv.fma(logRatio, term.neg()));
            sum = t;
        }
        if (tiny.anyTrue()) {
            return scalarKlDivergence(p, q);
        }
        double kl = finish(KL, sum.toArray(), comp.reduceLanes(VectorOperators.ADD), p, q, bound);
        if (!(kl < Double.POSITIVE_INFINITY)) {
            // some ρ overflowed (q &lt; p·2^-1024, or q = 0 &lt; p): the careful loop decides
            return scalarKlDivergence(p, q);
        }
        return Math.max(0.0, kl);
    }

    /** The whole KL by the scalar loop, for inputs where some quotient p/q is not a normal double. */
    static double scalarKlDivergence(double[] p, double[] q) {
        return Math.max(0.0, finish(KL, NO_LANES, 0.0, p, q, 0));
    }

    /**
     * The end of every kernel: adds the lane sums (TwoSum, their rounding errors going into the
     * compensation, which starts at the lanes' own), then the scalar terms p<sub>i</sub>·f<sub>i</sub>
     * for i ≥ {@code from} with p<sub>i</sub> &gt; 0, each product made exact with fma and added with
     * TwoSum; f<sub>i</sub> is ln p<sub>i</sub> ({@link #ENTROPY}), ln q<sub>i</sub>
     * ({@link #CROSS_ENTROPY}) or the log-ratio ({@link #KL}, where q<sub>i</sub> = 0 &lt;
     * p<sub>i</sub> returns +∞). Only scalars and arrays cross this call, never a vector (the JDK 17
     * compiler boxes vectors passed to a method that is not inlined).
     *
     * @return Σ p·f, compensated (not negated, not clamped)
     */
    private static double finish(int measure, double[] lanes, double laneCompensation, double[] p, double[] q,
                                 int from) {
        double s = 0.0;
        double c = laneCompensation;
        for (double x : lanes) {
            double t = s + x;
            double b = t - s;
            c += (s - (t - b)) + (x - b);
            s = t;
        }
        for (int i = from; i < p.length; i++) {
            double pi = p[i];
            if (pi > 0.0) {
                double log;
                if (measure == ENTROPY) {
                    log = Math.log(pi);
                } else if (measure == CROSS_ENTROPY) {
                    log = Math.log(q[i]);
                } else if (q[i] == 0.0) {
                    return Double.POSITIVE_INFINITY;
                } else {
                    log = logRatio(pi, q[i]);
                }
                double x = pi * log;
                double t = s + x;
                double b = t - s;
                c += (s - (t - b)) + (x - b) + Math.fma(pi, log, -x);
                s = t;
            }
        }
        return s + c;
    }

    /**
     * ln(p/q) for p, q &gt; 0: ln ρ + (p − ρq)/p with ρ = fl(p/q) when ρ is a normal double, else
     * ln p − ln q (then |ln(p/q)| &gt; 708 and the difference loses nothing that matters).
     */
    static double logRatio(double p, double q) {
        double ratio = p / q;
        if (ratio >= Double.MIN_NORMAL && ratio <= Double.MAX_VALUE) {
            return Math.log(ratio) + Math.fma(-ratio, q, p) / p;
        }
        return Math.log(p) - Math.log(q);
    }
}

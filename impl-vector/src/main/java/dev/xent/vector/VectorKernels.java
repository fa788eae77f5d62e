package dev.xent.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops of {@link VectorMeasures} on the Vector API ({@link Mode#VECTOR_API}). This class is the
 * only one that names incubating types, so it is loaded only when {@link Mode} found them.
 *
 * <p>Every loop keeps, per lane, a running sum s and a compensation c. Adding a term t:
 * <pre>
 *   s' = s + t;  b = s' − s;  c += (s − (s' − b)) + (t − b)      (Knuth's TwoSum: exact error)
 * </pre>
 * plus the product's own rounding error, fma(p, f, −t). The lanes are then combined with the same
 * compensated sum and the last (to − from) mod L entries added by {@link ScalarKernels#tail}.
 * Only scalars and arrays cross a method call, never a vector (the JDK 17 compiler boxes vectors
 * passed to a method that is not inlined).
 */
final class VectorKernels implements Kernels {

    /** The one instance; typed as the interface so that {@link Mode} never names this class. */
    static final Kernels INSTANCE = new VectorKernels();

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private static final int ENTROPY = ScalarKernels.ENTROPY;
    private static final int CROSS_ENTROPY = ScalarKernels.CROSS_ENTROPY;
    private static final int KL = ScalarKernels.KL;

    private VectorKernels() {
    }

    /** p = 0 lanes take ln 1 = 0. */
    @Override
    public double entropy(double[] p, int from, int to, double[] out, int slot) {
        int bound = from + SPECIES.loopBound(to - from);
        if (bound == from) {
            return ScalarKernels.tail(ENTROPY, 0.0, 0.0, p, p, from, to, out, slot);
        }
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector comp = DoubleVector.zero(SPECIES);
        for (int i = from; i < bound; i += SPECIES.length()) {
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, i);
            VectorMask<Double> empty = pv.compare(VectorOperators.EQ, 0.0);
            DoubleVector log = pv.blend(1.0, empty).lanewise(VectorOperators.LOG);
            DoubleVector term = pv.mul(log);
            DoubleVector t = sum.add(term);
            DoubleVector b = t.sub(sum);
            comp = comp.add(sum.sub(t.sub(b)).add(term.sub(b))).add(pv.fma(log, term.neg()));
            sum = t;
        }
        return finish(ENTROPY, sum.toArray(), comp.reduceLanes(VectorOperators.ADD), p, p, bound, to, out, slot);
    }

    /**
     * The first pass has no mask: a lane with p = 0 &lt; q gives 0·ln q = 0 anyway, and one with
     * q = 0 gives 0·(−∞) = NaN or p·(−∞), so the sum is finite exactly when no q is 0 where it
     * matters. If it is not finite: −∞ if some q = 0 &lt; p, otherwise (q = 0 only where p = 0) a
     * second, masked pass. This saves the mask on the common input and costs a second pass only on
     * inputs with some p = q = 0.
     */
    @Override
    public double crossEntropy(double[] p, double[] q, int from, int to, double[] out, int slot) {
        int bound = from + SPECIES.loopBound(to - from);
        if (bound == from) {
            // fewer entries than lanes (a binary loss's two): the scalar loop, and no lane array;
            // its sum is not finite (NaN from −∞ − −∞) exactly when some q = 0 < p
            double h = ScalarKernels.tail(CROSS_ENTROPY, 0.0, 0.0, p, q, from, to, out, slot);
            return h > Double.NEGATIVE_INFINITY ? h : ScalarKernels.store(Double.NEGATIVE_INFINITY, 0.0, out, slot);
        }
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector comp = DoubleVector.zero(SPECIES);
        for (int i = from; i < bound; i += SPECIES.length()) {
            DoubleVector pv = DoubleVector.fromArray(SPECIES, p, i);
            DoubleVector log = DoubleVector.fromArray(SPECIES, q, i).lanewise(VectorOperators.LOG);
            DoubleVector term = pv.mul(log);
            DoubleVector t = sum.add(term);
            DoubleVector b = t.sub(sum);
            comp = comp.add(sum.sub(t.sub(b)).add(term.sub(b))).add(pv.fma(log, term.neg()));
            sum = t;
        }
        double h = finish(CROSS_ENTROPY, sum.toArray(), comp.reduceLanes(VectorOperators.ADD), p, q, bound, to,
                out, slot);
        if (h > Double.NEGATIVE_INFINITY) {
            return h;
        }
        for (int i = from; i < to; i++) {
            if (p[i] > 0.0 && q[i] == 0.0) {
                return ScalarKernels.store(Double.NEGATIVE_INFINITY, 0.0, out, slot);
            }
        }
        return maskedCrossEntropy(p, q, from, to, out, slot);
    }

    /** Σ p ln q with p = 0 lanes masked to ln 1 = 0; for ranges with some p = q = 0. */
    private static double maskedCrossEntropy(double[] p, double[] q, int from, int to, double[] out, int slot) {
        int bound = from + SPECIES.loopBound(to - from);
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector comp = DoubleVector.zero(SPECIES);
        for (int i = from; i < bound; i += SPECIES.length()) {
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
        return finish(CROSS_ENTROPY, sum.toArray(), comp.reduceLanes(VectorOperators.ADD), p, q, bound, to, out,
                slot);
    }

    /**
     * Σ p (ln ρ + (p − ρq)/p), ρ = p/q. The first pass has no mask (as in {@link #crossEntropy}): a
     * lane with p = 0 gives ρ = 0 (or NaN if q = 0 too), which the quotient check or a non-finite
     * sum catches, and then {@link #maskedKlDivergence} computes the range with the mask. Inputs
     * without zeros in P (the common case for two model distributions) pay for no compare-and-blend;
     * inputs with zeros pay for a second pass.
     */
    @Override
    public double klDivergence(double[] p, double[] q, int from, int to, double[] out, int slot) {
        int bound = from + SPECIES.loopBound(to - from);
        if (bound == from) {
            return ScalarKernels.tail(KL, 0.0, 0.0, p, q, from, to, out, slot);
        }
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector comp = DoubleVector.zero(SPECIES);
        VectorMask<Double> tiny = SPECIES.maskAll(false);
        for (int i = from; i < bound; i += SPECIES.length()) {
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
            return maskedKlDivergence(p, q, from, to, out, slot);
        }
        double kl = finish(KL, sum.toArray(), comp.reduceLanes(VectorOperators.ADD), p, q, bound, to, out, slot);
        if (!(kl < Double.POSITIVE_INFINITY)) {
            // p = q = 0 somewhere (0/0), or some ρ overflowed: the masked pass sorts it out
            return maskedKlDivergence(p, q, from, to, out, slot);
        }
        return kl;
    }

    /**
     * Σ p (ln ρ + (p − ρq)/p), ρ = p/q, with p = 0 lanes masked (computed with p = q = 1, so that
     * their term is exactly 0); for ranges with some p = 0. Falls back to the scalar loop if some ρ
     * is not a normal double: a ρ below 2<sup>−1022</sup> is caught by a mask (one compare and one
     * mask-or per vector, cheaper than tracking a lane-wise minimum), a ρ that overflows to +∞
     * (also q = 0 &lt; p) by the sum that is then not finite.
     */
    private static double maskedKlDivergence(double[] p, double[] q, int from, int to, double[] out, int slot) {
        int bound = from + SPECIES.loopBound(to - from);
        DoubleVector sum = DoubleVector.zero(SPECIES);
        DoubleVector comp = DoubleVector.zero(SPECIES);
        VectorMask<Double> tiny = SPECIES.maskAll(false);
        for (int i = from; i < bound; i += SPECIES.length()) {
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
        if (!tiny.anyTrue()) {
            double kl = finish(KL, sum.toArray(), comp.reduceLanes(VectorOperators.ADD), p, q, bound, to, out, slot);
            if (kl < Double.POSITIVE_INFINITY) {
                return kl;
            }
        }
        // some ρ is not a normal double (q < p·2^-1024, q = 0 < p, or a subnormal quotient): the
        // careful loop decides
        return ScalarKernels.tail(KL, 0.0, 0.0, p, q, from, to, out, slot);
    }

    /**
     * Adds the lane sums with TwoSum (their rounding errors going into the compensation, which
     * starts at the lanes' own), then the scalar tail from {@code bound} to {@code to}.
     */
    private static double finish(int measure, double[] lanes, double laneCompensation, double[] p, double[] q,
                                 int bound, int to, double[] out, int slot) {
        double s = 0.0;
        double c = laneCompensation;
        for (double x : lanes) {
            double t = s + x;
            double b = t - s;
            c += (s - (t - b)) + (x - b);
            s = t;
        }
        return ScalarKernels.tail(measure, s, c, p, q, bound, to, out, slot);
    }
}

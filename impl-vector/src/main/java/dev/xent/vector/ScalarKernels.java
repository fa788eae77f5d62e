package dev.xent.vector;

/**
 * The loops of {@link VectorMeasures} without the Vector API ({@link Mode#SCALAR}), and the scalar
 * tail that both modes share.
 *
 * <p>The algorithm is the vector one with four lanes in ordinary variables: four running sums
 * s<sub>k</sub> and compensations c<sub>k</sub>, entry i going to lane i mod 4. Each term
 * t = p·f is added with Knuth's TwoSum and its product error fma(p, f, −t), as in
 * {@link VectorKernels}:
 * <pre>
 *   s' = s + t;  b = s' − s;  c += (s − (s' − b)) + (t − b) + fma(p, f, −t)
 * </pre>
 * Four independent chains keep the processor busy while each {@link Math#log} (a JIT intrinsic,
 * within 1 ulp) completes; a single chain would wait about 4 cycles per addition and several per
 * TwoSum. The lanes are then combined with the same TwoSum and the last (to − from) mod 4 entries
 * added by {@link #tail}. Entries with p = 0 take ln 1 = 0 (a conditional move, not a branch); a
 * sum that comes out not finite, or a KL quotient p/q that is not a normal double, sends the
 * range to {@link #tail}, the careful one-term-at-a-time loop.
 */
final class ScalarKernels implements Kernels {

    /** The one instance; typed as the interface so that {@link Mode} never names a mode's class. */
    static final Kernels INSTANCE = new ScalarKernels();

    /** Which factor {@link #tail} multiplies p by: ln p. */
    static final int ENTROPY = 0;
    /** Which factor {@link #tail} multiplies p by: ln q. */
    static final int CROSS_ENTROPY = 1;
    /** Which factor {@link #tail} multiplies p by: ln(p/q). */
    static final int KL = 2;

    private ScalarKernels() {
    }

    @Override
    public double entropy(double[] p, int from, int to, double[] out, int slot) {
        int bound = from + ((to - from) & ~3);
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        double c0 = 0.0, c1 = 0.0, c2 = 0.0, c3 = 0.0;
        for (int i = from; i < bound; i += 4) {
            double p0 = p[i], p1 = p[i + 1], p2 = p[i + 2], p3 = p[i + 3];
            double f0 = Math.log(p0 == 0.0 ? 1.0 : p0);
            double f1 = Math.log(p1 == 0.0 ? 1.0 : p1);
            double f2 = Math.log(p2 == 0.0 ? 1.0 : p2);
            double f3 = Math.log(p3 == 0.0 ? 1.0 : p3);
            double t0 = p0 * f0, t1 = p1 * f1, t2 = p2 * f2, t3 = p3 * f3;
            double u0 = s0 + t0, u1 = s1 + t1, u2 = s2 + t2, u3 = s3 + t3;
            double b0 = u0 - s0, b1 = u1 - s1, b2 = u2 - s2, b3 = u3 - s3;
            c0 += (s0 - (u0 - b0)) + (t0 - b0) + Math.fma(p0, f0, -t0);
            c1 += (s1 - (u1 - b1)) + (t1 - b1) + Math.fma(p1, f1, -t1);
            c2 += (s2 - (u2 - b2)) + (t2 - b2) + Math.fma(p2, f2, -t2);
            c3 += (s3 - (u3 - b3)) + (t3 - b3) + Math.fma(p3, f3, -t3);
            s0 = u0;
            s1 = u1;
            s2 = u2;
            s3 = u3;
        }
        return combine(ENTROPY, s0, s1, s2, s3, c0 + c1 + c2 + c3, p, p, bound, to, out, slot);
    }

    @Override
    public double crossEntropy(double[] p, double[] q, int from, int to, double[] out, int slot) {
        int bound = from + ((to - from) & ~3);
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        double c0 = 0.0, c1 = 0.0, c2 = 0.0, c3 = 0.0;
        for (int i = from; i < bound; i += 4) {
            double p0 = p[i], p1 = p[i + 1], p2 = p[i + 2], p3 = p[i + 3];
            double f0 = Math.log(p0 == 0.0 ? 1.0 : q[i]);
            double f1 = Math.log(p1 == 0.0 ? 1.0 : q[i + 1]);
            double f2 = Math.log(p2 == 0.0 ? 1.0 : q[i + 2]);
            double f3 = Math.log(p3 == 0.0 ? 1.0 : q[i + 3]);
            double t0 = p0 * f0, t1 = p1 * f1, t2 = p2 * f2, t3 = p3 * f3;
            double u0 = s0 + t0, u1 = s1 + t1, u2 = s2 + t2, u3 = s3 + t3;
            double b0 = u0 - s0, b1 = u1 - s1, b2 = u2 - s2, b3 = u3 - s3;
            c0 += (s0 - (u0 - b0)) + (t0 - b0) + Math.fma(p0, f0, -t0);
            c1 += (s1 - (u1 - b1)) + (t1 - b1) + Math.fma(p1, f1, -t1);
            c2 += (s2 - (u2 - b2)) + (t2 - b2) + Math.fma(p2, f2, -t2);
            c3 += (s3 - (u3 - b3)) + (t3 - b3) + Math.fma(p3, f3, -t3);
            s0 = u0;
            s1 = u1;
            s2 = u2;
            s3 = u3;
        }
        double h = combine(CROSS_ENTROPY, s0, s1, s2, s3, c0 + c1 + c2 + c3, p, q, bound, to, out, slot);
        if (h > Double.NEGATIVE_INFINITY) {
            return h;
        }
        // some q = 0 < p (p·ln 0 = −∞, and −∞ + ∞ nowhere, since every other term is finite)
        return store(Double.NEGATIVE_INFINITY, 0.0, out, slot);
    }

    @Override
    public double klDivergence(double[] p, double[] q, int from, int to, double[] out, int slot) {
        int bound = from + ((to - from) & ~3);
        double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
        double c0 = 0.0, c1 = 0.0, c2 = 0.0, c3 = 0.0;
        boolean tiny = false;
        for (int i = from; i < bound; i += 4) {
            double p0 = p[i], p1 = p[i + 1], p2 = p[i + 2], p3 = p[i + 3];
            // p = 0: computed as p = q = 1, so that the log-ratio is 0 and the term exactly 0
            double a0 = p0 == 0.0 ? 1.0 : p0, a1 = p1 == 0.0 ? 1.0 : p1;
            double a2 = p2 == 0.0 ? 1.0 : p2, a3 = p3 == 0.0 ? 1.0 : p3;
            double d0 = p0 == 0.0 ? 1.0 : q[i], d1 = p1 == 0.0 ? 1.0 : q[i + 1];
            double d2 = p2 == 0.0 ? 1.0 : q[i + 2], d3 = p3 == 0.0 ? 1.0 : q[i + 3];
            double r0 = a0 / d0, r1 = a1 / d1, r2 = a2 / d2, r3 = a3 / d3;
            tiny |= r0 < Double.MIN_NORMAL | r1 < Double.MIN_NORMAL | r2 < Double.MIN_NORMAL
                    | r3 < Double.MIN_NORMAL;
            double f0 = Math.log(r0) + Math.fma(-r0, d0, a0) / a0;
            double f1 = Math.log(r1) + Math.fma(-r1, d1, a1) / a1;
            double f2 = Math.log(r2) + Math.fma(-r2, d2, a2) / a2;
            double f3 = Math.log(r3) + Math.fma(-r3, d3, a3) / a3;
            double t0 = p0 * f0, t1 = p1 * f1, t2 = p2 * f2, t3 = p3 * f3;
            double u0 = s0 + t0, u1 = s1 + t1, u2 = s2 + t2, u3 = s3 + t3;
            double b0 = u0 - s0, b1 = u1 - s1, b2 = u2 - s2, b3 = u3 - s3;
            c0 += (s0 - (u0 - b0)) + (t0 - b0) + Math.fma(p0, f0, -t0);
            c1 += (s1 - (u1 - b1)) + (t1 - b1) + Math.fma(p1, f1, -t1);
            c2 += (s2 - (u2 - b2)) + (t2 - b2) + Math.fma(p2, f2, -t2);
            c3 += (s3 - (u3 - b3)) + (t3 - b3) + Math.fma(p3, f3, -t3);
            s0 = u0;
            s1 = u1;
            s2 = u2;
            s3 = u3;
        }
        if (!tiny) {
            double kl = combine(KL, s0, s1, s2, s3, c0 + c1 + c2 + c3, p, q, bound, to, out, slot);
            if (kl < Double.POSITIVE_INFINITY) {
                return kl;
            }
        }
        // some quotient is not a normal double (q = 0 < p among them): the careful loop decides
        return tail(KL, 0.0, 0.0, p, q, from, to, out, slot);
    }

    /** The four lanes added with TwoSum, then the tail from {@code bound}. */
    private static double combine(int measure, double s0, double s1, double s2, double s3, double c,
                                  double[] p, double[] q, int bound, int to, double[] out, int slot) {
        double s = s0;
        double comp = c;
        double t = s + s1;
        double b = t - s;
        comp += (s - (t - b)) + (s1 - b);
        s = t;
        t = s + s2;
        b = t - s;
        comp += (s - (t - b)) + (s2 - b);
        s = t;
        t = s + s3;
        b = t - s;
        comp += (s - (t - b)) + (s3 - b);
        s = t;
        return tail(measure, s, comp, p, q, bound, to, out, slot);
    }

    /**
     * The careful loop, shared by both modes: starting from the running sum s and compensation c,
     * adds p<sub>i</sub>·f<sub>i</sub> for i in {@code [from, to)} with p<sub>i</sub> &gt; 0, each
     * product made exact with fma and added with TwoSum; f<sub>i</sub> is ln p<sub>i</sub>
     * ({@link #ENTROPY}), ln q<sub>i</sub> ({@link #CROSS_ENTROPY}, −∞ for q<sub>i</sub> = 0) or
     * {@link #logRatio} ({@link #KL}, where q<sub>i</sub> = 0 &lt; p<sub>i</sub> gives +∞ at once).
     *
     * @return s + c, also stored as a pair if {@code out} is not null
     */
    static double tail(int measure, double s, double c, double[] p, double[] q, int from, int to,
                       double[] out, int slot) {
        for (int i = from; i < to; i++) {
            double pi = p[i];
            if (pi > 0.0) {
                double log;
                if (measure == ENTROPY) {
                    log = Math.log(pi);
                } else if (measure == CROSS_ENTROPY) {
                    log = Math.log(q[i]);
                } else if (q[i] == 0.0) {
                    return store(Double.POSITIVE_INFINITY, 0.0, out, slot);
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
        return store(s, c, out, slot);
    }

    /** Stores (s, c) at {@code out[slot]} if {@code out} is not null; returns s + c. */
    static double store(double s, double c, double[] out, int slot) {
        if (out != null) {
            out[slot] = s;
            out[slot + 1] = c;
        }
        return s + c;
    }

    /**
     * ln(p/q) for p, q &gt; 0: ln ρ + (p − ρq)/p with ρ = fl(p/q) when ρ is a normal double, else
     * ln p − ln q (then |ln(p/q)| &gt; 708 and the difference loses nothing that matters).
     *
     * @param p a probability &gt; 0
     * @param q a probability &gt; 0
     * @return ln(p/q)
     */
    static double logRatio(double p, double q) {
        double ratio = p / q;
        if (ratio >= Double.MIN_NORMAL && ratio <= Double.MAX_VALUE) {
            return Math.log(ratio) + Math.fma(-ratio, q, p) / p;
        }
        return Math.log(p) - Math.log(q);
    }
}

package dev.xent.vector;

/**
 * The loops of {@link VectorMeasures} without the Vector API ({@link Mode#SCALAR}), and the scalar
 * tail that both modes share.
 *
 * <p>The algorithm is the vector one with two lanes in ordinary variables, and the logarithms
 * taken apart: for each chunk of {@value #CHUNK} entries, one loop computes the factors f
 * ({@link Math#log}, a JIT intrinsic within 1 ulp; for KL the whole log-ratio) into a small array,
 * and a second loop adds the terms t = p·f to two running sums s<sub>k</sub> with compensations
 * c<sub>k</sub> (entry i to lane i mod 2), with Knuth's TwoSum and the product error
 * fma(p, f, −t), as in {@link VectorKernels}:
 * <pre>
 *   s' = s + t;  b = s' − s;  c += (s − (s' − b)) + (t − b) + fma(p, f, −t)
 * </pre>
 * Why two loops: the logarithm is a call into a JIT stub that keeps no floating-point register
 * alive across it, so sums interleaved with the calls are spilled and reloaded around each one;
 * apart, the first loop runs like the bare {@code Math.log} loop and the second loop, which calls
 * nothing, keeps its sums in registers. (Measured, docs/performance.md: four chains interleaved
 * with the calls cost 1.2–1.5 times the bare loop, the chunks 1.15 times.) The two lanes are then
 * combined with the same TwoSum. In H(P) and KL, entries with p = 0 take the factor 0 (a
 * conditional move, not a branch); H(P,Q) has no mask, since 0·ln q = 0 for q &gt; 0 (as in
 * {@link VectorKernels}), and a sum that comes out not finite (some q = 0) sends the range to
 * {@link #tail}, which skips p = 0 and reports −∞ for q = 0 &lt; p; a KL quotient p/q that is not a normal double, or a KL sum that is not finite, sends the
 * range to {@link #tail}, the careful one-term-at-a-time loop, as do ranges shorter than
 * {@value #SHORT} entries (which so allocate nothing; longer ranges allocate the 2 KiB chunk array
 * once per call).
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

    /** Entries per chunk: {@value} logarithms (2 KiB, in the L1 cache) computed before they are summed. */
    private static final int CHUNK = 256;

    /** Ranges shorter than {@value} entries take {@link #tail} (and allocate nothing). */
    private static final int SHORT = 64;

    private ScalarKernels() {
    }

    @Override
    public double entropy(double[] p, int from, int to, double[] out, int slot) {
        if (to - from < SHORT) {
            return tail(ENTROPY, 0.0, 0.0, p, p, from, to, out, slot);
        }
        double[] logs = new double[CHUNK];
        double s0 = 0.0, s1 = 0.0, c0 = 0.0, c1 = 0.0;
        for (int base = from; base < to; base += CHUNK) {
            int len = Math.min(CHUNK, to - base);
            for (int j = 0; j < len; j++) {
                logs[j] = Math.log(p[base + j]);
            }
            int j = 0;
            for (; j + 1 < len; j += 2) {
                double p0 = p[base + j], p1 = p[base + j + 1];
                // p = 0: ln 0 = −∞ is replaced by 0, so that the term is exactly 0 (a move, not a branch)
                double f0 = p0 == 0.0 ? 0.0 : logs[j], f1 = p1 == 0.0 ? 0.0 : logs[j + 1];
                double t0 = p0 * f0, t1 = p1 * f1;
                double u0 = s0 + t0, u1 = s1 + t1;
                double b0 = u0 - s0, b1 = u1 - s1;
                c0 += (s0 - (u0 - b0)) + (t0 - b0) + Math.fma(p0, f0, -t0);
                c1 += (s1 - (u1 - b1)) + (t1 - b1) + Math.fma(p1, f1, -t1);
                s0 = u0;
                s1 = u1;
            }
            if (j < len) {
                double p0 = p[base + j];
                double f0 = p0 == 0.0 ? 0.0 : logs[j];
                double t0 = p0 * f0;
                double u0 = s0 + t0;
                double b0 = u0 - s0;
                c0 += (s0 - (u0 - b0)) + (t0 - b0) + Math.fma(p0, f0, -t0);
                s0 = u0;
            }
        }
        return combine(s0, s1, c0 + c1, out, slot);
    }

    @Override
    public double crossEntropy(double[] p, double[] q, int from, int to, double[] out, int slot) {
        if (to - from < SHORT) {
            double h = tail(CROSS_ENTROPY, 0.0, 0.0, p, q, from, to, out, slot);
            return h > Double.NEGATIVE_INFINITY ? h : store(Double.NEGATIVE_INFINITY, 0.0, out, slot);
        }
        double[] logs = new double[CHUNK];
        double s0 = 0.0, s1 = 0.0, c0 = 0.0, c1 = 0.0;
        for (int base = from; base < to; base += CHUNK) {
            int len = Math.min(CHUNK, to - base);
            for (int j = 0; j < len; j++) {
                logs[j] = Math.log(q[base + j]);
            }
            int j = 0;
            for (; j + 1 < len; j += 2) {
                double p0 = p[base + j], p1 = p[base + j + 1];
                // no mask: p = 0 < q gives 0·ln q = 0 anyway; p = q = 0 gives NaN, sorted out below
                double f0 = logs[j], f1 = logs[j + 1];
                double t0 = p0 * f0, t1 = p1 * f1;
                double u0 = s0 + t0, u1 = s1 + t1;
                double b0 = u0 - s0, b1 = u1 - s1;
                c0 += (s0 - (u0 - b0)) + (t0 - b0) + Math.fma(p0, f0, -t0);
                c1 += (s1 - (u1 - b1)) + (t1 - b1) + Math.fma(p1, f1, -t1);
                s0 = u0;
                s1 = u1;
            }
            if (j < len) {
                double p0 = p[base + j];
                double f0 = logs[j];
                double t0 = p0 * f0;
                double u0 = s0 + t0;
                double b0 = u0 - s0;
                c0 += (s0 - (u0 - b0)) + (t0 - b0) + Math.fma(p0, f0, -t0);
                s0 = u0;
            }
        }
        double h = combine(s0, s1, c0 + c1, out, slot);
        if (h > Double.NEGATIVE_INFINITY) {
            return h;
        }
        // not finite: some q = 0 < p (p·ln 0 = −∞, which TwoSum turns into NaN), or q = 0 only where
        // p = 0 too (0·ln 0 = NaN): the careful loop, which skips p = 0, tells them apart
        h = tail(CROSS_ENTROPY, 0.0, 0.0, p, q, from, to, out, slot);
        return h > Double.NEGATIVE_INFINITY ? h : store(Double.NEGATIVE_INFINITY, 0.0, out, slot);
    }

    @Override
    public double klDivergence(double[] p, double[] q, int from, int to, double[] out, int slot) {
        if (to - from < SHORT) {
            return tail(KL, 0.0, 0.0, p, q, from, to, out, slot);
        }
        double[] logs = new double[CHUNK];
        double s0 = 0.0, s1 = 0.0, c0 = 0.0, c1 = 0.0;
        boolean tiny = false;
        for (int base = from; base < to; base += CHUNK) {
            int len = Math.min(CHUNK, to - base);
            for (int j = 0; j < len; j++) {
                // p = 0: computed as p = q = 1, so that the log-ratio is 0 and the term exactly 0
                double pj = p[base + j];
                double a = pj == 0.0 ? 1.0 : pj;
                double d = pj == 0.0 ? 1.0 : q[base + j];
                double r = a / d;
                tiny |= r < Double.MIN_NORMAL;
                logs[j] = Math.log(r) + Math.fma(-r, d, a) / a;
            }
            int j = 0;
            for (; j + 1 < len; j += 2) {
                double p0 = p[base + j], p1 = p[base + j + 1];
                double f0 = logs[j], f1 = logs[j + 1];
                double t0 = p0 * f0, t1 = p1 * f1;
                double u0 = s0 + t0, u1 = s1 + t1;
                double b0 = u0 - s0, b1 = u1 - s1;
                c0 += (s0 - (u0 - b0)) + (t0 - b0) + Math.fma(p0, f0, -t0);
                c1 += (s1 - (u1 - b1)) + (t1 - b1) + Math.fma(p1, f1, -t1);
                s0 = u0;
                s1 = u1;
            }
            if (j < len) {
                double p0 = p[base + j];
                double f0 = logs[j];
                double t0 = p0 * f0;
                double u0 = s0 + t0;
                double b0 = u0 - s0;
                c0 += (s0 - (u0 - b0)) + (t0 - b0) + Math.fma(p0, f0, -t0);
                s0 = u0;
            }
        }
        if (!tiny) {
            double kl = combine(s0, s1, c0 + c1, out, slot);
            if (kl < Double.POSITIVE_INFINITY) {
                return kl;
            }
        }
        // some quotient is not a normal double (q = 0 < p among them): the careful loop decides
        return tail(KL, 0.0, 0.0, p, q, from, to, out, slot);
    }

    /** The two chains added with TwoSum. */
    private static double combine(double s0, double s1, double c, double[] out, int slot) {
        double s = s0 + s1;
        double b = s - s0;
        return store(s, c + (s0 - (s - b)) + (s1 - b), out, slot);
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

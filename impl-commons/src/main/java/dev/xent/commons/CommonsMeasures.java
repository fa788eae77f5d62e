package dev.xent.commons;

import dev.xent.Accuracy;
import dev.xent.Accuracy.KlBound;
import dev.xent.Accuracy.KlScale;
import dev.xent.Accuracy.Ulps;
import dev.xent.InformationMeasures;
import dev.xent.sum.CompensatedSum;
import java.util.Locale;
import org.apache.commons.math3.util.FastMath;
import org.apache.commons.math3.util.MathArrays;

/**
 * The backend {@code commons}: every measure as one accurate dot product Σ p<sub>i</sub>·f<sub>i</sub>,
 * built on Apache Commons Math 3.6.1.
 * <pre>
 *   H(P)    = Σ p_i · (−ln p_i)
 *   H(P,Q)  = Σ p_i · (−ln q_i)
 *   KL(P‖Q) = Σ p_i · r(p_i, q_i),  r(p, q) = ln(p/q) as log1p((p − q)/q) when q/2 ≤ p ≤ 2q,
 *                                   ln(p/q) when the quotient is a normal double, else ln p − ln q
 * </pre>
 * The Commons Math calls:
 * <ul>
 *   <li>{@link FastMath#log(double)} for every logarithm (Commons documents it as accurate to
 *       within 1 ulp). The one exception is the log-ratio near p = q, which uses the JDK's
 *       {@link Math#log1p(double)} (also within 1 ulp): Commons Math 3.6.1's {@code FastMath.log1p}
 *       allocates a two-element array on every call, 16 bytes per term, measured with JMH's gc
 *       profiler, and this backend promises to allocate nothing;</li>
 *   <li>{@link MathArrays#linearCombination(double, double, double, double, double, double, double,
 *       double)} for each block of four products: the Ogita–Rump–Oishi accurate dot product ("Accurate
 *       Sum and Dot Product", SIAM J. Sci. Comput. 26(6), 2005), which computes the four products and
 *       their sum as if in twice the working precision, without allocating;</li>
 * </ul>
 * and the block results are added with Neumaier's compensated summation ({@link CompensatedSum}).
 * Terms with
 * p<sub>i</sub> = 0 are 0 (the factor is never evaluated), q<sub>i</sub> = 0 &lt; p<sub>i</sub> returns
 * +∞ at once, and a KL that rounding pushes below zero is reported as 0.
 *
 * <p><b>Accuracy.</b> The summation error no longer grows with n: the sum of the rounded terms is
 * within about 2 ulps of its exact value for any n (plus a second-order n·2<sup>−106</sup> term).
 * What remains is each factor's own error — within 1 ulp for ln p and ln q, about 2 ulps for the
 * log-ratio. The promise, which the verification kit asserts against a 60-digit oracle:
 * <ul>
 *   <li>H(P) and H(P,Q), whose terms all have one sign: within 4 ulps of the true value, for any n
 *       (measured: at most about 1.1 ulps);</li>
 *   <li>KL(P‖Q): absolute error at most 4·2<sup>−53</sup>·Σ|p<sub>i</sub> ln(p<sub>i</sub>/q<sub>i</sub>)|
 *       + 2 ulps of the result. When P ≈ Q the terms cancel in the sum (KL is of order ε² while the
 *       terms are of order ε), so the error relative to KL itself can be large; it is still about
 *       10<sup>7</sup> times smaller than {@code naive}'s there.</li>
 * </ul>
 * As {@link #accuracy()} declares it (u = 2<sup>−53</sup>):
 * {@code H(P) 4 ulps; H(P,Q) 4 ulps; KL(P‖Q) 4·u·Σ|p ln(p/q)| + 2 ulps}.
 * With {@code vector} it declares the best accuracy of the bundled backends, so it is the default
 * wherever {@code vector} cannot run.
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
public final class CommonsMeasures implements InformationMeasures {

    private static final int ENTROPY = 0;
    private static final int CROSS_ENTROPY = 1;
    private static final int KL = 2;

    /** Creates the backend; the service loader calls this. */
    public CommonsMeasures() {
    }

    @Override
    public String id() {
        return "commons";
    }

    @Override
    public String description() {
        return "Commons Math 3: FastMath logs, accurate dot product (MathArrays.linearCombination)";
    }

    /** H(P) and H(P,Q) 4 ulps; KL 4·u·Σ|p ln(p/q)| + 2 ulps (see the class documentation). */
    private static final Accuracy ACCURACY = Accuracy.of(Ulps.constant(4), Ulps.constant(4),
            new KlBound(Ulps.constant(4), KlScale.TERMS, 2));

    /**
     * H(P) and H(P,Q) within 4 ulps for any n, KL(P‖Q) within
     * 4·2<sup>−53</sup>·Σ|p ln(p/q)| + 2 ulps, derived in the class documentation.
     *
     * @return the declared bounds
     */
    @Override
    public Accuracy accuracy() {
        return ACCURACY;
    }

    /**
     * 3.9: {@code FastMath.log} and the accurate dot product ({@code bench/RESULTS.md}, H(P,Q) at
     * n = 10<sup>6</sup>).
     *
     * @return 3.9
     */
    @Override
    public double relativeCost() {
        return 3.9;
    }

    /**
     * −ln p with Commons Math's {@link FastMath#log(double)}.
     *
     * @param p a probability in [0, 1]
     * @return −ln p in nats, +∞ for p = 0
     * @throws IllegalArgumentException if {@code p} is NaN or outside [0, 1]
     */
    @Override
    public double informationNats(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "information needs a probability in [0, 1], got %s", p));
        }
        return p == 1.0 ? 0.0 : -FastMath.log(p);
    }

    /**
     * H(P) as the accurate dot product of p and −ln p.
     *
     * @param p the probabilities
     * @return H(P) in nats
     */
    @Override
    public double entropyNats(double[] p) {
        return dot(ENTROPY, p, p);
    }

    /**
     * H(P,Q) as the accurate dot product of p and −ln q.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return H(P,Q) in nats, +∞ when some q<sub>i</sub> = 0 &lt; p<sub>i</sub>
     */
    @Override
    public double crossEntropyNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        return dot(CROSS_ENTROPY, p, q);
    }

    /**
     * KL(P‖Q) as the accurate dot product of p and the careful log-ratio, reported as 0 if rounding
     * makes it negative.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return KL(P‖Q) in nats, +∞ when some q<sub>i</sub> = 0 &lt; p<sub>i</sub>
     */
    @Override
    public double klDivergenceNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        return Math.max(0.0, dot(KL, p, q));
    }

    /**
     * Σ p<sub>i</sub>·f(p<sub>i</sub>, q<sub>i</sub>) in blocks of four accurate products, with the
     * blocks added by Neumaier summation; +∞ as soon as a factor is infinite.
     */
    private static double dot(int measure, double[] p, double[] q) {
        double sum = 0.0;
        double compensation = 0.0;
        int n = p.length;
        for (int i = 0; i < n; i += 4) {
            double p0 = p[i];
            double p1 = i + 1 < n ? p[i + 1] : 0.0;
            double p2 = i + 2 < n ? p[i + 2] : 0.0;
            double p3 = i + 3 < n ? p[i + 3] : 0.0;
            double f0 = factor(measure, p0, q[i]);
            double f1 = p1 > 0.0 ? factor(measure, p1, q[i + 1]) : 0.0;
            double f2 = p2 > 0.0 ? factor(measure, p2, q[i + 2]) : 0.0;
            double f3 = p3 > 0.0 ? factor(measure, p3, q[i + 3]) : 0.0;
            if (f0 == Double.POSITIVE_INFINITY || f1 == Double.POSITIVE_INFINITY
                    || f2 == Double.POSITIVE_INFINITY || f3 == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            double block = MathArrays.linearCombination(p0, f0, p1, f1, p2, f2, p3, f3);
            double t = sum + block;
            compensation += CompensatedSum.error(sum, block, t);
            sum = t;
        }
        return CompensatedSum.value(sum, compensation);
    }

    /** The factor multiplying p in each measure; 0 when p = 0 (0·anything = 0 by convention). */
    private static double factor(int measure, double p, double q) {
        if (!(p > 0.0)) {
            return 0.0;
        }
        switch (measure) {
            case ENTROPY:
                return -FastMath.log(p);
            case CROSS_ENTROPY:
                return -FastMath.log(q);
            default:
                return q == 0.0 ? Double.POSITIVE_INFINITY : logRatio(p, q);
        }
    }

    /** ln(p / q) for p, q &gt; 0, in the form that keeps the most digits. */
    private static double logRatio(double p, double q) {
        if (p >= 0.5 * q && p <= 2.0 * q) {
            return Math.log1p((p - q) / q); // FastMath.log1p allocates per call (see above)
        }
        double ratio = p / q;
        if (ratio >= Double.MIN_NORMAL && ratio < Double.POSITIVE_INFINITY) {
            return FastMath.log(ratio);
        }
        return FastMath.log(p) - FastMath.log(q);
    }
}

package dev.xent.loss;

import dev.xent.InformationMeasures;

/**
 * The log-space maths of the losses, in one place: softplus, log-sum-exp, log1mexp and the
 * information of the complement. Each is exact to a few ulps where the naive formula overflows,
 * underflows or cancels. Raw doubles in, raw doubles out; the inputs are already checked.
 */
final class LogSpace {

    /** ln 2, Mächler's switch point for {@link #log1mexp}. */
    private static final double LN2 = 0.6931471805599453;

    private LogSpace() {
    }

    /**
     * softplus(x) = ln(1 + e<sup>x</sup>), without overflow or cancellation: x + log1p(e<sup>−x</sup>)
     * for x &gt; 0, log1p(e<sup>x</sup>) otherwise. At least 0; equals x (rounded) for x ≥ 40.
     */
    static double softplus(double x) {
        return x > 0.0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /**
     * ln Σ<sub>i</sub> e<sup>z<sub>i</sub> − max</sup> for the first {@code k} entries, at least 0
     * (the maximum contributes 1), never overflowing: with it, ln Σ e<sup>z</sup> = max + the
     * result (log-sum-exp).
     */
    static double logSumExpShifted(double[] z, int k, double max) {
        double s = 0.0;
        for (int i = 0; i < k; i++) {
            s += Math.exp(z[i] - max);
        }
        return Math.log(s);
    }

    /** ln(1 − e<sup>x</sup>) for x ≤ 0 (Mächler 2012: log(−expm1(x)) above −ln 2, log1p(−e<sup>x</sup>) below). */
    static double log1mexp(double x) {
        return x > -LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
    }

    /**
     * −ln(1 − p), the information of class 0 when P(class 1) = p: for p ≤ ½ as −log1p(−p), which
     * keeps every digit when p is tiny (1 − p rounded to a double would lose them: p = 1e-10 gives
     * 1.000000082790371e-10 through ln(1 − p) instead of 1.00000000005e-10); for p &gt; ½, 1 − p is
     * exact (Sterbenz) and the backend takes −ln of it. One logarithm, no allocation.
     */
    static double complementInformation(InformationMeasures backend, double p) {
        return p <= 0.5 ? -Math.log1p(-p) : backend.informationNats(1.0 - p);
    }

    /**
     * One term of the KL divergence in its non-negative form, t ln(t/q) − t + q = q·φ(t/q) with
     * φ(x) = x ln x − x + 1 ≥ 0 (0 when t = 0 = q; q when t = 0; +∞ when t &gt; 0 = q). Adding
     * Σ (t − q) back gives Σ t ln(t/q) exactly, and each term keeps its digits near t = q: with
     * r = (t − q)/q (t − q exact there, Sterbenz), q·φ = (t − q)·r·g(r), g(r) = Σ<sub>n≥2</sub>
     * (−r)<sup>n−2</sup>/(n(n − 1)) = ½ − r/6 + r²/12 − …, summed by Horner for |r| &lt; 0.1
     * (16 terms, truncation below 10<sup>−17</sup> relative); beyond, t·ln(t/q) − (t − q) loses at
     * most a factor ~20 in relative accuracy to cancellation (r ≥ 0.1 makes the term at least
     * (t − q)·0.05).
     */
    static double klTerm(double t, double q) {
        if (t == 0.0) {
            return q;
        }
        if (q == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        double d = t - q;
        double r = d / q;
        if (Math.abs(r) < 0.1) {
            return d * r * klSeries(r);
        }
        double ratio = t / q;
        double lr = ratio > 0.0 && ratio < Double.POSITIVE_INFINITY ? Math.log(ratio)
                : Math.log(t) - Math.log(q);
        return t * lr - d;
    }

    /**
     * The same term with q given by its logarithm lq (and t by its logarithm lt, or lt = ln t):
     * t·(lt − lq) − t + q with q = e<sup>lq</sup>; near t = q (|lt − lq| &lt; 0.1) through
     * {@link #klTerm}'s series with r = expm1(lt − lq) = t/q − 1 (exact to the rounding of the
     * difference of the logarithms); elsewhere directly, which stays finite when e<sup>lq</sup>
     * underflows.
     */
    static double klTermLog(double t, double lt, double lq) {
        if (t == 0.0) {
            return Math.exp(lq);
        }
        if (lq == Double.NEGATIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        double delta = lt - lq;
        double q = Math.exp(lq);
        if (Math.abs(delta) < 0.1) {
            double r = Math.expm1(delta);
            return q * r * r * klSeries(r);
        }
        return t * delta - (t - q);
    }

    /**
     * One term t ln(t/q) of the KL divergence as its formula reads (possibly negative), for rows
     * that need not be distributions: 0 when t = 0, +∞ when t &gt; 0 = q; near t = q as
     * t·log1p((t − q)/q) (t − q exact there), so the term keeps its digits; elsewhere t·ln(t/q), or
     * t·(ln t − ln q) when t/q over- or underflows.
     */
    static double xLogRatio(double t, double q) {
        if (t == 0.0) {
            return 0.0;
        }
        if (q == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        double r = (t - q) / q;
        if (Math.abs(r) < 0.5) {
            return t * Math.log1p(r);
        }
        double ratio = t / q;
        return t * (ratio > 0.0 && ratio < Double.POSITIVE_INFINITY ? Math.log(ratio)
                : Math.log(t) - Math.log(q));
    }

    /** g(r) = Σ_{n≥2} (−r)^{n−2}/(n(n−1)) for |r| &lt; 0.1, by Horner (n up to 17). */
    private static double klSeries(double r) {
        double g = 0.0;
        for (int n = 17; n >= 2; n--) {
            g = 1.0 / (n * (n - 1.0)) - r * g;
        }
        return g;
    }
}

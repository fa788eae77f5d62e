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
}

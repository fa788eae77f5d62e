package dev.xent.verification;

import dev.xent.Accuracy;
import dev.xent.InformationMeasures;

/**
 * Named error bounds, each with the reason it is right. A property never compares with a bare
 * number: it asks the backend's declared {@link Accuracy} ({@link InformationMeasures#accuracy()})
 * how far a computation may be from the truth, and this class for the few extra roundings of the
 * kit's own reference computations.
 *
 * <p>Symbols: u = 2<sup>−53</sup> (the unit roundoff of a double), n the number of events, ulp(v)
 * the spacing of doubles at v. A relative error r·u is at most r ulps, because ulp(v) &gt; u·|v|.
 * The bounds themselves are stated once, by each backend, in code: the kit holds no table of
 * backends.
 */
final class Tolerance {

    /** The unit roundoff u = 2<sup>−53</sup> of IEEE double precision. */
    static final double U = 0x1p-53;

    /**
     * The rounding of the oracle-free reference computations in the NLL properties: one
     * {@link Math#log} (1 ulp) and one negation/mean step (1 ulp).
     */
    static final double REFERENCE_ULPS = 2;

    /**
     * Relative slack for bounds that are themselves computed in double precision (a scale summed
     * with a few roundings, a factor such as ln n): 10<sup>−6</sup> covers their own rounding many
     * times over and changes no bound meaningfully.
     */
    static final double BOUND_SLACK = 1e-6;

    /** Converting a result between units divides by ln b once: at most 1 ulp, plus 1 for ln b. */
    static final double CONVERSION_ULPS = 2;

    private Tolerance() {
    }

    /** The two scales of KL's error: Σ|p ln(p/q)| ("terms") and Σ p(|ln p| + |ln q|) ("logs"). */
    record KlScales(double terms, double logs) {
        /**
         * The scales estimated in double precision, for bounds when no oracle is at hand (a few
         * ulps of error in a bound that is a multiple of u·scale do not matter).
         *
         * @param p the probabilities of P
         * @param q the probabilities of Q, positive wherever p is
         * @return the scales
         */
        static KlScales estimate(double[] p, double[] q) {
            double terms = 0.0;
            double logs = 0.0;
            for (int i = 0; i < p.length; i++) {
                if (p[i] > 0.0) {
                    double lp = Math.log(p[i]);
                    double lq = Math.log(q[i]);
                    terms += Math.abs(p[i] * (lp - lq));
                    logs += p[i] * (Math.abs(lp) + Math.abs(lq));
                }
            }
            return new KlScales(terms * (1 + BOUND_SLACK), logs * (1 + BOUND_SLACK));
        }
    }

    /**
     * A backend's declared absolute bound on KL(P‖Q) for one input.
     *
     * @param accuracy the declared accuracy
     * @param n events
     * @param scales the error scales of this pair
     * @param value the true (or a nearby) value
     * @return the largest allowed |error|
     */
    static double kl(Accuracy accuracy, int n, KlScales scales, double value) {
        // an infinite or NaN KL has no ulp: 0·ulp(∞) would make the whole bound NaN, and every
        // comparison with it false; such a value is judged by the rest of the bound (or the check)
        return accuracy.klBound(n, scales.terms(), scales.logs(), Double.isFinite(value) ? value : 0.0);
    }

    /**
     * k ulps of a value.
     *
     * @param k how many
     * @param value where
     * @return k·ulp(value)
     */
    static double ulps(double k, double value) {
        return k * Math.ulp(value);
    }
}

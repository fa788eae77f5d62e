package dev.xent.verification;

import java.util.Map;

/**
 * Named error bounds, each with the reason it is right. A property never compares with a bare
 * number: it asks this class how far two computations may differ, and the answer is a backend's
 * <em>documented</em> accuracy (its class javadoc) turned into an absolute bound for the input at
 * hand.
 *
 * <p>Symbols: u = 2<sup>−53</sup> (the unit roundoff of a double), n the number of events, ulp(v)
 * the spacing of doubles at v. A relative error r·u is at most r ulps, because ulp(v) &gt; u·|v|.
 *
 * <table>
 *   <caption>The documented accuracy of the bundled backends, as the kit asserts it</caption>
 *   <tr><th>backend</th><th>H(P)</th><th>H(P,Q)</th><th>KL(P‖Q), absolute</th></tr>
 *   <tr><td>naive</td><td>(n+2) ulps</td><td>(n+2) ulps</td>
 *       <td>(n+8)·u·Σ|p ln(p/q)|</td></tr>
 *   <tr><td>kl</td><td>(n+2) ulps</td><td>3(n+2) ulps</td><td>(n+4)·u·Σ|p ln(p/q)|</td></tr>
 *   <tr><td>commons, vector</td><td>4 ulps</td><td>4 ulps</td>
 *       <td>4·u·Σ|p ln(p/q)| + 2 ulps</td></tr>
 * </table>
 * How each row follows from the backend's javadoc:
 * <ul>
 *   <li><b>naive</b> ("plain summation of n terms adds up to (n − 1)·2<sup>−53</sup>"; "the relative
 *       error is bounded by about (n + 2)·2<sup>−53</sup>"; KL "|error| ≤ (n + 8)·u·Σ|p ln(p/q)|",
 *       ln(p/q) taken of the rounded quotient with its rounding put back by one fma).</li>
 *   <li><b>kl</b>: "H(P) within (n + 2) ulps; KL(P‖Q) within an absolute
 *       (n + 4)·2<sup>−53</sup>·Σ|p ln(p/q)|; … H(P,Q) … within 3(n + 2) ulps in total" (derived there
 *       from the (n − 1)·u of the plain sums, about 2 ulps per log-ratio and u per product).</li>
 *   <li><b>commons</b>: "H(P) and H(P,Q) … within 4 ulps of the true value, for any n" (each factor
 *       within 1 ulp, so 2 ulps of a same-sign sum, and the accurate sum within about 2 ulps); KL
 *       "absolute error at most 4·2<sup>−53</sup>·Σ|p ln(p/q)| + 2 ulps of the result" (plus the
 *       second-order n·2<sup>−106</sup>·Σ|terms| of compensated summation).</li>
 *   <li><b>vector</b>: "H(P) and H(P,Q) … within 4 ulps of the true value for any n, and KL within
 *       4·2<sup>−53</sup>·Σ|p ln(p/q)| + 2 ulps" (a vector logarithm within 1 ulp, products made
 *       exact by fma, lane-wise compensated sums): the same bounds as commons.</li>
 * </ul>
 * A backend the kit does not know (a third party's) must meet the bounds of the formulas as
 * written ({@code Accuracy.FORMULAS_AS_WRITTEN}: (n + 2) ulps for H(P) and H(P,Q), and
 * (n + 2)·u·Σ p(|ln p| + |ln q|) for KL as Σ p(ln p − ln q)), which any careful implementation
 * reaches.
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

    private static final Map<String, Accuracy> DOCUMENTED = Map.of(
            "naive", new Accuracy("naive", n -> n + 2.0, n -> n + 2.0, (n, s, v) -> (n + 8.0) * U * s.terms()),
            "kl", new Accuracy("kl", n -> n + 2.0, n -> 3.0 * (n + 2.0), (n, s, v) -> (n + 4.0) * U * s.terms()),
            "commons", new Accuracy("commons", n -> 4.0, n -> 4.0,
                    (n, s, v) -> 4.0 * U * s.terms() + 2.0 * Math.ulp(v) + n * 0x1p-106 * s.terms()),
            "vector", new Accuracy("vector", n -> 4.0, n -> 4.0,
                    (n, s, v) -> 4.0 * U * s.terms() + 2.0 * Math.ulp(v) + n * 0x1p-106 * s.terms()));

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

    /** An absolute KL bound from n, the scales and the value. */
    @FunctionalInterface
    interface KlBound {
        double of(int n, KlScales scales, double value);
    }

    /** A per-n count of ulps. */
    @FunctionalInterface
    interface UlpCount {
        double of(int n);
    }

    /**
     * One backend's documented accuracy.
     *
     * @param backend the id whose javadoc the numbers come from
     * @param entropyUlps H(P)'s bound in ulps of the true value
     * @param crossEntropyUlps H(P,Q)'s bound in ulps of the true value
     * @param klBound KL's absolute bound
     */
    record Accuracy(String backend, UlpCount entropyUlps, UlpCount crossEntropyUlps, KlBound klBound) {

        /**
         * The absolute bound on H(P).
         *
         * @param n events
         * @param value the true (or a nearby) value
         * @return the largest allowed |error|
         */
        double entropy(int n, double value) {
            return entropyUlps.of(n) * Math.ulp(value);
        }

        /**
         * The absolute bound on H(P,Q).
         *
         * @param n events
         * @param value the true (or a nearby) value
         * @return the largest allowed |error|
         */
        double crossEntropy(int n, double value) {
            return crossEntropyUlps.of(n) * Math.ulp(value);
        }

        /**
         * The absolute bound on KL(P‖Q).
         *
         * @param n events
         * @param scales the error scales of this pair
         * @param value the true (or a nearby) value
         * @return the largest allowed |error|
         */
        double kl(int n, KlScales scales, double value) {
            return klBound.of(n, scales, value);
        }
    }

    /**
     * The documented accuracy of a backend; the formulas as written for a backend the kit does not know.
     *
     * @param backendId the backend's id
     * @return its bounds
     */
    static Accuracy of(String backendId) {
        Accuracy known = DOCUMENTED.get(backendId);
        return known != null ? known : new Accuracy(backendId, n -> n + 2.0, n -> n + 2.0,
                (n, s, v) -> (n + 2.0) * U * s.logs());
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

package dev.xent;

import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * The accuracy a backend promises for its three measures, stated once, in code: the verification
 * kit asserts these bounds against a high-precision oracle, {@link Backends} ranks backends by
 * them, and the documentation prints {@link #toString()}.
 *
 * <h2>The bounds</h2>
 * Symbols: n the number of events, u = 2<sup>−53</sup> the unit roundoff of a double, ulp(v) the
 * spacing of doubles at v (ulp(v) &gt; u·|v|, so a relative error of r·u is at most r ulps).
 * <pre>
 *   |H(P) computed − H(P)|         ≤ (a_H + b_H·n) · ulp(H(P))
 *   |H(P,Q) computed − H(P,Q)|     ≤ (a_X + b_X·n) · ulp(H(P,Q))
 *   |KL computed − KL(P‖Q)|        ≤ (a_K + b_K·n) · u · S  +  c_K · ulp(KL)  +  n · u² · S
 *      S = Σ |p_i ln(p_i/q_i)|                (scale {@link KlScale#TERMS}), or
 *      S = Σ p_i (|ln p_i| + |ln q_i|)         (scale {@link KlScale#LOGS})
 * </pre>
 * H(P) and H(P,Q) have terms of one sign, so their error is relative: a count of ulps, constant
 * for an accurate sum, growing with n for plain summation. KL's terms have both signs and cancel
 * when P ≈ Q, so its error is absolute, in units of u times the size of what was summed; the last,
 * second-order term n·u²·S belongs to every compensated summation and is negligible below
 * n ≈ 2<sup>40</sup>. Terms with p<sub>i</sub> = 0 contribute nothing to S.
 *
 * <h2>The default</h2>
 * {@link #FORMULAS_AS_WRITTEN} is the accuracy of each sum evaluated left to right with a
 * correctly rounded logarithm (within 1 ulp): (n + 2) ulps for H(P) and H(P,Q) and
 * (n + 2)·u·Σ p(|ln p| + |ln q|) for KL written as Σ p(ln p − ln q). A backend that does not
 * override {@link InformationMeasures#accuracy()} promises that much, which any careful
 * implementation of the formulas reaches.
 *
 * <p>Immutable and thread-safe; equal when all coefficients are equal.
 */
public final class Accuracy {

    /** The unit roundoff u = 2<sup>−53</sup> of IEEE double precision. */
    public static final double UNIT_ROUNDOFF = 0x1p-53;

    /**
     * The number of events at which {@link #MOST_ACCURATE_FIRST} compares bounds that grow with n.
     */
    public static final int REFERENCE_EVENTS = 1000;

    /** The formulas as written, summed left to right: see the class documentation. */
    public static final Accuracy FORMULAS_AS_WRITTEN = new Accuracy(Ulps.growing(2, 1),
            Ulps.growing(2, 1), new KlBound(Ulps.growing(2, 1), KlScale.LOGS, 0));

    /**
     * Most accurate first: by the H(P,Q) bound at {@value #REFERENCE_EVENTS} events (the measure
     * the loss layer uses), then H(P)'s, then KL's coefficient of u·S there, then KL's scale
     * ({@link KlScale#TERMS} before {@link KlScale#LOGS}, since Σ|p ln(p/q)| ≤ Σ p(|ln p| + |ln q|)),
     * then KL's ulps of the result.
     */
    public static final Comparator<Accuracy> MOST_ACCURATE_FIRST =
            Comparator.<Accuracy>comparingDouble(a -> a.crossEntropy.at(REFERENCE_EVENTS))
                    .thenComparingDouble(a -> a.entropy.at(REFERENCE_EVENTS))
                    .thenComparingDouble(a -> a.kl.coefficient().at(REFERENCE_EVENTS))
                    .thenComparing(a -> a.kl.scale())
                    .thenComparingDouble(a -> a.kl.resultUlps());

    private final Ulps entropy;
    private final Ulps crossEntropy;
    private final KlBound kl;

    private Accuracy(Ulps entropy, Ulps crossEntropy, KlBound kl) {
        this.entropy = Objects.requireNonNull(entropy, "entropy");
        this.crossEntropy = Objects.requireNonNull(crossEntropy, "crossEntropy");
        this.kl = Objects.requireNonNull(kl, "kl");
    }

    /**
     * An accuracy from its three bounds.
     *
     * @param entropy H(P)'s bound in ulps of the true value
     * @param crossEntropy H(P,Q)'s bound in ulps of the true value
     * @param kl KL(P‖Q)'s absolute bound
     * @return the accuracy
     */
    public static Accuracy of(Ulps entropy, Ulps crossEntropy, KlBound kl) {
        return new Accuracy(entropy, crossEntropy, kl);
    }

    /**
     * H(P)'s bound, in ulps of the true value.
     *
     * @return a + b·n ulps
     */
    public Ulps entropy() {
        return entropy;
    }

    /**
     * H(P,Q)'s bound, in ulps of the true value.
     *
     * @return a + b·n ulps
     */
    public Ulps crossEntropy() {
        return crossEntropy;
    }

    /**
     * KL(P‖Q)'s absolute bound.
     *
     * @return the bound
     */
    public KlBound kl() {
        return kl;
    }

    /**
     * The largest allowed |error| of H(P).
     *
     * @param n the number of events
     * @param value the true value (or one within a few ulps of it)
     * @return (a + b·n)·ulp(value)
     */
    public double entropyBound(int n, double value) {
        return entropy.at(n) * Math.ulp(value);
    }

    /**
     * The largest allowed |error| of H(P,Q).
     *
     * @param n the number of events
     * @param value the true value (or one within a few ulps of it)
     * @return (a + b·n)·ulp(value)
     */
    public double crossEntropyBound(int n, double value) {
        return crossEntropy.at(n) * Math.ulp(value);
    }

    /**
     * The largest allowed |error| of KL(P‖Q).
     *
     * @param n the number of events
     * @param terms Σ|p<sub>i</sub> ln(p<sub>i</sub>/q<sub>i</sub>)| over the terms with
     *     p<sub>i</sub> &gt; 0
     * @param logs Σ p<sub>i</sub>(|ln p<sub>i</sub>| + |ln q<sub>i</sub>|) over the same terms
     * @param value the true KL (or one within a few ulps of it)
     * @return the bound of the class documentation
     */
    public double klBound(int n, double terms, double logs, double value) {
        double s = kl.scale() == KlScale.TERMS ? terms : logs;
        return kl.coefficient().at(n) * UNIT_ROUNDOFF * s + kl.resultUlps() * Math.ulp(value)
                + n * UNIT_ROUNDOFF * UNIT_ROUNDOFF * s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Accuracy && ((Accuracy) o).entropy.equals(entropy)
                && ((Accuracy) o).crossEntropy.equals(crossEntropy) && ((Accuracy) o).kl.equals(kl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entropy, crossEntropy, kl);
    }

    /**
     * The three bounds as one line, the form the documentation tables print, e.g.
     * {@code H(P) 4 ulps; H(P,Q) 4 ulps; KL(P‖Q) 4·u·Σ|p ln(p/q)| + 2 ulps}.
     */
    @Override
    public String toString() {
        return "H(P) " + entropy + "; H(P,Q) " + crossEntropy + "; KL(P‖Q) " + kl;
    }

    /**
     * A count of ulps a + b·n: constant when b = 0, growing with the number of events n otherwise.
     *
     * @param constant a ≥ 0
     * @param perEvent b ≥ 0
     */
    public record Ulps(double constant, double perEvent) {

        /**
         * Checks the coefficients.
         *
         * @param constant a ≥ 0
         * @param perEvent b ≥ 0
         * @throws IllegalArgumentException if either is NaN, negative or infinite
         */
        public Ulps {
            requireCoefficient("constant", constant);
            requireCoefficient("perEvent", perEvent);
        }

        /**
         * A bound independent of n.
         *
         * @param ulps a
         * @return a ulps
         */
        public static Ulps constant(double ulps) {
            return new Ulps(ulps, 0.0);
        }

        /**
         * A bound growing with n: b·(n + a/b), written as a + b·n.
         *
         * @param constant a
         * @param perEvent b
         * @return a + b·n ulps
         */
        public static Ulps growing(double constant, double perEvent) {
            return new Ulps(constant, perEvent);
        }

        /**
         * The bound at n events.
         *
         * @param n the number of events
         * @return a + b·n
         */
        public double at(int n) {
            return constant + perEvent * n;
        }

        /** E.g. {@code 4 ulps}, {@code (n + 2) ulps}, {@code 3(n + 2) ulps}. */
        @Override
        public String toString() {
            return Accuracy.format(constant, perEvent) + " ulps";
        }
    }

    /**
     * What KL's absolute bound is measured against (the S of the class documentation).
     */
    public enum KlScale {
        /** S = Σ|p<sub>i</sub> ln(p<sub>i</sub>/q<sub>i</sub>)|: the terms as a careful log-ratio gives them. */
        TERMS("Σ|p ln(p/q)|"),
        /**
         * S = Σ p<sub>i</sub>(|ln p<sub>i</sub>| + |ln q<sub>i</sub>|): the size of the two
         * logarithms whose difference is taken (KL written as Σ p(ln p − ln q)).
         */
        LOGS("Σ p(|ln p| + |ln q|)");

        private final String formula;

        KlScale(String formula) {
            this.formula = formula;
        }

        /**
         * The scale as a formula.
         *
         * @return e.g. {@code Σ|p ln(p/q)|}
         */
        public String formula() {
            return formula;
        }
    }

    /**
     * KL's absolute bound (a + b·n)·u·S + c·ulp(KL) (plus the second-order n·u²·S).
     *
     * @param coefficient a + b·n, the multiple of u·S
     * @param scale which S
     * @param resultUlps c ≥ 0, ulps of the result (the rounding of the final operations)
     */
    public record KlBound(Ulps coefficient, KlScale scale, double resultUlps) {

        /**
         * Checks the parts.
         *
         * @param coefficient a + b·n
         * @param scale which S
         * @param resultUlps c ≥ 0
         * @throws IllegalArgumentException if c is NaN, negative or infinite
         * @throws NullPointerException if a part is null
         */
        public KlBound {
            Objects.requireNonNull(coefficient, "coefficient");
            Objects.requireNonNull(scale, "scale");
            requireCoefficient("resultUlps", resultUlps);
        }

        /** E.g. {@code 4·u·Σ|p ln(p/q)| + 2 ulps}, {@code (n + 2)·u·Σ p(|ln p| + |ln q|)}. */
        @Override
        public String toString() {
            String s = Accuracy.format(coefficient.constant(), coefficient.perEvent()) + "·u·"
                    + scale.formula();
            return resultUlps == 0.0 ? s : s + " + " + Accuracy.number(resultUlps) + " ulps";
        }
    }

    private static void requireCoefficient(String name, double v) {
        if (!(v >= 0.0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "an accuracy coefficient must be finite and >= 0; %s is %s", name, v));
        }
    }

    /** a + b·n as people write it: {@code 4}, {@code (n + 2)}, {@code 3(n + 2)}, {@code (2n + 1)}. */
    private static String format(double a, double b) {
        if (b == 0.0) {
            return number(a);
        }
        if (a == 0.0) {
            return b == 1.0 ? "n" : number(b) + "n";
        }
        double inner = a / b;
        if (b != 1.0 && inner == Math.rint(inner)) {
            return number(b) + "(n + " + number(inner) + ")";
        }
        return "(" + (b == 1.0 ? "" : number(b)) + "n + " + number(a) + ")";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : Double.toString(v);
    }
}

package dev.xent.naive;

import dev.xent.Accuracy;
import dev.xent.Accuracy.KlBound;
import dev.xent.Accuracy.KlScale;
import dev.xent.Accuracy.Ulps;
import dev.xent.InformationMeasures;

/**
 * The backend {@code naive}: each measure exactly as its formula reads, one loop each — the version
 * a student reads first.
 *
 * <pre>
 *   H(P)    = −Σ p_i ln p_i                 (terms with p_i = 0 skipped: 0·ln 0 = 0)
 *   H(P,Q)  = −Σ p_i ln q_i                 (ln 0 = −∞ gives +∞ when p_i &gt; 0 = q_i)
 *   KL(P‖Q) =  Σ p_i ln(p_i / q_i)          (as the formula reads, where ρ = p_i / q_i is a
 *                                            normal finite double, with the quotient's rounding
 *                                            put back: ln ρ + (p_i − ρ·q_i) / p_i; ln p_i − ln q_i
 *                                            where ρ would overflow or fall below 2^−1022)
 * </pre>
 * with {@link Math#log} and plain left-to-right summation.
 *
 * <p><b>Why the correction.</b> The logarithm of the <em>rounded</em> quotient has an absolute
 * error of up to u = 2<sup>−53</sup> however small ln(p/q) is: on P = (½, ½),
 * Q = (½ + 2<sup>−30</sup>, ½ − 2<sup>−30</sup>), whose KL is 1.7347234759768071e-18 (mpmath), both
 * Σ p ln(fl(p/q)) and Σ p(ln p − ln q) come out 0 (the information sits in the last bits of the
 * quotient, which rounding discards). The remainder p − ρq of the division is exactly
 * representable and one {@link Math#fma} computes it; ln(p/q) = ln ρ + ln(1 + e) with
 * e = (p − ρq)/(ρq), |e| ≤ u, and (p − ρq)/p = e/(1 + e) = ln(1 + e) + O(e²). Until 2026-12
 * this backend took ln p − ln q everywhere, whose absolute error u·Σ p(|ln p| + |ln q|) is of the
 * size of H(P).
 *
 * <p><b>Accuracy.</b> {@code Math.log} is within 1 ulp; plain summation of n terms adds up to
 * (n − 1)·2<sup>−53</sup> relative error in the worst case (about √n·2<sup>−53</sup> typically).
 * For H(P) and H(P,Q) every term has the same sign, so the relative error is bounded by about
 * (n + 2)·2<sup>−53</sup>. KL's terms t<sub>i</sub> = p<sub>i</sub> ln(p<sub>i</sub>/q<sub>i</sub>)
 * have mixed signs and cancel when P ≈ Q, so its bound is absolute, in units of u·Σ|t<sub>i</sub>|:
 * ln ρ within 1 ulp (≤ 2u|ln ρ|), the correction's and the addition's roundings, the product's
 * (u each: about 4u·|t<sub>i</sub>|), the dropped O(e²) ≤ p<sub>i</sub>u²/2 (at most
 * u·|t<sub>i</sub>|/2, since distinct doubles p ≠ q have |ln(p/q)| ≥ u(1 − u)); where the
 * difference ln p − ln q is taken, |ln(p/q)| &gt; 708 while |ln p| + |ln q| ≤ 1490, so its two
 * logarithms and the subtraction cost at most 6.3u·|t<sub>i</sub>|; the sum adds
 * (n − 1)u·Σ|t<sub>i</sub>|. In all |error| ≤ (n + 8)·u·Σ|p<sub>i</sub> ln(p<sub>i</sub>/q<sub>i</sub>)|,
 * about the {@code kl} backend's bound; {@code commons} and {@code vector} sum more accurately.
 * A KL that rounding pushes below zero is reported as 0. The promise, as {@link #accuracy()}
 * declares it and the verification kit asserts it (u = 2<sup>−53</sup>):
 * {@code H(P) (n + 2) ulps; H(P,Q) (n + 2) ulps; KL(P‖Q) (n + 8)·u·Σ|p ln(p/q)|}.
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
public final class NaiveMeasures implements InformationMeasures {

    /** Creates the backend; the service loader calls this. */
    public NaiveMeasures() {
    }

    @Override
    public String id() {
        return "naive";
    }

    @Override
    public String description() {
        return "the direct sums, exactly as the formulas read (Math.log, plain summation)";
    }

    /** H(P), H(P,Q) (n + 2) ulps; KL (n + 8)·u·Σ|p ln(p/q)| (see the class documentation). */
    private static final Accuracy ACCURACY = Accuracy.of(Ulps.growing(2, 1), Ulps.growing(2, 1),
            new KlBound(Ulps.growing(8, 1), KlScale.TERMS, 0));

    /**
     * H(P) and H(P,Q) within (n + 2) ulps, as {@link Accuracy#FORMULAS_AS_WRITTEN}; KL within
     * (n + 8)·2<sup>−53</sup>·Σ|p ln(p/q)|, derived in the class documentation.
     *
     * @return the declared bounds
     */
    @Override
    public Accuracy accuracy() {
        return ACCURACY;
    }

    /**
     * 1: one {@link Math#log} and one multiply-add per event, the reference loop itself
     * ({@code bench/RESULTS.md}: 1.00 for H(P,Q) at n = 10<sup>6</sup>).
     *
     * @return 1
     */
    @Override
    public double relativeCost() {
        return 1.0;
    }

    /**
     * H(P) = −Σ p<sub>i</sub> ln p<sub>i</sub>, skipping p<sub>i</sub> = 0.
     *
     * @param p the probabilities
     * @return H(P) in nats
     */
    @Override
    public double entropyNats(double[] p) {
        double h = 0.0;
        for (double pi : p) {
            if (pi > 0.0) {
                h -= pi * Math.log(pi);
            }
        }
        return h;
    }

    /**
     * H(P,Q) = −Σ p<sub>i</sub> ln q<sub>i</sub>, skipping p<sub>i</sub> = 0.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return H(P,Q) in nats, +∞ when some q<sub>i</sub> = 0 &lt; p<sub>i</sub>
     */
    @Override
    public double crossEntropyNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        double h = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                h -= p[i] * Math.log(q[i]);
            }
        }
        return h;
    }

    /**
     * KL(P‖Q) = Σ p<sub>i</sub> ln(p<sub>i</sub>/q<sub>i</sub>), skipping p<sub>i</sub> = 0: ln ρ
     * plus the quotient's rounding where ρ = p<sub>i</sub>/q<sub>i</sub> is a normal finite double,
     * ln p<sub>i</sub> − ln q<sub>i</sub> otherwise; reported as 0 if rounding makes it negative.
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return KL(P‖Q) in nats, +∞ when some q<sub>i</sub> = 0 &lt; p<sub>i</sub>
     */
    @Override
    public double klDivergenceNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        double kl = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                double ratio = p[i] / q[i];
                kl += p[i] * (ratio >= Double.MIN_NORMAL && ratio < Double.POSITIVE_INFINITY
                        ? Math.log(ratio) + Math.fma(-ratio, q[i], p[i]) / p[i]
                        : Math.log(p[i]) - Math.log(q[i]));
            }
        }
        return Math.max(0.0, kl);
    }
}

package dev.xent.kl;

import dev.xent.Accuracy;
import dev.xent.Accuracy.KlBound;
import dev.xent.Accuracy.KlScale;
import dev.xent.Accuracy.Ulps;
import dev.xent.InformationMeasures;

/**
 * The backend {@code kl}: cross-entropy computed through its decomposition
 * <pre>
 *   H(P, Q) = H(P) + KL(P‖Q)
 * </pre>
 * — "the bits you cannot avoid plus the extra bits Q's code costs" — with the divergence computed
 * directly and carefully, term by term:
 * <pre>
 *   KL(P‖Q) = Σ p_i · r(p_i, q_i),   r(p, q) = ln(p / q), evaluated as
 *     log1p((p − q) / q)   when q/2 ≤ p ≤ 2q  (p − q is then exact, by Sterbenz' lemma, and
 *                                             log1p keeps every digit of a ratio near 1)
 *     ln(p / q)            when p / q is a normal, finite double
 *     ln p − ln q          otherwise (p / q would overflow to ∞ or underflow into subnormals)
 * </pre>
 * Terms with p<sub>i</sub> = 0 are 0, q<sub>i</sub> = 0 &lt; p<sub>i</sub> gives +∞, and a sum
 * that rounding pushes below zero is reported as 0. H(P) = −Σ p<sub>i</sub> ln p<sub>i</sub> by
 * plain summation.
 *
 * <p><b>Accuracy.</b> Each log-ratio is within about 2 ulps of the true ln(p/q) (one rounding of
 * the quotient, one of the logarithm), so each KL term has a small <em>relative</em> error even
 * when p ≈ q — the case where {@code naive}'s difference of logarithms loses everything. The plain
 * sums add up to (n − 1)·2<sup>−53</sup> of Σ|terms|. The promise, which the verification kit
 * asserts against a 60-digit oracle: H(P) within (n + 2) ulps; KL(P‖Q) within an absolute
 * (n + 4)·2<sup>−53</sup>·Σ|p<sub>i</sub> ln(p<sub>i</sub>/q<sub>i</sub>)|; and, since
 * Σ|p ln(p/q)| ≤ H(P) + H(P,Q), H(P,Q) = H(P) + KL(P‖Q) within 3(n + 2) ulps in total — the price
 * of computing two sums and adding them, compared with one direct sum. As {@link #accuracy()}
 * declares it (u = 2<sup>−53</sup>):
 * {@code H(P) (n + 2) ulps; H(P,Q) 3(n + 2) ulps; KL(P‖Q) (n + 4)·u·Σ|p ln(p/q)|}.
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
public final class DecompositionMeasures implements InformationMeasures {

    /** Creates the backend; the service loader calls this. */
    public DecompositionMeasures() {
    }

    @Override
    public String id() {
        return "kl";
    }

    @Override
    public String description() {
        return "cross-entropy as H(P) + KL(P||Q), KL term by term with log1p near p = q";
    }

    /** H(P) (n + 2) ulps; H(P,Q) 3(n + 2) ulps; KL (n + 4)·u·Σ|p ln(p/q)| (see the class documentation). */
    private static final Accuracy ACCURACY = Accuracy.of(Ulps.growing(2, 1), Ulps.growing(6, 3),
            new KlBound(Ulps.growing(4, 1), KlScale.TERMS, 0));

    /**
     * H(P) within (n + 2) ulps, H(P,Q) within 3(n + 2) ulps, KL(P‖Q) within
     * (n + 4)·2<sup>−53</sup>·Σ|p ln(p/q)|, derived in the class documentation.
     *
     * @return the declared bounds
     */
    @Override
    public Accuracy accuracy() {
        return ACCURACY;
    }

    /**
     * 3.7: H(P) and KL are two passes with a division and a log-ratio per event
     * ({@code bench/RESULTS.md}, H(P,Q) at n = 10<sup>6</sup>).
     *
     * @return 3.7
     */
    @Override
    public double relativeCost() {
        return 3.7;
    }

    /**
     * H(P) = −Σ p<sub>i</sub> ln p<sub>i</sub>, skipping p<sub>i</sub> = 0, plain summation.
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
     * H(P,Q) computed as H(P) + KL(P‖Q).
     *
     * @param p the probabilities of P
     * @param q the probabilities of Q
     * @return H(P,Q) in nats, +∞ when some q<sub>i</sub> = 0 &lt; p<sub>i</sub>
     */
    @Override
    public double crossEntropyNats(double[] p, double[] q) {
        double kl = klDivergenceNats(p, q);
        return kl == Double.POSITIVE_INFINITY ? kl : entropyNats(p) + kl;
    }

    /**
     * KL(P‖Q) = Σ p<sub>i</sub> r(p<sub>i</sub>, q<sub>i</sub>) with the careful log-ratio of the
     * class documentation, reported as 0 if rounding makes it negative.
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
            double pi = p[i];
            if (pi > 0.0) {
                double qi = q[i];
                if (qi == 0.0) {
                    return Double.POSITIVE_INFINITY;
                }
                kl += pi * logRatio(pi, qi);
            }
        }
        return Math.max(0.0, kl);
    }

    /** ln(p / q) for p, q &gt; 0, in the form that keeps the most digits (see the class doc). */
    static double logRatio(double p, double q) {
        if (p >= 0.5 * q && p <= 2.0 * q) {
            return Math.log1p((p - q) / q);
        }
        double ratio = p / q;
        if (ratio >= Double.MIN_NORMAL && ratio < Double.POSITIVE_INFINITY) {
            return Math.log(ratio);
        }
        return Math.log(p) - Math.log(q);
    }
}

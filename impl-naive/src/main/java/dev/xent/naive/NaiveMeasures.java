package dev.xent.naive;

import dev.xent.Accuracy;
import dev.xent.InformationMeasures;

/**
 * The backend {@code naive}: each measure exactly as its formula reads, one loop each — the version
 * a student reads first.
 *
 * <pre>
 *   H(P)    = −Σ p_i ln p_i                 (terms with p_i = 0 skipped: 0·ln 0 = 0)
 *   H(P,Q)  = −Σ p_i ln q_i                 (ln 0 = −∞ gives +∞ when p_i &gt; 0 = q_i)
 *   KL(P‖Q) =  Σ p_i (ln p_i − ln q_i)      (the log of the quotient written as a difference,
 *                                            so that p_i / q_i can never overflow)
 * </pre>
 * with {@link Math#log} and plain left-to-right summation.
 *
 * <p><b>Accuracy.</b> {@code Math.log} is within 1 ulp; plain summation of n terms adds up to
 * (n − 1)·2<sup>−53</sup> relative error in the worst case (about √n·2<sup>−53</sup> typically).
 * For H(P) and H(P,Q) every term has the same sign, so the relative error is bounded by about
 * (n + 2)·2<sup>−53</sup>. KL's terms have mixed signs and the difference of logarithms cancels when
 * p<sub>i</sub> ≈ q<sub>i</sub>: the <em>absolute</em> error is about
 * (n + 2)·2<sup>−53</sup>·Σ p<sub>i</sub>(|ln p<sub>i</sub>| + |ln q<sub>i</sub>|), which can be large
 * relative to a tiny KL. The {@code kl} and {@code commons} backends show how to do better.
 * A KL that rounding pushes below zero is reported as 0. The promise, as {@link #accuracy()}
 * declares it and the verification kit asserts it (u = 2<sup>−53</sup>):
 * {@code H(P) (n + 2) ulps; H(P,Q) (n + 2) ulps; KL(P‖Q) (n + 2)·u·Σ p(|ln p| + |ln q|)}.
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

    /**
     * The formulas as written: {@link Accuracy#FORMULAS_AS_WRITTEN}, H(P) and H(P,Q) within
     * (n + 2) ulps, KL within (n + 2)·2<sup>−53</sup>·Σ p(|ln p| + |ln q|).
     *
     * @return {@link Accuracy#FORMULAS_AS_WRITTEN}
     */
    @Override
    public Accuracy accuracy() {
        return Accuracy.FORMULAS_AS_WRITTEN;
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
     * KL(P‖Q) = Σ p<sub>i</sub> (ln p<sub>i</sub> − ln q<sub>i</sub>), skipping p<sub>i</sub> = 0,
     * reported as 0 if rounding makes it negative.
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
                kl += p[i] * (Math.log(p[i]) - Math.log(q[i]));
            }
        }
        return Math.max(0.0, kl);
    }
}

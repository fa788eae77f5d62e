package dev.xent.verification.wrong;

import dev.xent.InformationMeasures;

/**
 * A deliberately wrong backend: its "KL" is the symmetrised ½(KL(P‖Q) + KL(Q‖P)) (a Jeffreys-type
 * divergence), and its cross-entropy H(P) + that. It honours Gibbs' inequality, KL(P‖P) = 0 and the
 * decomposition, so only the asymmetry property (and the oracle) can tell. Never registered for
 * discovery; {@code KitCatchesWrongBackendsTest} proves the kit catches it.
 */
public final class SymmetricKl implements InformationMeasures {

    /** Creates the wrong backend. */
    public SymmetricKl() {
    }

    @Override
    public String id() {
        return "symmetric-kl";
    }

    @Override
    public String description() {
        return "WRONG on purpose: KL(P||Q) = KL(Q||P) = their mean";
    }

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

    @Override
    public double crossEntropyNats(double[] p, double[] q) {
        double kl = klDivergenceNats(p, q);
        return kl == Double.POSITIVE_INFINITY ? kl : entropyNats(p) + kl;
    }

    @Override
    public double klDivergenceNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        return 0.5 * (directed(p, q) + directed(q, p));
    }

    private static double directed(double[] p, double[] q) {
        double kl = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                kl += q[i] == 0.0 ? Double.POSITIVE_INFINITY : p[i] * Math.log(p[i] / q[i]);
            }
        }
        return Math.max(0.0, kl);
    }
}

package dev.xent.verification.wrong;

import dev.xent.InformationMeasures;

/**
 * A deliberately wrong backend: the formulas without the convention 0·ln 0 = 0, so any zero
 * probability makes 0·(−∞) = NaN. Never registered for discovery (no services file, no
 * {@code provides}); {@code KitCatchesWrongBackendsTest} proves the kit catches it.
 */
public final class ForgetsZeroLogZero implements InformationMeasures {

    /** Creates the wrong backend. */
    public ForgetsZeroLogZero() {
    }

    @Override
    public String id() {
        return "forgets-0log0";
    }

    @Override
    public String description() {
        return "WRONG on purpose: evaluates 0 * ln 0 instead of taking it as 0";
    }

    @Override
    public double entropyNats(double[] p) {
        double h = 0.0;
        for (double pi : p) {
            h -= pi * Math.log(pi);
        }
        return h;
    }

    @Override
    public double crossEntropyNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        double h = 0.0;
        for (int i = 0; i < p.length; i++) {
            h -= p[i] * Math.log(q[i]);
        }
        return h;
    }

    @Override
    public double klDivergenceNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        double kl = 0.0;
        for (int i = 0; i < p.length; i++) {
            kl += p[i] * (Math.log(p[i]) - Math.log(q[i]));
        }
        return kl;
    }
}

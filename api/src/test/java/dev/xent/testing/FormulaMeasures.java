package dev.xent.testing;

import dev.xent.InformationMeasures;

/**
 * A test stand-in backend for the api's own tests (which have no real backend on the class path):
 * each measure as the textbook loop, Σ with plain summation and {@link Math#log}. Not registered
 * for discovery. The loss tests that must hold for every real backend live in the verification
 * kit ({@code dev.xent.verification.InformationMeasuresVerification}).
 */
public final class FormulaMeasures implements InformationMeasures {

    @Override
    public String id() {
        return "formula";
    }

    @Override
    public String description() {
        return "test stand-in: the formulas as loops";
    }

    @Override
    public double entropyNats(double[] p) {
        return crossEntropyNats(p, p);
    }

    @Override
    public double crossEntropyNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        double s = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                s -= p[i] * Math.log(q[i]);
            }
        }
        return s;
    }

    @Override
    public double klDivergenceNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        double s = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                s += p[i] * (Math.log(p[i]) - Math.log(q[i]));
            }
        }
        return Math.max(0.0, s);
    }
}

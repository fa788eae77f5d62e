package org.example.demo;

import dev.xent.InformationMeasures;

/**
 * The backend 'demo': the three sums as written, with {@link Math#log} and plain summation. It
 * declares no accuracy of its own, so it promises the default, {@code Accuracy.FORMULAS_AS_WRITTEN}.
 *
 * <p>For the demonstration only: run with {@code -Ddemo.broken=true} and it forgets its {@code p > 0}
 * tests, so 0·ln 0 becomes NaN, which the verification kit must catch.
 */
public final class DemoMeasures implements InformationMeasures {

    private static final boolean BROKEN = Boolean.getBoolean("demo.broken");

    /** The backend; ServiceLoader calls this. */
    public DemoMeasures() {
    }

    @Override
    public String id() {
        return "demo";
    }

    @Override
    public String description() {
        return "a third party's backend: the sums as written";
    }

    @Override
    public double entropyNats(double[] p) {
        double h = 0.0;
        for (double pi : p) {
            if (pi > 0.0 || BROKEN) {
                h -= pi * Math.log(pi);
            }
        }
        return h;
    }

    @Override
    public double crossEntropyNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        double h = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0 || BROKEN) {
                h -= p[i] * Math.log(q[i]);
            }
        }
        return h;
    }

    @Override
    public double klDivergenceNats(double[] p, double[] q) {
        InformationMeasures.requireSameLength(p, q);
        double kl = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0 || BROKEN) {
                kl += p[i] * (Math.log(p[i]) - Math.log(q[i]));
            }
        }
        return Math.max(0.0, kl);
    }
}

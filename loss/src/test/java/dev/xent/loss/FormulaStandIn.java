package dev.xent.loss;

import dev.xent.InformationMeasures;
import dev.xent.testing.FormulaMeasures;

/**
 * A backend for tests that computes the three measures by the formulas ({@link FormulaMeasures})
 * under an id and a description of its own; subclasses override the bulk operations they watch.
 */
class FormulaStandIn implements InformationMeasures {

    private static final FormulaMeasures FORMULAS = new FormulaMeasures();

    private final String id;
    private final String description;

    FormulaStandIn(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public double entropyNats(double[] p) {
        return FORMULAS.entropyNats(p);
    }

    @Override
    public double crossEntropyNats(double[] p, double[] q) {
        return FORMULAS.crossEntropyNats(p, q);
    }

    @Override
    public double klDivergenceNats(double[] p, double[] q) {
        return FORMULAS.klDivergenceNats(p, q);
    }
}

package dev.xent.kl;

import dev.xent.InformationMeasures;
import dev.xent.testing.BackendContract;

/**
 * The backend 'kl' alone with the api: the tutorial's numbers, the conventions, discovery.
 * Every test and every assertion is inherited from {@link BackendContract}; this class only says
 * which backend it runs against.
 */
class DecompositionMeasuresTest extends BackendContract {

    @Override
    protected InformationMeasures backend() {
        return new DecompositionMeasures();
    }

    @Override
    protected String expectedId() {
        return "kl";
    }
}

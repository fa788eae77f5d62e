package dev.xent.naive;

import dev.xent.InformationMeasures;
import dev.xent.testing.BackendContract;

/**
 * The backend 'naive' alone with the api: the tutorial's numbers, the conventions, discovery.
 * Every test and every assertion is inherited from {@link BackendContract}; this class only says
 * which backend it runs against.
 */
class NaiveMeasuresTest extends BackendContract {

    @Override
    protected InformationMeasures backend() {
        return new NaiveMeasures();
    }

    @Override
    protected String expectedId() {
        return "naive";
    }
}

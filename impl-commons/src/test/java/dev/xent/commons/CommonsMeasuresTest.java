package dev.xent.commons;

import dev.xent.InformationMeasures;
import dev.xent.testing.BackendContract;

/**
 * The backend 'commons' alone with the api: the tutorial's numbers, the conventions, discovery.
 * Every test and every assertion is inherited from {@link BackendContract}; this class only says
 * which backend it runs against.
 */
class CommonsMeasuresTest extends BackendContract {

    @Override
    protected InformationMeasures backend() {
        return new CommonsMeasures();
    }

    @Override
    protected String expectedId() {
        return "commons";
    }
}

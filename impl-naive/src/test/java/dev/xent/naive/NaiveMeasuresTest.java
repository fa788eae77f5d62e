package dev.xent.naive;

import dev.xent.InformationMeasures;
import dev.xent.testing.BackendContract;

/** The backend 'naive' alone with the api: the tutorial's numbers, the conventions, discovery. */
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

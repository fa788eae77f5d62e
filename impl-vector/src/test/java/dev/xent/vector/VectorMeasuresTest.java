package dev.xent.vector;

import dev.xent.InformationMeasures;
import dev.xent.testing.BackendContract;

/**
 * The backend 'vector' alone with the api, in a JVM started with --add-modules jdk.incubator.vector:
 * the tutorial's numbers, the conventions, discovery. Every test and every assertion is inherited
 * from {@link BackendContract}; this class only says which backend it runs against.
 */
class VectorMeasuresTest extends BackendContract {

    @Override
    protected InformationMeasures backend() {
        return new VectorMeasures();
    }

    @Override
    protected String expectedId() {
        return "vector";
    }
}

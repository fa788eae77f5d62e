package dev.xent.vector;

import dev.xent.InformationMeasures;
import dev.xent.verification.InformationMeasuresVerification;

/** The backend 'vector' against the compatibility kit, exactly as a third party's backend would be. */
class VectorMeasuresVerificationTest extends InformationMeasuresVerification {

    @Override
    protected InformationMeasures backend() {
        return new VectorMeasures();
    }
}

package dev.xent.naive;

import dev.xent.InformationMeasures;
import dev.xent.verification.InformationMeasuresVerification;

/** The backend 'naive' against the compatibility kit, exactly as a third party's backend would be. */
class NaiveMeasuresVerificationTest extends InformationMeasuresVerification {

    @Override
    protected InformationMeasures backend() {
        return new NaiveMeasures();
    }
}

package dev.xent.commons;

import dev.xent.InformationMeasures;
import dev.xent.verification.InformationMeasuresVerification;

/** The backend 'commons' against the compatibility kit, exactly as a third party's backend would be. */
class CommonsMeasuresVerificationTest extends InformationMeasuresVerification {

    @Override
    protected InformationMeasures backend() {
        return new CommonsMeasures();
    }
}

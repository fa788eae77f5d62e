package dev.xent.kl;

import dev.xent.InformationMeasures;
import dev.xent.verification.InformationMeasuresVerification;

/** The backend 'kl' against the compatibility kit, exactly as a third party's backend would be. */
class DecompositionMeasuresVerificationTest extends InformationMeasuresVerification {

    @Override
    protected InformationMeasures backend() {
        return new DecompositionMeasures();
    }
}

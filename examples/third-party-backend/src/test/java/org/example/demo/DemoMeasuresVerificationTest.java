package org.example.demo;

// README:begin third-party-test
import dev.xent.InformationMeasures;
import dev.xent.verification.InformationMeasuresVerification;

class DemoMeasuresVerificationTest extends InformationMeasuresVerification {

    @Override
    protected InformationMeasures backend() {
        return new DemoMeasures();
    }
}
// README:end third-party-test

package dev.xent.verification;

import dev.xent.InformationMeasures;
import dev.xent.verification.wrong.ForgetsZeroLogZero;

/**
 * The kit against the wrong backend {@link ForgetsZeroLogZero}, run by {@code KitCatchesWrongBackendsTest} through
 * the JUnit Platform launcher (its name does not end in Test, so Surefire never runs it directly; it sits in the
 * kit's exported package because JUnit, on the module path, may only reach exported ones).
 */
public class ForgetsZeroLogZeroVerification extends InformationMeasuresVerification {

    /** The kit against {@link ForgetsZeroLogZero}. */
    public ForgetsZeroLogZeroVerification() {
    }

    @Override
    protected InformationMeasures backend() {
        return new ForgetsZeroLogZero();
    }
}

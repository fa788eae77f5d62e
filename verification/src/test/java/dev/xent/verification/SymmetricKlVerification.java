package dev.xent.verification;

import dev.xent.InformationMeasures;
import dev.xent.verification.wrong.SymmetricKl;

/**
 * The kit against the wrong backend {@link SymmetricKl}, run by {@code KitCatchesWrongBackendsTest} through
 * the JUnit Platform launcher (its name does not end in Test, so Surefire never runs it directly; it sits in the
 * kit's exported package because JUnit, on the module path, may only reach exported ones).
 */
public class SymmetricKlVerification extends InformationMeasuresVerification {

    /** The kit against {@link SymmetricKl}. */
    public SymmetricKlVerification() {
    }

    @Override
    protected InformationMeasures backend() {
        return new SymmetricKl();
    }
}

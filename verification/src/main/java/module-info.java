/**
 * The compatibility kit of xent: {@link dev.xent.verification.InformationMeasuresVerification}, the
 * JUnit Jupiter tests that every backend of {@code dev.xent.InformationMeasures} must pass.
 */
// QuickTheories 0.26 has no module descriptor; its name 'quicktheories' comes from Automatic-Module-Name.
@SuppressWarnings("requires-automatic")
module dev.xent.verification {
    requires transitive dev.xent.api;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;
    requires quicktheories;

    exports dev.xent.verification;
}

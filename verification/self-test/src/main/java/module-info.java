/**
 * The compatibility kit as a named module, for the kit's own tests only: verification/self-test
 * compiles the kit's sources with this descriptor so that Surefire runs its tests on the module
 * path, patched into this module, where the bundled backends are found through their
 * {@code provides} clauses. The published jar {@code xent-verification} has no descriptor (it
 * requires QuickTheories, which has no module name of its own): on the module path it is the
 * automatic module {@code dev.xent.verification} (its manifest's Automatic-Module-Name).
 */
// QuickTheories 0.26 has no module descriptor and no Automatic-Module-Name: its name comes from the jar.
@SuppressWarnings("requires-automatic")
open module dev.xent.verification {
    requires transitive dev.xent.api;
    requires transitive dev.xent.loss;
    // for the kit's own tests, patched into this module: README's Gaussian example
    requires dev.xent.continuous;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;
    requires quicktheories;

    // no 'exports': nothing requires this test-only module, and an exporting module that requires
    // file-name-based automatic modules (QuickTheories) makes maven-compiler-plugin warn "don't publish"
}

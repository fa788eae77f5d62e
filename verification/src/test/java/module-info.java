/**
 * The verification kit as a test module: run by Surefire on the module path, so that backends are
 * found through their {@code provides} clauses (a second execution repeats discovery on the class
 * path, where only {@code META-INF/services} counts).
 *
 * <p>The {@code vector} backend is deliberately not required here: requiring it would make javac
 * resolve the incubating {@code jdk.incubator.vector} for the tests and print its mandatory warning.
 * Surefire puts it on the class path instead, where its {@code META-INF/services} entry registers it
 * (its {@code provides} clause is checked by impl-vector's own tests on the module path).
 */
// QuickTheories 0.26 has no module descriptor; its name 'quicktheories' comes from Automatic-Module-Name.
@SuppressWarnings("requires-automatic")
open module dev.xent.verification {
    requires dev.xent.api;
    requires dev.xent.loss;
    requires dev.xent.naive;
    requires dev.xent.kl;
    requires dev.xent.commons;
    requires dev.xent.continuous;
    requires org.junit.jupiter.api;
    requires org.assertj.core;
    requires quicktheories;
}

/**
 * The xent backend 'vector': entropy, cross-entropy and KL divergence on the JDK's incubating
 * Vector API, several doubles per instruction, with compensated lane-wise sums. It exports nothing
 * and only provides the service.
 *
 * <p>{@code requires static}: the module {@code jdk.incubator.vector} is needed to compile, but at
 * run time it is only present when the JVM is started with {@code --add-modules
 * jdk.incubator.vector}. A plain {@code requires} would resolve the incubating module (and print the
 * JVM's incubator warning) in every application that merely has xent on its module path; with
 * {@code requires static} the backend behaves the same on the module path and on the class path:
 * without the flag it loads, reports itself unavailable with the reason, and the other backends are
 * unaffected.
 */
module dev.xent.vector {
    requires dev.xent.api;
    requires static jdk.incubator.vector;

    provides dev.xent.InformationMeasures with dev.xent.vector.VectorMeasures;
}

package dev.xent.bench;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a library user gets who starts the JVM without flags: {@link Backends#defaultBackend()} in a
 * fork that has no {@code --add-modules jdk.incubator.vector} (so whichever backend the selection
 * rule picks there), on the same data and with the same methods as {@link MeasuresBenchmark}.
 * Compare it with {@link MathLogBaseline} (forked without flags too); which backend served is
 * printed by {@link DefaultBackendValues}, run the same way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DefaultBackendBenchmark {

    /** The number of events. */
    @Param({"10", "1000", "1000000", "10000000"})
    public int n;

    private InformationMeasures measures;
    private double[] p;
    private double[] q;

    /** Creates the state; JMH calls this. */
    public DefaultBackendBenchmark() {
    }

    /**
     * Loads the data and asks for the default backend, once per trial.
     *
     * @throws IllegalStateException if the JVM has the Vector API (the fork lost its JVM options,
     *     e.g. with {@code -f 0})
     */
    @Setup
    public void setUp() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            throw new IllegalStateException("this benchmark must run in a JVM without the Vector API");
        }
        measures = Backends.defaultBackend();
        p = BenchData.load("p", n);
        q = BenchData.load("q", n);
    }

    /**
     * H(P) with the default backend.
     *
     * @return the entropy in nats
     */
    @Benchmark
    public double entropy() {
        return measures.entropyNats(p);
    }

    /**
     * H(P, Q) with the default backend.
     *
     * @return the cross-entropy in nats
     */
    @Benchmark
    public double crossEntropy() {
        return measures.crossEntropyNats(p, q);
    }

    /**
     * KL(P‖Q) with the default backend.
     *
     * @return the divergence in nats
     */
    @Benchmark
    public double klDivergence() {
        return measures.klDivergenceNats(p, q);
    }
}

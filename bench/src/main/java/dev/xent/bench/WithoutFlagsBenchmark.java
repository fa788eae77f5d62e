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
 * {@link MeasuresBenchmark}'s measures with the default backend of a JVM started without flags —
 * no {@code --add-modules jdk.incubator.vector}, as most applications run — and every core, to set
 * beside {@link MathLogBaseline#mathLogLoop()} and numpy. The method names end in
 * {@code WithoutFlags} so that each result has its own key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WithoutFlagsBenchmark {

    /** {@code default}: whatever {@link Backends#defaultBackend()} picks in this JVM. */
    @Param({"default"})
    public String backend;

    /** The number of events. */
    @Param({"10", "1000", "1000000", "10000000"})
    public int n;

    private InformationMeasures measures;
    private double[] p;
    private double[] q;

    /** Creates the state; JMH calls this. */
    public WithoutFlagsBenchmark() {
    }

    /**
     * Loads the data and finds the backend, once per trial.
     *
     * @throws IllegalStateException if the JVM has the Vector API (the fork lost its JVM
     *     options, e.g. with {@code -f 0})
     */
    @Setup
    public void setUp() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            throw new IllegalStateException("this benchmark must run in a JVM without the Vector API");
        }
        measures = Backends.defaultBackend();
        System.out.println("# the default backend without flags: " + measures.id() + ", " + measures.description());
        p = BenchData.load("p", n);
        q = BenchData.load("q", n);
    }

    /**
     * H(P) with the default backend of a JVM started without flags.
     *
     * @return the entropy in nats
     */
    @Benchmark
    public double entropyWithoutFlags() {
        return measures.entropyNats(p);
    }

    /**
     * H(P, Q) with the default backend of a JVM started without flags.
     *
     * @return the cross-entropy in nats
     */
    @Benchmark
    public double crossEntropyWithoutFlags() {
        return measures.crossEntropyNats(p, q);
    }

    /**
     * KL(P‖Q) with the default backend of a JVM started without flags.
     *
     * @return the divergence in nats
     */
    @Benchmark
    public double klDivergenceWithoutFlags() {
        return measures.klDivergenceNats(p, q);
    }
}

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
 * {@link MeasuresBenchmark}'s measures with {@code vector} on one thread: the forked JVM has the
 * Vector API and {@code -Dxent.vector.parallel=false}, so that {@code bench/compare} can show one
 * core beside every core ({@link MeasuresBenchmark}, the default settings) in one run. The method
 * names end in {@code OneThread} so that each result has its own key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Dxent.vector.parallel=false",
    "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VectorOneThreadBenchmark {

    /** The backend id: {@code vector}, the one backend that uses several threads. */
    @Param({"vector"})
    public String backend;

    /** The number of events. */
    @Param({"10", "1000", "1000000", "10000000"})
    public int n;

    private InformationMeasures measures;
    private double[] p;
    private double[] q;

    /** Creates the state; JMH calls this. */
    public VectorOneThreadBenchmark() {
    }

    /**
     * Loads the data and finds the backend, once per trial.
     *
     * @throws IllegalStateException if the backend does not run on one thread (the fork lost its
     *     JVM options, e.g. with {@code -f 0})
     */
    @Setup
    public void setUp() {
        measures = Backends.byId(backend);
        if (!measures.description().contains("one thread")) {
            throw new IllegalStateException("expected the backend on one thread, got: " + measures.description());
        }
        p = BenchData.load("p", n);
        q = BenchData.load("q", n);
    }

    /**
     * H(P) on one thread.
     *
     * @return the entropy in nats
     */
    @Benchmark
    public double entropyOneThread() {
        return measures.entropyNats(p);
    }

    /**
     * H(P, Q) on one thread.
     *
     * @return the cross-entropy in nats
     */
    @Benchmark
    public double crossEntropyOneThread() {
        return measures.crossEntropyNats(p, q);
    }

    /**
     * KL(P‖Q) on one thread.
     *
     * @return the divergence in nats
     */
    @Benchmark
    public double klDivergenceOneThread() {
        return measures.klDivergenceNats(p, q);
    }
}

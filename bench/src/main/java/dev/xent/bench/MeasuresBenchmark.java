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
 * Every backend's entropy, cross-entropy and KL divergence on the raw-array methods, at n = 10,
 * 10<sup>3</sup>, 10<sup>6</sup> and 10<sup>7</sup>, average time per call. The backend is found
 * through discovery ({@link Backends#byId(String)}), as a user would; the forked JVM gets
 * {@code --add-modules jdk.incubator.vector} so that {@code vector} runs with the Vector API, with
 * its default settings: inputs of at least 65,536 entries on every core. The same measures on one
 * thread: {@code -jvmArgsPrepend -Dxent.vector.parallel=false}; without the flag,
 * {@link DefaultBackendBenchmark}.
 *
 * <p>Defaults (1 fork, 3 × 1 s warm-up, 5 × 1 s measurement) suit a quick run; {@code bench/compare}
 * sets its own ({@code XENT_BENCH_FULL=1} for a longer, steadier run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MeasuresBenchmark {

    /** The backend id. */
    @Param({"naive", "kl", "commons", "vector"})
    public String backend;

    /** The number of events. */
    @Param({"10", "1000", "1000000", "10000000"})
    public int n;

    private InformationMeasures measures;
    private double[] p;
    private double[] q;

    /** Creates the state; JMH calls this. */
    public MeasuresBenchmark() {
    }

    /** Loads the data and finds the backend, once per trial. */
    @Setup
    public void setUp() {
        measures = Backends.byId(backend);
        p = BenchData.load("p", n);
        q = BenchData.load("q", n);
    }

    /**
     * H(P).
     *
     * @return the entropy in nats
     */
    @Benchmark
    public double entropy() {
        return measures.entropyNats(p);
    }

    /**
     * H(P, Q).
     *
     * @return the cross-entropy in nats
     */
    @Benchmark
    public double crossEntropy() {
        return measures.crossEntropyNats(p, q);
    }

    /**
     * KL(P‖Q).
     *
     * @return the divergence in nats
     */
    @Benchmark
    public double klDivergence() {
        return measures.klDivergenceNats(p, q);
    }
}

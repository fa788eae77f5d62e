package dev.xent.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * The floors under H(P,Q) = −Σ p ln q on this machine: what no correct backend can beat, measured
 * the same way as {@link MeasuresBenchmark} (average time per call, same inputs).
 *
 * <ul>
 *   <li>{@code stream}: Σ (p + q) with the Vector API and plain lane sums — reads both arrays once
 *       and computes nothing else: the memory floor;
 *   <li>{@code logDot}: Σ p·ln q with the Vector API's {@code LOG} and plain lane sums — no
 *       compensation, no validation, no p = 0 convention: the arithmetic floor of the vector
 *       kernel;
 * </ul>
 * each on the calling thread and, the {@code …AllCores} twins, cut into one contiguous part per
 * core of the common fork/join pool plus the caller. Neither is a correct backend (plain sums lose
 * up to n·u relative accuracy; ln 0 makes −∞·0 = NaN): they bound from below what the real
 * kernels can reach, so a target below them is out of reach on this machine
 * (docs/performance.md, "Measures").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FloorBenchmark {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** The number of events. */
    @Param({"1000000", "10000000"})
    public int n;

    private double[] p;
    private double[] q;
    private int parts;

    /** Creates the state; JMH calls this. */
    public FloorBenchmark() {
    }

    /** Loads the data, once per trial. */
    @Setup
    public void setUp() {
        p = BenchData.load("p", n);
        q = BenchData.load("q", n);
        parts = ForkJoinPool.getCommonPoolParallelism() + 1;
    }

    /**
     * Σ (p + q) on one thread.
     *
     * @return the sum
     */
    @Benchmark
    public double stream() {
        return stream(0, n);
    }

    /**
     * Σ p·ln q on one thread.
     *
     * @return the sum
     */
    @Benchmark
    public double logDot() {
        return logDot(0, n);
    }

    /**
     * Σ (p + q), one part per core.
     *
     * @return the sum
     */
    @Benchmark
    public double streamAllCores() {
        return IntStream.range(0, parts).parallel().mapToDouble(k -> stream(from(k), from(k + 1))).sum();
    }

    /**
     * Σ p·ln q, one part per core.
     *
     * @return the sum
     */
    @Benchmark
    public double logDotAllCores() {
        return IntStream.range(0, parts).parallel().mapToDouble(k -> logDot(from(k), from(k + 1))).sum();
    }

    /** The first index of part k, on a vector boundary. */
    private int from(int k) {
        if (k >= parts) {
            return n;
        }
        long at = (long) n * k / parts;
        return (int) (at - at % SPECIES.length());
    }

    private double stream(int from, int to) {
        DoubleVector a = DoubleVector.zero(SPECIES);
        DoubleVector b = DoubleVector.zero(SPECIES);
        int i = from;
        int bound = from + SPECIES.loopBound(to - from);
        for (; i < bound; i += SPECIES.length()) {
            a = a.add(DoubleVector.fromArray(SPECIES, p, i));
            b = b.add(DoubleVector.fromArray(SPECIES, q, i));
        }
        double s = a.add(b).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += p[i] + q[i];
        }
        return s;
    }

    private double logDot(int from, int to) {
        DoubleVector a = DoubleVector.zero(SPECIES);
        int i = from;
        int bound = from + SPECIES.loopBound(to - from);
        for (; i < bound; i += SPECIES.length()) {
            DoubleVector lq = DoubleVector.fromArray(SPECIES, q, i).lanewise(VectorOperators.LOG);
            a = DoubleVector.fromArray(SPECIES, p, i).fma(lq, a);
        }
        double s = a.reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += p[i] * Math.log(q[i]);
        }
        return s;
    }
}

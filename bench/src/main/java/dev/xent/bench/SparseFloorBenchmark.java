package dev.xent.bench;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floors under sparse categorical cross-entropy from probabilities on 10<sup>6</sup> rows of
 * {@value LossData#CLASSES} classes held as {@code double[][]}, the layout
 * {@code SparseCrossEntropy} takes, measured like {@link LossBenchmark} (the same data), in
 * nanoseconds per example:
 *
 * <ul>
 *   <li>{@code readRows}: Σ of every entry of every row, plain, and nothing else — what any
 *       implementation that checks each row (entries in [0, 1], sum 1) must at least read: the
 *       memory floor of a validated sparse loss;
 *   <li>{@code gatherLog}: Σ −ln q<sub>y</sub>, one entry per row and {@code Math.log}, plain —
 *       the work of numpy's one-liner {@code -np.mean(np.log(P[np.arange(m), c]))}, which checks
 *       nothing;
 *   <li>{@code readFlat}: {@code readRows} on the same rows copied into one row-major
 *       {@code double[]} (no pointer or header per row), with four running sums — the floor of a
 *       flat layout;
 *   <li>{@code readRows4AllCores}: {@code readRowsAllCores} with four running sums instead of two
 *       (two rows at a time), to tell the add chain from the memory;
 * </ul>
 * on the calling thread and, the {@code …AllCores} ones, cut into one contiguous part per
 * core of the common fork/join pool plus the caller. None is a correct loss (no checks, plain
 * sums): they bound from below what the real path can reach on this machine
 * (docs/performance.md, "The loss layer").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(SparseFloorBenchmark.ROWS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SparseFloorBenchmark {

    /** The number of examples: LossBenchmark's large sparse dataset. */
    static final int ROWS = 1_000_000;

    private int[] labels;
    private double[][] rows;
    private double[] flat;
    private int parts;

    /** Creates the state; JMH calls this. */
    public SparseFloorBenchmark() {
    }

    /** Loads the data, once per trial. */
    @Setup
    public void setUp() {
        LossData.Sparse data = LossData.sparse(ROWS);
        labels = data.labels;
        rows = data.probs;
        flat = new double[ROWS * LossData.CLASSES];
        for (int i = 0; i < ROWS; i++) {
            System.arraycopy(rows[i], 0, flat, i * LossData.CLASSES, LossData.CLASSES);
        }
        parts = ForkJoinPool.getCommonPoolParallelism() + 1;
    }

    /**
     * Σ of every entry, one thread.
     *
     * @return the sum
     */
    @Benchmark
    public double readRows() {
        return readRows(0, ROWS);
    }

    /**
     * Σ −ln q<sub>y</sub>, one thread.
     *
     * @return the sum
     */
    @Benchmark
    public double gatherLog() {
        return gatherLog(0, ROWS);
    }

    /**
     * Σ of every entry, one part per core.
     *
     * @return the sum
     */
    @Benchmark
    public double readRowsAllCores() {
        return IntStream.range(0, parts).parallel().mapToDouble(k -> readRows(from(k), from(k + 1))).sum();
    }

    /**
     * Σ −ln q<sub>y</sub>, one part per core.
     *
     * @return the sum
     */
    @Benchmark
    public double gatherLogAllCores() {
        return IntStream.range(0, parts).parallel().mapToDouble(k -> gatherLog(from(k), from(k + 1))).sum();
    }

    /**
     * Σ of every entry of the same rows held flat, row-major, in one {@code double[]}, one thread.
     *
     * @return the sum
     */
    @Benchmark
    public double readFlat() {
        return readFlat(0, ROWS);
    }

    /**
     * Σ of every entry of the flat rows, one part per core.
     *
     * @return the sum
     */
    @Benchmark
    public double readFlatAllCores() {
        return IntStream.range(0, parts).parallel().mapToDouble(k -> readFlat(from(k), from(k + 1))).sum();
    }

    /**
     * Σ of every entry of every row with four independent sums, one part per core.
     *
     * @return the sum
     */
    @Benchmark
    public double readRows4AllCores() {
        return IntStream.range(0, parts).parallel().mapToDouble(k -> readRows4(from(k), from(k + 1))).sum();
    }

    private double readFlat(int from, int to) {
        double a = 0.0;
        double b = 0.0;
        double c = 0.0;
        double d = 0.0;
        int end = to * LossData.CLASSES;
        int j = from * LossData.CLASSES;
        for (; j + 3 < end; j += 4) {
            a += flat[j];
            b += flat[j + 1];
            c += flat[j + 2];
            d += flat[j + 3];
        }
        for (; j < end; j++) {
            a += flat[j];
        }
        return (a + b) + (c + d);
    }

    private double readRows4(int from, int to) {
        double a = 0.0;
        double b = 0.0;
        double c = 0.0;
        double d = 0.0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            double[] r = rows[i];
            double[] t = rows[i + 1];
            for (int j = 0; j + 1 < r.length; j += 2) {
                a += r[j];
                b += r[j + 1];
                c += t[j];
                d += t[j + 1];
            }
        }
        return (a + b) + (c + d) + (i < to ? readRows(i, to) : 0.0);
    }

    private int from(int k) {
        return (int) ((long) ROWS * Math.min(k, parts) / parts);
    }

    private double readRows(int from, int to) {
        double a = 0.0;
        double b = 0.0;
        for (int i = from; i < to; i++) {
            double[] row = rows[i];
            for (int j = 0; j + 1 < row.length; j += 2) {
                a += row[j];
                b += row[j + 1];
            }
        }
        return a + b;
    }

    private double gatherLog(int from, int to) {
        double s = 0.0;
        for (int i = from; i < to; i++) {
            s -= Math.log(rows[i][labels[i]]);
        }
        return s;
    }
}

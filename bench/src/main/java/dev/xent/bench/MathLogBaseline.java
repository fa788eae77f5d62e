package dev.xent.bench;

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
 * The floor for a scalar backend: the bare loop Σ p<sub>i</sub>·{@link Math#log}(q<sub>i</sub>) over
 * the same data as {@link MeasuresBenchmark}, with no convention, no check and plain summation. The
 * issue's target for the scalar backends is to stay within 1.3 times this.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MathLogBaseline {

    /** The number of events. */
    @Param({"10", "1000", "1000000", "10000000"})
    public int n;

    private double[] p;
    private double[] q;

    /** Creates the state; JMH calls this. */
    public MathLogBaseline() {
    }

    /** Loads the data once per trial. */
    @Setup
    public void setUp() {
        p = BenchData.load("p", n);
        q = BenchData.load("q", n);
    }

    /**
     * Σ p<sub>i</sub> ln q<sub>i</sub>, one {@link Math#log} per element.
     *
     * @return the sum
     */
    @Benchmark
    public double mathLogLoop() {
        double[] pp = p;
        double[] qq = q;
        double s = 0.0;
        for (int i = 0; i < pp.length; i++) {
            s += pp[i] * Math.log(qq[i]);
        }
        return s;
    }
}

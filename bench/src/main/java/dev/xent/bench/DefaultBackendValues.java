package dev.xent.bench;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import java.util.Locale;

/**
 * Prints which backend {@link Backends#defaultBackend()} returns in this JVM and its results on the
 * benchmark data, for {@code bench/compare} to name the backend that {@link DefaultBackendBenchmark}
 * measured and to measure its error: first {@code default,ID,DESCRIPTION}, then one line
 * {@code ID,measure,n,value} per measure and n, the value in Java's shortest round-trip form. Run
 * it as a user would, without flags:
 * {@code java -cp benchmarks.jar dev.xent.bench.DefaultBackendValues N…}.
 */
public final class DefaultBackendValues {

    private DefaultBackendValues() {
    }

    /**
     * Prints the backend and its values.
     *
     * @param args the sizes n, e.g. {@code 10 1000 1000000 10000000}
     */
    public static void main(String[] args) {
        InformationMeasures b = Backends.defaultBackend();
        System.out.println("default," + b.id() + "," + b.description().replace('\n', ' ').replace(',', ';'));
        for (String arg : args) {
            int n = Integer.parseInt(arg);
            double[] p = BenchData.load("p", n);
            double[] q = BenchData.load("q", n);
            print(b.id(), "entropy", n, b.entropyNats(p));
            print(b.id(), "crossEntropy", n, b.crossEntropyNats(p, q));
            print(b.id(), "klDivergence", n, b.klDivergenceNats(p, q));
        }
    }

    private static void print(String backend, String measure, int n, double value) {
        System.out.println(String.format(Locale.ROOT, "%s,%s,%d,%s", backend, measure, n,
                Double.toString(value)));
    }
}

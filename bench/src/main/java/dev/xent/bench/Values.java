package dev.xent.bench;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import java.util.Locale;

/**
 * Prints every backend's results on the benchmark data, for {@code bench/compare} to measure their
 * error against a high-precision reference: one line per backend, measure and n,
 * {@code backend,measure,n,value} with the value in Java's shortest round-trip form. Run with
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.xent.bench.Values N…}.
 */
public final class Values {

    private Values() {
    }

    /**
     * Prints the values.
     *
     * @param args the sizes n, e.g. {@code 10 1000 1000000 10000000}
     */
    public static void main(String[] args) {
        if (!Backends.unavailable().isEmpty()) {
            System.err.println("warning: unavailable backends: " + Backends.unavailable().get(0).id()
                    + " (" + Backends.unavailable().get(0).unavailableReason().orElse("") + ")");
        }
        for (String arg : args) {
            int n = Integer.parseInt(arg);
            double[] p = BenchData.load("p", n);
            double[] q = BenchData.load("q", n);
            for (InformationMeasures b : Backends.all()) {
                print(b.id(), "entropy", n, b.entropyNats(p));
                print(b.id(), "crossEntropy", n, b.crossEntropyNats(p, q));
                print(b.id(), "klDivergence", n, b.klDivergenceNats(p, q));
            }
        }
    }

    private static void print(String backend, String measure, int n, double value) {
        System.out.println(String.format(Locale.ROOT, "%s,%s,%d,%s", backend, measure, n,
                Double.toString(value)));
    }
}

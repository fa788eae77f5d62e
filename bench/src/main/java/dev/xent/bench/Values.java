package dev.xent.bench;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.Predictions;
import java.util.Locale;

/**
 * Prints every backend's results on the benchmark data, for {@code bench/compare} to measure their
 * error against a high-precision reference: one line per backend, measure and n,
 * {@code backend,measure,n,value} with the value in Java's shortest round-trip form; after
 * {@code --loss B S}, also the mean losses of {@link LossBenchmark}'s paths on the binary dataset
 * of B examples and the sparse one of S ({@code backend,binaryProbabilities,B,mean} …, with
 * backend {@code -} for the logit paths). Run with
 * {@code java --add-modules jdk.incubator.vector -cp benchmarks.jar dev.xent.bench.Values N… [--loss B S]}.
 */
public final class Values {

    private Values() {
    }

    /**
     * Prints the values.
     *
     * @param args the sizes n, e.g. {@code 10 1000 1000000 10000000}, then optionally
     *     {@code --loss B S}
     */
    public static void main(String[] args) {
        if (!Backends.unavailable().isEmpty()) {
            System.err.println("warning: unavailable backends: " + Backends.unavailable().get(0).id()
                    + " (" + Backends.unavailable().get(0).unavailableReason().orElse("") + ")");
        }
        for (int a = 0; a < args.length; a++) {
            if (args[a].equals("--loss")) {
                losses(Integer.parseInt(args[a + 1]), Integer.parseInt(args[a + 2]));
                return;
            }
            int n = Integer.parseInt(args[a]);
            double[] p = BenchData.load("p", n);
            double[] q = BenchData.load("q", n);
            for (InformationMeasures b : Backends.all()) {
                print(b.id(), "entropy", n, b.entropyNats(p));
                print(b.id(), "crossEntropy", n, b.crossEntropyNats(p, q));
                print(b.id(), "klDivergence", n, b.klDivergenceNats(p, q));
            }
        }
    }

    /** The means of the loss paths LossBenchmark times: the batch {@code evaluate} calls. */
    private static void losses(int binaryRows, int sparseRows) {
        LossData.Binary binary = LossData.binary(binaryRows);
        LossData.Sparse sparse = LossData.sparse(sparseRows);
        double[] rowMajor = sparse.rowMajor();
        for (InformationMeasures b : Backends.all()) {
            print(b.id(), "binaryProbabilities", binaryRows, CrossEntropy.binary(Predictions.PROBABILITIES)
                    .using(b).evaluate(binary.y, binary.p).mean());
            print(b.id(), "sparseProbabilities", sparseRows, CrossEntropy.sparse(LossData.CLASSES,
                    Predictions.PROBABILITIES).using(b).evaluate(sparse.labels, sparse.probs).mean());
            print(b.id(), "sparseProbabilitiesRowMajor", sparseRows, CrossEntropy.sparse(LossData.CLASSES,
                    Predictions.PROBABILITIES).using(b).evaluateRowMajor(sparse.labels, rowMajor).mean());
        }
        print("-", "binaryLogits", binaryRows, CrossEntropy.binary(Predictions.LOGITS)
                .evaluate(binary.y, binary.z).mean());
        print("-", "sparseLogits", sparseRows, CrossEntropy.sparse(LossData.CLASSES, Predictions.LOGITS)
                .evaluate(sparse.labels, sparse.logits).mean());
    }

    private static void print(String backend, String measure, int n, double value) {
        System.out.println(String.format(Locale.ROOT, "%s,%s,%d,%s", backend, measure, n,
                Double.toString(value)));
    }
}

package dev.xent.bench;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The inputs of the loss benchmarks ({@link LossBenchmark}, {@link Values}): a binary dataset
 * (labels y ∈ {0, 1}, probabilities p = P(class 1), and the same predictions as logits
 * z = ln(p/(1 − p))) and a sparse categorical one (class indices and rows of {@value #CLASSES}
 * probabilities, and the same rows as logits z = ln q).
 *
 * <p>With {@value BenchData#ENV} set (as {@code bench/compare} does), they are read from the files
 * that {@code bench/compare.py} writes there — {@code binary-y-N.f64}, {@code binary-p-N.f64},
 * {@code sparse-labels-N.i32}, {@code sparse-probs-N.f64} (N rows of {@value #CLASSES}, row after
 * row), little-endian — so that Java and scikit-learn compute on the same numbers. Otherwise they
 * are generated here with the same recipe from fixed seeds: p uniform in [0.001, 0.999), y = 1 with
 * probability p (a calibrated model); rows uniform in (0, 1] divided by their sum, the label drawn
 * from the row.
 */
public final class LossData {

    /** The number of classes of the sparse dataset: {@value}. */
    public static final int CLASSES = 10;

    private LossData() {
    }

    /** A binary dataset. */
    public static final class Binary {
        /** Labels 0.0 or 1.0. */
        public final double[] y;
        /** P(class 1), in (0, 1). */
        public final double[] p;
        /** The same predictions as logits ln(p / (1 − p)). */
        public final double[] z;

        Binary(double[] y, double[] p) {
            this.y = y;
            this.p = p;
            this.z = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                z[i] = Math.log(p[i]) - Math.log1p(-p[i]);
            }
        }
    }

    /** A sparse categorical dataset. */
    public static final class Sparse {
        /** Class indices in [0, {@value #CLASSES}). */
        public final int[] labels;
        /** One row of probabilities per example. */
        public final double[][] probs;
        /** The same rows as logits ln q (a softmax of them gives the rows back). */
        public final double[][] logits;

        Sparse(int[] labels, double[][] probs) {
            this.labels = labels;
            this.probs = probs;
            this.logits = new double[probs.length][CLASSES];
            for (int i = 0; i < probs.length; i++) {
                for (int k = 0; k < CLASSES; k++) {
                    logits[i][k] = Math.log(probs[i][k]);
                }
            }
        }

        /**
         * The prediction rows copied into one row-major array: row i at [i·K, i·K + K).
         *
         * @return a new array of {@code probs.length ·} {@value #CLASSES} entries
         */
        public double[] rowMajor() {
            double[] flat = new double[probs.length * CLASSES];
            for (int i = 0; i < probs.length; i++) {
                System.arraycopy(probs[i], 0, flat, i * CLASSES, CLASSES);
            }
            return flat;
        }
    }

    /**
     * The binary dataset of n examples.
     *
     * @param n the number of examples
     * @return the dataset
     * @throws UncheckedIOException if a file cannot be read
     */
    public static Binary binary(int n) {
        if (BenchData.fromFiles()) {
            return new Binary(BenchData.doubles("binary-y-" + n + ".f64", n),
                    BenchData.doubles("binary-p-" + n + ".f64", n));
        }
        SplittableRandom random = new SplittableRandom(3L);
        double[] y = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.001 + 0.998 * random.nextDouble();
            y[i] = random.nextDouble() < p[i] ? 1.0 : 0.0;
        }
        return new Binary(y, p);
    }

    /**
     * The sparse categorical dataset of n examples.
     *
     * @param n the number of examples
     * @return the dataset
     * @throws UncheckedIOException if a file cannot be read
     */
    public static Sparse sparse(int n) {
        int[] labels = new int[n];
        double[][] rows = new double[n][CLASSES];
        if (BenchData.fromFiles()) {
            ByteBuffer l = BenchData.read("sparse-labels-" + n + ".i32", 4L * n);
            ByteBuffer q = BenchData.read("sparse-probs-" + n + ".f64", 8L * n * CLASSES);
            for (int i = 0; i < n; i++) {
                labels[i] = l.getInt();
                for (int k = 0; k < CLASSES; k++) {
                    rows[i][k] = q.getDouble();
                }
            }
            return new Sparse(labels, rows);
        }
        SplittableRandom random = new SplittableRandom(4L);
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int k = 0; k < CLASSES; k++) {
                rows[i][k] = 1.0 - random.nextDouble();
                sum += rows[i][k];
            }
            for (int k = 0; k < CLASSES; k++) {
                rows[i][k] /= sum;
            }
            double u = random.nextDouble();
            double cumulative = 0.0;
            int label = 0;
            while (label < CLASSES - 1 && (cumulative += rows[i][label]) <= u) {
                label++;
            }
            labels[i] = label;
        }
        return new Sparse(labels, rows);
    }
}

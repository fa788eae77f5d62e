package dev.xent.bench;

import dev.xent.Backends;
import dev.xent.InformationMeasures;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.Predictions;
import dev.xent.loss.SparseAccumulator;
import dev.xent.loss.SparseCrossEntropy;
import java.util.Arrays;
import java.util.List;
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
 * The loss layer's batch paths, average time per call of {@code evaluate} over a whole dataset:
 * binary cross-entropy over 10<sup>7</sup> examples (probabilities through each backend, and
 * logits), sparse categorical cross-entropy over 10<sup>6</sup> × {@value LossData#CLASSES}
 * (probabilities through each backend, and logits), categorical cross-entropy on the same rows
 * against one-hot targets, the per-example path beside the probability batch paths ({@code
 * …PerExample}, sample weights of 1), and the sparse dataset through
 * {@link SparseCrossEntropy#collector} on a parallel stream (partial accumulators merged). Each also
 * runs on 10<sup>3</sup> examples, so that {@code -prof gc} shows the bytes allocated per call:
 * a batch keeps its per-example values (8 bytes per example; the K-class batch paths also gather
 * one q<sub>y</sub> per example into that array and keep the classes, 4 more for categorical), the
 * collector's accumulators are constant-size objects that allocate nothing per example.
 *
 * <p>Every call evaluates the whole batch (keeping the per-example values, as {@code evaluate}
 * does) and returns the sum; the collector builds accumulators, as {@code xent loss} does for a
 * file. The data are {@link LossData}'s (the files of
 * {@code bench/compare} when {@value BenchData#ENV} is set).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LossBenchmark {

    /** Creates the benchmark; JMH calls this. */
    public LossBenchmark() {
    }

    /** The binary dataset. */
    @State(Scope.Benchmark)
    public static class BinaryData {
        /** The number of examples. */
        @Param({"1000", "10000000"})
        public int binaryRows;

        LossData.Binary data;
        /** Sample weights of 1, which send {@code evaluate} down the per-example path. */
        double[] ones;

        /** Creates the state; JMH calls this. */
        public BinaryData() {
        }

        /** Loads the data once per trial. */
        @Setup
        public void setUp() {
            data = LossData.binary(binaryRows);
            ones = new double[binaryRows];
            Arrays.fill(ones, 1.0);
        }
    }

    /** The sparse categorical dataset, also as a list of examples for the stream. */
    @State(Scope.Benchmark)
    public static class SparseData {
        /** The number of examples. */
        @Param({"1000", "1000000"})
        public int sparseRows;

        LossData.Sparse data;
        /** The same prediction rows, row-major in one array. */
        double[] rowMajor;
        List<Example> examples;
        InformationMeasures vector;
        /** The labels as one-hot target rows, for the categorical loss. */
        double[][] oneHot;
        /** Sample weights of 1, which send {@code evaluate} down the per-example path. */
        double[] ones;

        /** Creates the state; JMH calls this. */
        public SparseData() {
        }

        /** Loads the data once per trial. */
        @Setup
        public void setUp() {
            data = LossData.sparse(sparseRows);
            rowMajor = data.rowMajor();
            Example[] all = new Example[sparseRows];
            for (int i = 0; i < sparseRows; i++) {
                all[i] = new Example(data.labels[i], data.probs[i]);
            }
            examples = Arrays.asList(all);
            vector = Backends.byId("vector");
            oneHot = new double[sparseRows][LossData.CLASSES];
            for (int i = 0; i < sparseRows; i++) {
                oneHot[i][data.labels[i]] = 1.0;
            }
            ones = new double[sparseRows];
            Arrays.fill(ones, 1.0);
        }
    }

    /** One example of the sparse dataset, as a user's stream would hold it. */
    public static final class Example {
        final int label;
        final double[] probs;

        Example(int label, double[] probs) {
            this.label = label;
            this.probs = probs;
        }
    }

    /** The backend that computes the probability paths. */
    @State(Scope.Benchmark)
    public static class Backend {
        /** The backend id. */
        @Param({"naive", "kl", "commons", "vector"})
        public String backend;

        InformationMeasures measures;

        /** Creates the state; JMH calls this. */
        public Backend() {
        }

        /** Finds the backend once per trial. */
        @Setup
        public void setUp() {
            measures = Backends.byId(backend);
        }
    }

    /**
     * Binary cross-entropy from probabilities, through the backend: the batch {@code evaluate}
     * (its batch path on labels 0/1).
     *
     * @param d the data
     * @param b the backend
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double binaryProbabilities(BinaryData d, Backend b) {
        return CrossEntropy.binary(Predictions.PROBABILITIES).using(b.measures)
                .evaluate(d.data.y, d.data.p).sum();
    }

    /**
     * The same through the per-example path (sample weights of 1: what {@code evaluate} did for
     * every batch before the batch paths), for the side-by-side comparison.
     *
     * @param d the data
     * @param b the backend
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double binaryProbabilitiesPerExample(BinaryData d, Backend b) {
        return CrossEntropy.binary(Predictions.PROBABILITIES).using(b.measures)
                .evaluate(d.data.y, d.data.p, d.ones).sum();
    }

    /**
     * Binary cross-entropy from logits, the batch {@code evaluate} (softplus; no backend involved).
     *
     * @param d the data
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double binaryLogits(BinaryData d) {
        return CrossEntropy.binary(Predictions.LOGITS).evaluate(d.data.y, d.data.z).sum();
    }

    /**
     * Binary cross-entropy from logits through the per-example path (sample weights of 1), for the
     * comparison.
     *
     * @param d the data
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double binaryLogitsPerExample(BinaryData d) {
        return CrossEntropy.binary(Predictions.LOGITS).evaluate(d.data.y, d.data.z, d.ones).sum();
    }

    /**
     * The same rows held flat, row-major, in one {@code double[]} (numpy's layout): the batch
     * {@code evaluateRowMajor}.
     *
     * @param d the data
     * @param b the backend
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double sparseProbabilitiesRowMajor(SparseData d, Backend b) {
        return CrossEntropy.sparse(LossData.CLASSES, Predictions.PROBABILITIES).using(b.measures)
                .evaluateRowMajor(d.data.labels, d.rowMajor).sum();
    }

    /**
     * Sparse categorical cross-entropy from probabilities, through the backend: the batch
     * {@code evaluate}.
     *
     * @param d the data
     * @param b the backend
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double sparseProbabilities(SparseData d, Backend b) {
        return CrossEntropy.sparse(LossData.CLASSES, Predictions.PROBABILITIES).using(b.measures)
                .evaluate(d.data.labels, d.data.probs).sum();
    }

    /**
     * The same through the per-example path (sample weights of 1), for the comparison.
     *
     * @param d the data
     * @param b the backend
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double sparseProbabilitiesPerExample(SparseData d, Backend b) {
        return CrossEntropy.sparse(LossData.CLASSES, Predictions.PROBABILITIES).using(b.measures)
                .evaluate(d.data.labels, d.data.probs, d.ones).sum();
    }

    /**
     * Sparse categorical cross-entropy from logits, the batch {@code evaluate} (log-sum-exp; no
     * backend involved).
     *
     * @param d the data
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double sparseLogits(SparseData d) {
        return CrossEntropy.sparse(LossData.CLASSES, Predictions.LOGITS)
                .evaluate(d.data.labels, d.data.logits).sum();
    }

    /**
     * Categorical cross-entropy from probabilities against the one-hot rows of the sparse
     * dataset's labels, through the backend: the batch {@code evaluate}.
     *
     * @param d the data
     * @param b the backend
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double categoricalProbabilities(SparseData d, Backend b) {
        return CrossEntropy.categorical(LossData.CLASSES, Predictions.PROBABILITIES).using(b.measures)
                .evaluate(d.oneHot, d.data.probs).sum();
    }

    /**
     * The same through the per-example path (sample weights of 1), for the comparison.
     *
     * @param d the data
     * @param b the backend
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double categoricalProbabilitiesPerExample(SparseData d, Backend b) {
        return CrossEntropy.categorical(LossData.CLASSES, Predictions.PROBABILITIES).using(b.measures)
                .evaluate(d.oneHot, d.data.probs, d.ones).sum();
    }

    /**
     * Categorical cross-entropy from logits against the same one-hot rows, the batch
     * {@code evaluate} (log-sum-exp; no backend involved).
     *
     * @param d the data
     * @return Σ ℓ in nats
     */
    @Benchmark
    public double categoricalLogits(SparseData d) {
        return CrossEntropy.categorical(LossData.CLASSES, Predictions.LOGITS)
                .evaluate(d.oneHot, d.data.logits).sum();
    }

    /**
     * Sparse categorical cross-entropy from probabilities on a parallel stream of examples, with
     * the {@code vector} backend: partial accumulators, one per split, merged by the collector.
     *
     * @param d the data
     * @return the mean in nats
     */
    @Benchmark
    public double sparseParallelCollector(SparseData d) {
        SparseCrossEntropy loss = CrossEntropy.sparse(LossData.CLASSES, Predictions.PROBABILITIES)
                .using(d.vector);
        return d.examples.parallelStream()
                .collect(loss.collector((SparseAccumulator acc, Example e) -> acc.add(e.label, e.probs)))
                .mean();
    }
}

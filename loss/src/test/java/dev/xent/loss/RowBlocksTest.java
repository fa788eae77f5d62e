package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.InformationMeasures;
import dev.xent.testing.FormulaMeasures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link RowBlocks}, the blocks and threads of the K-class batch paths: the same bits on the
 * caller's thread alone and with the threads of a pool of 3 or of a parallel stream, at the block
 * boundaries (R − 1, R, R + 1 rows, many blocks, one row per block); the class counts and sums
 * against an independent reference (the per-example path's values, counted and summed exactly in
 * {@link BigDecimal}); the exception of the lowest bad example when several blocks hold bad rows,
 * as the per-example path gives it; the threshold, the threads it brings in, and the system
 * property's values.
 */
class RowBlocksTest {

    private static final FormulaMeasures BACKEND = new FormulaMeasures();

    /** Examples per property: 100 by default, 10 under mutation testing (which passes 100). */
    private static final int EXAMPLES = Integer.getInteger("xent.extremes.examples", 1000) / 10;

    /**
     * A class sum of non-negative terms from per-block compensated sums merged with TwoSum: each
     * within about 2 ulps of its exact sum (every term has one sign, nothing cancels); 2 ulps.
     */
    private static final double SUM_ULPS = 2;

    /** How long a test waits for a second thread to take part before it fails. */
    private static final long THREAD_WAIT_SECONDS = 30;

    // ---------------------------------------------------------------- data

    /** A probability row of K, with some zeros, and a class whose probability is not 0. */
    private static double[] row(SplittableRandom r, int k) {
        double[] q = new double[k];
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            q[j] = r.nextInt(6) == 0 ? 0.0 : r.nextDouble();
            s += q[j];
        }
        if (s == 0.0) {
            q[r.nextInt(k)] = 1.0;
            return q;
        }
        for (int j = 0; j < k; j++) {
            q[j] /= s;
        }
        return q;
    }

    /** N sparse examples of K classes: labels and rows, every q_y > 0. */
    private record Sparse(int[] classes, double[][] rows) {
        static Sparse of(long seed, int n, int k) {
            SplittableRandom r = new SplittableRandom(seed);
            int[] classes = new int[n];
            double[][] rows = new double[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = row(r, k);
                do {
                    classes[i] = r.nextInt(k);
                } while (rows[i][classes[i]] == 0.0);
            }
            return new Sparse(classes, rows);
        }

        int n() {
            return classes.length;
        }

        /** The rows flat, row-major; a missing row becomes one that sums to 1.1. */
        double[] rowMajor(int k) {
            return RowBlocksTest.rowMajor(rows, k);
        }

        double[][] oneHot(int k) {
            double[][] t = new double[n()][k];
            for (int i = 0; i < n(); i++) {
                t[i][classes[i]] = 1.0;
            }
            return t;
        }
    }

    /** Rows of K flat, row-major; a missing row becomes one that sums to 1.1 (bad as well). */
    static double[] rowMajor(double[][] rows, int k) {
        double[] flat = new double[rows.length * k];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                flat[i * k] = 0.5;
                flat[i * k + 1] = 0.6;
            } else {
                System.arraycopy(rows[i], 0, flat, i * k, k);
            }
        }
        return flat;
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    private static <T> T inPool(int parallelism, Callable<T> work) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(parallelism);
        try {
            return pool.submit(work).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    private static RowBlocks sparseBlocks(InformationMeasures backend, Sparse d, int k) {
        return new RowBlocks.Sparse(backend, d.n(), k, LossOptions.DEFAULTS.rowSumTolerance(k), d.classes(),
                d.rows());
    }

    private static RowBlocks rowMajorBlocks(InformationMeasures backend, Sparse d, int k) {
        return new RowBlocks.SparseRowMajor(backend, d.n(), k, LossOptions.DEFAULTS.rowSumTolerance(k),
                d.classes(), d.rowMajor(k));
    }

    private static RowBlocks categoricalBlocks(InformationMeasures backend, Sparse d, int k) {
        return new RowBlocks.Categorical(backend, d.n(), k, LossOptions.DEFAULTS.rowSumTolerance(k),
                d.oneHot(k), d.rows());
    }

    private static void assertSameBits(RowBlocks one, RowBlocks many) {
        // Arrays.equals on double[] compares the bits (doubleToLongBits)
        assertThat(Arrays.equals(many.values, one.values)).as("values").isTrue();
        if (one.classes == null) {
            assertThat(many.classes).as("classes of a binary batch").isNull();
        } else {
            assertThat(many.classes).as("classes").containsExactly(one.classes);
        }
        assertThat(many.classCounts()).as("class counts").containsExactly(one.classCounts());
        assertThat(Arrays.equals(many.classSums(), one.classSums())).as("class sums %s and %s",
                Arrays.toString(many.classSums()), Arrays.toString(one.classSums())).isTrue();
    }

    /**
     * The counts and sums of a computed batch against the per-example path's values (the same
     * backend), counted by hand and summed exactly.
     */
    private static void assertAgreesWithThePerExamplePath(RowBlocks blocks, Sparse d, int k) {
        double[] perExample = CrossEntropy.sparse(k, Predictions.PROBABILITIES).using(BACKEND)
                .evaluate(d.classes(), d.rows(), ones(d.n())).perExample().orElseThrow();
        assertAgreesWith(blocks, perExample, d.classes(), k, SUM_ULPS);
    }

    /**
     * A computed batch's values against the per-example path's (the same bits), its class counts
     * against counts by hand, and each class sum within {@code ulps} of the exact sum (BigDecimal)
     * of the per-example values of that class.
     */
    private static void assertAgreesWith(RowBlocks blocks, double[] perExample, int[] classes, int k, double ulps) {
        assertThat(Arrays.equals(blocks.values, perExample)).as("values").isTrue();
        long[] counts = new long[k];
        BigDecimal[] exact = new BigDecimal[k];
        Arrays.fill(exact, BigDecimal.ZERO);
        for (int i = 0; i < classes.length; i++) {
            counts[classes[i]]++;
            exact[classes[i]] = exact[classes[i]].add(new BigDecimal(perExample[i]));
        }
        assertThat(blocks.classCounts()).containsExactly(counts);
        double[] sums = blocks.classSums();
        for (int j = 0; j < k; j++) {
            double e = exact[j].doubleValue();
            assertThat(new BigDecimal(sums[j]).subtract(exact[j]).abs()).as("class %d", j)
                    .isLessThanOrEqualTo(new BigDecimal(ulps * Math.ulp(e)));
        }
    }

    // ---------------------------------------------------------------- blocks and bits

    @Test
    void blocksHoldTheFloorOf2To15OverKRowsAndAtLeastOne() {
        assertThat(RowBlocks.rowsPerBlock(1)).isEqualTo(32_768);
        assertThat(RowBlocks.rowsPerBlock(2)).isEqualTo(16_384);
        assertThat(RowBlocks.rowsPerBlock(3)).isEqualTo(10_922);
        assertThat(RowBlocks.rowsPerBlock(10)).isEqualTo(3_276);
        assertThat(RowBlocks.rowsPerBlock(32_768)).isEqualTo(1);
        assertThat(RowBlocks.rowsPerBlock(40_000)).isEqualTo(1);
        RowBlocks b = sparseBlocks(BACKEND, Sparse.of(1, 3_277, 10), 10);
        assertThat(b.blocks).isEqualTo(2);
        assertThat(b.counts).hasSize(20);
    }

    @Test
    void oneThreadAndAPoolOf3GiveTheSameBitsAtEveryBlockBoundary() throws Exception {
        int k = 10;
        int r = RowBlocks.rowsPerBlock(k);
        // below the threshold (one thread either way), then 2 and 21 blocks and around them
        for (int n : new int[] {1, r - 1, r, r + 1, 2 * r - 1, 2 * r, 2 * r + 1, 21 * r - 1, 21 * r, 21 * r + 1}) {
            Sparse d = Sparse.of(n, n, k);
            RowBlocks one = sparseBlocks(BACKEND, d, k);
            assertThat(one.run(false)).isTrue();
            assertAgreesWithThePerExamplePath(one, d, k);
            RowBlocks many = sparseBlocks(BACKEND, d, k);
            assertThat(inPool(3, () -> many.run(true))).isTrue();
            assertSameBits(one, many);
            RowBlocks oneHot = categoricalBlocks(BACKEND, d, k);
            RowBlocks oneHotMany = categoricalBlocks(BACKEND, d, k);
            assertThat(oneHot.run(false)).isTrue();
            assertThat(inPool(3, () -> oneHotMany.run(true))).isTrue();
            assertSameBits(oneHot, oneHotMany);
            // a one-hot target gives its class and the same −ln q_c as the label
            assertSameBits(one, oneHot);
            // the same rows held flat, row-major
            RowBlocks flat = rowMajorBlocks(BACKEND, d, k);
            RowBlocks flatMany = rowMajorBlocks(BACKEND, d, k);
            assertThat(flat.run(false)).isTrue();
            assertThat(inPool(3, () -> flatMany.run(true))).isTrue();
            assertSameBits(one, flat);
            assertSameBits(one, flatMany);
        }
    }

    @Test
    void rowsWiderThanABlockGiveOneRowPerBlockWithTheSameBits() throws Exception {
        int k = 40_000;
        Sparse d = Sparse.of(5, 4, k);
        RowBlocks one = sparseBlocks(BACKEND, d, k);
        assertThat(one.run(false)).isTrue();
        assertThat(one.blocks).isEqualTo(4);
        assertAgreesWithThePerExamplePath(one, d, k);
        RowBlocks many = sparseBlocks(BACKEND, d, k);
        assertThat(inPool(3, () -> many.run(true))).isTrue();
        assertSameBits(one, many);
    }

    @Test
    void evaluateGivesTheSameBitsOnTheCallersThreadInAPoolOf3AndInsideAParallelStream() throws Exception {
        int k = 10;
        Sparse d = Sparse.of(7, 40 * RowBlocks.rowsPerBlock(k) + 17, k);
        SparseCrossEntropy sparse = CrossEntropy.sparse(k, Predictions.PROBABILITIES).using(BACKEND);
        CategoricalCrossEntropy categorical = CrossEntropy.categorical(k, Predictions.PROBABILITIES).using(BACKEND);
        double[][] oneHot = d.oneHot(k);
        RowBlocks one = sparseBlocks(BACKEND, d, k);
        assertThat(one.run(false)).isTrue();
        double expected = Arrays.stream(one.classSums()).sum();

        LossSummary here = sparse.evaluate(d.classes(), d.rows());
        LossSummary pooled = inPool(3, () -> sparse.evaluate(d.classes(), d.rows()));
        LossSummary[] streamed = IntStream.range(0, 4).parallel()
                .mapToObj(i -> sparse.evaluate(d.classes(), d.rows())).toArray(LossSummary[]::new);
        LossSummary oneHotPooled = inPool(3, () -> categorical.evaluate(oneHot, d.rows()));
        for (LossSummary s : new LossSummary[] {here, pooled, streamed[0], streamed[3], oneHotPooled}) {
            assertThat(Arrays.equals(s.perExample().orElseThrow(), one.values)).isTrue();
            assertThat(Double.doubleToLongBits(s.sum())).isEqualTo(Double.doubleToLongBits(here.sum()));
            assertThat(Double.doubleToLongBits(s.mean())).isEqualTo(Double.doubleToLongBits(here.mean()));
            for (int c = 0; c < k; c++) {
                assertThat(s.classMean(c)).isEqualTo(here.classMean(c));
            }
        }
        // the total is the class sums added (within the rounding of that last addition)
        assertThat(here.sum()).isCloseTo(expected, within(4 * Math.ulp(expected)));
    }

    @Test
    void anyBatchGivesTheSameBitsOnOneThreadAndOnSeveral() {
        qt().withFixedSeed(20261202L).withExamples(EXAMPLES)
                .forAll(integers().between(2, 12), integers().between(1, 30_000), longs().all())
                .checkAssert((k, n, seed) -> {
                    Sparse d = Sparse.of(seed, n, k);
                    RowBlocks one = sparseBlocks(BACKEND, d, k);
                    RowBlocks many = sparseBlocks(BACKEND, d, k);
                    assertThat(one.run(false)).isTrue();
                    try {
                        assertThat(inPool(3, () -> many.run(true))).isTrue();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    assertSameBits(one, many);
                    assertAgreesWithThePerExamplePath(one, d, k);
                });
    }

    // ---------------------------------------------------------------- binary

    /** N binary examples: outcomes 0 or 1 and probabilities in (0, 1), or logits in [−40, 40]. */
    private static double[][] binary(long seed, int n, boolean logits) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            p[i] = logits ? r.nextDouble(-40, 40) : r.nextDouble(0x1p-30, 1.0);
        }
        return new double[][] {y, p};
    }

    @Test
    void binaryBatchesGiveTheSameBitsOnOneThreadAndOnSeveralAndThePerExampleCountsAndSums() throws Exception {
        // two entries per example (outcome, prediction): blocks of 2^15 / 2 examples
        int r = RowBlocks.rowsPerBlock(2);
        assertThat(r).isEqualTo(16_384);
        for (boolean logits : new boolean[] {false, true}) {
            BinaryCrossEntropy loss = CrossEntropy.binary(logits ? Predictions.LOGITS : Predictions.PROBABILITIES)
                    .using(BACKEND);
            for (int n : new int[] {1, r - 1, r, r + 1, 2 * r, 2 * r + 1, 9 * r + 5}) {
                double[][] d = binary(n, n, logits);
                RowBlocks one = new RowBlocks.Binary(BACKEND, n, d[0], d[1], logits);
                assertThat(one.run(false)).isTrue();
                assertThat(one.blocks).isEqualTo((n - 1) / r + 1);
                RowBlocks many = new RowBlocks.Binary(BACKEND, n, d[0], d[1], logits);
                assertThat(inPool(3, () -> many.run(true))).isTrue();
                assertSameBits(one, many);
                // each block's sum within 2 ulps (the bulk operation's promise), merged with TwoSum
                // and rounded once: 3 ulps
                double[] perExample = loss.evaluate(d[0], d[1], ones(n)).perExample().orElseThrow();
                int[] outcomes = Arrays.stream(d[0]).mapToInt(y -> (int) y).toArray();
                assertAgreesWith(one, perExample, outcomes, 2, 3);
            }
        }
    }

    @Test
    void aBadBinaryExampleInALaterBlockSendsTheBatchToThePerExamplePathWhichNamesTheFirst() throws Exception {
        int n = 5 * RowBlocks.rowsPerBlock(2) + 3;
        double[][] d = binary(3, n, false);
        d[0][4 * RowBlocks.rowsPerBlock(2) + 1] = 0.5;   // a soft target: not the batch path's
        d[1][2 * RowBlocks.rowsPerBlock(2) + 7] = 1.5;   // a bad probability, lower
        RowBlocks many = new RowBlocks.Binary(BACKEND, n, d[0], d[1], false);
        assertThat(inPool(3, () -> many.run(true))).isFalse();
        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES).using(BACKEND);
        LossInputException e = catchThrowableOfType(LossInputException.class,
                () -> inPool(3, () -> loss.evaluate(d[0], d[1])));
        assertThat(e.exampleIndex()).isEqualTo(2 * RowBlocks.rowsPerBlock(2) + 7);
        assertThat(e.value()).isEqualTo("1.5");
    }

    // ---------------------------------------------------------------- threads

    /** The formulas, noting which threads compute; optionally holding each until two have come. */
    private static final class Recording extends FormulaStandIn {
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final CountDownLatch twoThreads;

        Recording(boolean waitForTwo) {
            super("recording", "the formulas, noting the threads of the bulk calls");
            this.twoThreads = waitForTwo ? new CountDownLatch(2) : null;
        }

        private void note() {
            if (threads.add(Thread.currentThread()) && twoThreads != null) {
                twoThreads.countDown();
            }
            if (twoThreads != null) {
                try {
                    twoThreads.await(THREAD_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public double informationNats(double[] p, int from, int to, double[] out) {
            note();
            return BACKEND.informationNats(p, from, to, out);
        }

        @Override
        public long bernoulliInformationNats(double[] y, double[] p, int from, int to, double[] out,
                double[] sums) {
            note();
            return BACKEND.bernoulliInformationNats(y, p, from, to, out, sums);
        }
    }

    @Test
    void theThresholdIs2To16EntriesAndMoreThanOneBlock() {
        assertThat(RowBlocks.worthThreads(6_553, 10)).isFalse();   // 65,530 entries
        assertThat(RowBlocks.worthThreads(6_554, 10)).isTrue();    // 65,540
        assertThat(RowBlocks.worthThreads(65_535, 1)).isFalse();
        assertThat(RowBlocks.worthThreads(65_536, 1)).isTrue();
        assertThat(RowBlocks.worthThreads(32_768, 2)).isTrue();    // exactly 2^16, two blocks
        assertThat(RowBlocks.worthThreads(1, 100_000)).isFalse();  // one block of one row
        assertThat(RowBlocks.worthThreads(2, 100_000)).isTrue();
        assertThat(RowBlocks.worthThreads(1_000_000_000, 1_000)).isTrue();  // N·K beyond an int
    }

    @Test
    void fromTheThresholdOnAPoolOf3LendsThreadsAndBelowItTheCallerWorksAlone() throws Exception {
        int k = 10;
        Sparse small = Sparse.of(3, 6_553, k);
        Recording below = new Recording(false);
        RowBlocks b = sparseBlocks(below, small, k);
        Thread worker = inPool(3, () -> {
            assertThat(b.run(true)).isTrue();
            return Thread.currentThread();
        });
        assertThat(below.threads).containsExactly(worker);

        Sparse large = Sparse.of(4, 6_554 * 4, k);
        Recording alone = new Recording(false);
        RowBlocks sequential = sparseBlocks(alone, large, k);
        Thread caller = inPool(3, () -> {
            assertThat(sequential.run(false)).isTrue();
            return Thread.currentThread();
        });
        assertThat(alone.threads).containsExactly(caller);

        // hold each thread until a second one comes (none will on one processor: do not wait there)
        Recording several = new Recording(Runtime.getRuntime().availableProcessors() >= 2);
        RowBlocks parallel = sparseBlocks(several, large, k);
        assertThat(inPool(3, () -> parallel.run(true))).isTrue();
        if (Runtime.getRuntime().availableProcessors() < 2) {
            // a JVM with one processor keeps the batch on the caller's thread
            assertThat(several.threads).hasSize(1);
        } else {
            assertThat(several.threads).as("threads that computed blocks").hasSizeGreaterThanOrEqualTo(2);
        }
        assertSameBits(sequential, parallel);
    }

    @Test
    void aLargeBinaryBatchIsComputedOnSeveralThreadsWithTheSameBits() throws Exception {
        int n = 4 * RowBlocks.rowsPerBlock(2);
        double[][] d = binary(8, n, false);
        Recording alone = new Recording(false);
        RowBlocks sequential = new RowBlocks.Binary(alone, n, d[0], d[1], false);
        assertThat(sequential.run(false)).isTrue();
        assertThat(alone.threads).containsExactly(Thread.currentThread());
        Recording several = new Recording(Runtime.getRuntime().availableProcessors() >= 2);
        RowBlocks parallel = new RowBlocks.Binary(several, n, d[0], d[1], false);
        assertThat(inPool(3, () -> parallel.run(true))).isTrue();
        if (Runtime.getRuntime().availableProcessors() < 2) {
            assertThat(several.threads).hasSize(1);
        } else {
            assertThat(several.threads).as("threads that computed blocks").hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(Arrays.equals(parallel.values, sequential.values)).isTrue();
        assertThat(Arrays.equals(parallel.classSums(), sequential.classSums())).isTrue();
    }

    @Test
    void thePropertyIsTrueOrFalseAndAnythingElseIsRefused() {
        assertThat(RowBlocks.parallelAllowed("true")).isTrue();
        assertThat(RowBlocks.parallelAllowed("false")).isFalse();
        for (String bad : new String[] {"", "FALSE", "no", "1"}) {
            assertThatThrownBy(() -> RowBlocks.parallelAllowed(bad)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the system property xent.loss.parallel is '" + bad + "'; it must be true"
                            + " (large batches on every core, the default) or false (one thread)");
        }
    }

    // ---------------------------------------------------------------- errors

    private static void assertSameError(Runnable batch, Runnable perExample, long index) {
        LossInputException a = catchThrowableOfType(LossInputException.class, batch::run);
        LossInputException b = catchThrowableOfType(LossInputException.class, perExample::run);
        assertThat(b).as("the per-example path's exception").isNotNull();
        assertThat(b.exampleIndex()).isEqualTo(index);
        assertThat(a).as("the batch path's exception").isNotNull();
        assertThat(a.exampleIndex()).isEqualTo(index);
        assertThat(a.getMessage()).isEqualTo(b.getMessage());
        assertThat(a.classIndex()).isEqualTo(b.classIndex());
        assertThat(a.input()).isEqualTo(b.input());
        assertThat(a.value()).isEqualTo(b.value());
    }

    private static Runnable pooled(Runnable r) {
        return () -> {
            try {
                inPool(3, () -> {
                    r.run();
                    return null;
                });
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    @Test
    void theLowestBadExampleIsReportedWhenSeveralBlocksHoldBadRows() {
        int k = 10;
        int r = RowBlocks.rowsPerBlock(k);
        int n = 24 * r;
        SparseCrossEntropy sparse = CrossEntropy.sparse(k, Predictions.PROBABILITIES).using(BACKEND);
        CategoricalCrossEntropy categorical = CrossEntropy.categorical(k, Predictions.PROBABILITIES).using(BACKEND);
        // the lowest one last in its block, so that threads starting on later blocks meet theirs first
        int[][] bad = {{5 * r - 1, 9 * r, 15 * r + 3, 23 * r}, {r, 2 * r, 3 * r}, {7, 8 * r, n - 1}};
        for (int[] at : bad) {
            for (int round = 0; round < 3; round++) {
                Sparse d = Sparse.of(round, n, k);
                int[] classes = d.classes();
                double[][] rows = d.rows();
                double[][] oneHot = d.oneHot(k);
                rows[at[0]] = new double[] {0.5, 0.5, Double.NaN, 0, 0, 0, 0, 0, 0, 0};
                for (int i = 1; i < at.length; i++) {
                    switch ((i + round) % 3) {
                        case 0 -> classes[at[i]] = -1;
                        case 1 -> rows[at[i]] = new double[] {0.5, 0.6, 0, 0, 0, 0, 0, 0, 0, 0};
                        default -> rows[at[i]] = null;
                    }
                    oneHot[at[i]] = new double[] {0.5, 0.25, 0, 0, 0, 0, 0, 0, 0, 0};
                }
                assertSameError(pooled(() -> sparse.evaluate(classes, rows)),
                        () -> sparse.evaluate(classes, rows, ones(n)), at[0]);
                assertSameError(() -> sparse.evaluate(classes, rows), () -> sparse.evaluate(classes, rows, ones(n)),
                        at[0]);
                RowBlocks one = new RowBlocks.Sparse(BACKEND, n, k, sparse.rowSumTolerance(), classes, rows);
                assertSameError(() -> one.run(false), () -> sparse.evaluate(classes, rows, ones(n)), at[0]);
                assertSameError(pooled(() -> categorical.evaluate(oneHot, rows)),
                        () -> categorical.evaluate(oneHot, rows, ones(n)), at[0]);
                double[] flat = rowMajor(rows, k);
                assertSameError(pooled(() -> sparse.evaluateRowMajor(classes, flat)),
                        () -> sparse.evaluate(classes, rows, ones(n)), at[0]);
                RowBlocks flatOne = new RowBlocks.SparseRowMajor(BACKEND, n, k, sparse.rowSumTolerance(), classes,
                        flat);
                assertSameError(() -> flatOne.run(false), () -> sparse.evaluate(classes, rows, ones(n)), at[0]);
            }
        }
    }

    @Test
    void aBlockThatFallsBackHidesNoBadRowAfterIt() {
        int k = 10;
        int r = RowBlocks.rowsPerBlock(k);
        int n = 12 * r;
        SparseCrossEntropy sparse = CrossEntropy.sparse(k, Predictions.PROBABILITIES).using(BACKEND);
        CategoricalCrossEntropy categorical = CrossEntropy.categorical(k, Predictions.PROBABILITIES).using(BACKEND);
        Sparse d = Sparse.of(11, n, k);
        int[] classes = d.classes();
        double[][] rows = d.rows();
        // q_y = 0 in block 1 (a loss of +∞: the per-example path), a bad row in block 6
        double[][] infinite = rows.clone();
        infinite[r + 5] = new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        int[] toZero = classes.clone();
        toZero[r + 5] = 1;
        infinite[6 * r + 2] = new double[] {1.5, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertSameError(pooled(() -> sparse.evaluate(toZero, infinite)),
                () -> sparse.evaluate(toZero, infinite, ones(n)), 6 * r + 2);
        // without the bad row the batch falls back and the per-example path gives +∞
        infinite[6 * r + 2] = rows[6 * r + 2];
        RowBlocks fallBack = new RowBlocks.Sparse(BACKEND, n, k, sparse.rowSumTolerance(), toZero, infinite);
        assertThat(fallBack.run(false)).isFalse();
        RowBlocks fallBackMany = new RowBlocks.Sparse(BACKEND, n, k, sparse.rowSumTolerance(), toZero, infinite);
        assertThat(fallBackMany.run(true)).isFalse();
        assertThat(sparse.evaluate(toZero, infinite).mean()).isEqualTo(Double.POSITIVE_INFINITY);
        double[] flatInfinite = rowMajor(infinite, k);
        assertThat(new RowBlocks.SparseRowMajor(BACKEND, n, k, sparse.rowSumTolerance(), toZero, flatInfinite)
                .run(true)).isFalse();
        assertThat(sparse.evaluateRowMajor(toZero, flatInfinite).mean()).isEqualTo(Double.POSITIVE_INFINITY);
        // flat too, a bad row after the block that falls back is found
        double[][] badAfter = infinite.clone();
        badAfter[6 * r + 2] = new double[] {1.5, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        double[] flatBadAfter = rowMajor(badAfter, k);
        assertSameError(pooled(() -> sparse.evaluateRowMajor(toZero, flatBadAfter)),
                () -> sparse.evaluate(toZero, badAfter, ones(n)), 6 * r + 2);

        // a soft target in block 2, a bad prediction row in block 9 and a bad target row in block 4
        double[][] targets = d.oneHot(k);
        targets[2 * r + 1] = new double[] {0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0};
        double[][] badRows = rows.clone();
        badRows[9 * r] = new double[] {0.1, 0.1, 0, 0, 0, 0, 0, 0, 0, 0};
        assertSameError(pooled(() -> categorical.evaluate(targets, badRows)),
                () -> categorical.evaluate(targets, badRows, ones(n)), 9 * r);
        targets[4 * r + 7] = new double[] {0.5, 0.6, 0, 0, 0, 0, 0, 0, 0, 0};
        assertSameError(pooled(() -> categorical.evaluate(targets, badRows)),
                () -> categorical.evaluate(targets, badRows, ones(n)), 4 * r + 7);
        // a bad row before the soft target is thrown by the batch path itself
        double[][] early = rows.clone();
        early[r + 1] = null;
        RowBlocks before = new RowBlocks.Categorical(BACKEND, n, k, categorical.rowSumTolerance(), targets, early);
        assertSameError(pooled(() -> before.run(true)), () -> categorical.evaluate(targets, early, ones(n)), r + 1);
        // only the soft target: the batch falls back, on one thread and on several
        targets[4 * r + 7] = d.oneHot(k)[4 * r + 7];
        RowBlocks softOnly = new RowBlocks.Categorical(BACKEND, n, k, categorical.rowSumTolerance(), targets, rows);
        assertThat(softOnly.run(false)).isFalse();
        RowBlocks softMany = new RowBlocks.Categorical(BACKEND, n, k, categorical.rowSumTolerance(), targets, rows);
        assertThat(softMany.run(true)).isFalse();
    }

    // ---------------------------------------------------------------- the first, plain test

    /** e_j of K: 1 at j and 0 elsewhere. */
    private static double[] unit(int k, int j) {
        double[] e = new double[k];
        e[j] = 1.0;
        return e;
    }

    /** A row-major batch of the rows with the labels, and the first pass over all of it. */
    private static RowBlocks.SparseRowMajor firstPassOver(int[] classes, double[][] rows, int k, double tolerance) {
        return new RowBlocks.SparseRowMajor(BACKEND, rows.length, k, tolerance, classes, rowMajor(rows, k));
    }

    /**
     * Rows beyond doubt: every e_j (entries exactly 0 and 1, at even, odd and last positions), the
     * uniform row, a row of the data; with the labels 0 … K−1.
     */
    private static double[][] clearRows(int k) {
        double[][] rows = new double[k + 2][];
        for (int j = 0; j < k; j++) {
            rows[j] = unit(k, j);
        }
        rows[k] = new double[k];
        Arrays.fill(rows[k], 1.0 / k);
        rows[k + 1] = row(new SplittableRandom(k), k);
        return rows;
    }

    @Test
    void thePlainTestAcceptsEveryRowBeyondDoubtAndTheFirstPassGathersAndCountsIt() {
        for (int k = 2; k <= 6; k++) {
            double tolerance = LossOptions.DEFAULTS.rowSumTolerance(k);
            double accept = tolerance - (2.0 * k + 4.0) * 0x1p-52;
            double[][] rows = clearRows(k);
            int n = rows.length;
            int[] classes = new int[n];
            long[] counts = new long[k];
            for (int i = 0; i < n; i++) {
                assertThat(RowBlocks.clearlyADistribution(rows[i], k, accept)).as("k = %d, %s", k,
                        Arrays.toString(rows[i])).isTrue();
                classes[i] = (i + 1) % k;
                counts[classes[i]]++;
            }
            RowBlocks.SparseRowMajor flat = firstPassOver(classes, rows, k, tolerance);
            assertThat(flat.firstPass(0, n, 0)).as("k = %d", k).isTrue();
            for (int i = 0; i < n; i++) {
                assertThat(flat.values[i]).isEqualTo(rows[i][classes[i]]);
            }
            assertThat(Arrays.copyOf(flat.counts, k)).containsExactly(counts);
        }
    }

    /**
     * Rows (K ≥ 2) the plain test must doubt: one entry out of [0, 1] at each position with the sum still
     * 1, NaN and +∞ at each position, sums off by twice the tolerance, and sums that only a wrong
     * sign would make 1 (Σ even-position entries − Σ odd = 1, and the reverse, and the last entry
     * taken away).
     */
    private static double[][] doubtfulRows(int k, double tolerance) {
        List<double[]> rows = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double[] negative = new double[k];
            Arrays.fill(negative, 1.25 / (k - 1));
            negative[j] = -0.25;
            rows.add(negative);
            double[] above = new double[k];
            Arrays.fill(above, -0.25 / (k - 1));
            above[j] = 1.25;
            rows.add(above);
            double[] nan = unit(k, (j + 1) % k);
            nan[j] = Double.NaN;
            rows.add(nan);
            double[] infinite = unit(k, (j + 1) % k);
            infinite[j] = Double.POSITIVE_INFINITY;
            rows.add(infinite);
            double[] high = unit(k, j);
            high[j] = 1.0 - 0.5;
            high[(j + 1) % k] += 0.5 + 2 * tolerance;
            rows.add(high);
            double[] low = unit(k, j);
            low[j] = 1.0 - 2 * tolerance;
            rows.add(low);
        }
        if (k == 3) {
            rows.add(new double[] {0.75, 0.5, 0.25});
        }
        if (k >= 4) {
            double[] evenHeavy = new double[k];
            double[] oddHeavy = new double[k];
            System.arraycopy(new double[] {0.75, 0.125, 0.5, 0.125}, 0, evenHeavy, 0, 4);
            System.arraycopy(new double[] {0.125, 0.75, 0.125, 0.5}, 0, oddHeavy, 0, 4);
            rows.add(evenHeavy);
            rows.add(oddHeavy);
        }
        return rows.toArray(double[][]::new);
    }

    @Test
    void thePlainTestDoubtsEveryBadRowAndTheBatchThrowsWhatThePerExamplePathThrows() {
        for (int k = 2; k <= 6; k++) {
            double tolerance = LossOptions.DEFAULTS.rowSumTolerance(k);
            double accept = tolerance - (2.0 * k + 4.0) * 0x1p-52;
            SparseCrossEntropy loss = CrossEntropy.sparse(k, Predictions.PROBABILITIES).using(BACKEND);
            for (double[] bad : doubtfulRows(k, tolerance)) {
                String what = "k = " + k + ", " + Arrays.toString(bad);
                assertThat(RowBlocks.clearlyADistribution(bad, k, accept)).as(what).isFalse();
                double[][] rows = {unit(k, 0), bad, unit(k, k - 1)};
                int[] classes = {0, k - 1, k - 1};
                assertThat(firstPassOver(classes, rows, k, tolerance).firstPass(0, 3, 0)).as(what).isFalse();
                double[] flat = rowMajor(rows, k);
                assertSameError(() -> loss.evaluateRowMajor(classes, flat),
                        () -> loss.evaluate(classes, rows, ones(3)), 1);
                assertSameError(() -> loss.evaluate(classes, rows), () -> loss.evaluate(classes, rows, ones(3)), 1);
            }
            double[][] rows = {unit(k, 0), unit(k, 0), unit(k, k - 1)};
            for (int label : new int[] {-1, k}) {
                int[] classes = {0, label, k - 1};
                assertThat(firstPassOver(classes, rows, k, tolerance).firstPass(0, 3, 0)).as("label %d", label)
                        .isFalse();
            }
        }
    }

    @Test
    void thePlainTestAcceptsASumOnlyWithinItsMarginOfTheTolerance() {
        // τ = 2^-30, K = 2: the margin is τ − 8·2^-52; each row sum 1 + d is exact
        double tolerance = 0x1p-30;
        double unit = 0x1p-52;
        double[] clear = {tolerance - 12 * unit, -(tolerance - 12 * unit)};
        double[] doubt = {tolerance - 7 * unit, tolerance, -(tolerance - 7 * unit), tolerance + 4 * unit};
        for (double d : clear) {
            double[][] rows = {{0.5, 0.5 + d}};
            assertThat(firstPassOver(new int[] {1}, rows, 2, tolerance).firstPass(0, 1, 0)).as("d = %s", d).isTrue();
        }
        for (double d : doubt) {
            double[][] rows = {{0.5, 0.5 + d}};
            assertThat(firstPassOver(new int[] {1}, rows, 2, tolerance).firstPass(0, 1, 0)).as("d = %s", d)
                    .isFalse();
        }
    }

    @Test
    void theFirstPassTakesTheRangeFromTheBitsAndAMinusZeroGoesToTheRowByRowChecksWhichAcceptIt() {
        // K = 2, τ = 2^-30: each row sums to exactly 1 (or within 2^-52 of it), so only the
        // range test decides; its boundaries, written with the bits of each value
        double tolerance = 0x1p-30;
        double above = Math.nextUp(1.0);
        double[][] clear = {{0.0, 1.0}, {1.0, 0.0}, {Double.MIN_VALUE, 1.0}, {0.5, 0.5}};
        for (double[] row : clear) {
            assertThat(firstPassOver(new int[] {0}, new double[][] {row}, 2, tolerance).firstPass(0, 1, 0))
                    .as(Arrays.toString(row)).isTrue();
        }
        double[][] doubt = {{-0.0, 1.0}, {1.0, -0.0}, {above, 0.0}, {0.0, above}, {-Double.MIN_VALUE, 1.0},
            {Double.longBitsToDouble(0xfff8_0000_0000_0000L), 1.0}};
        for (double[] row : doubt) {
            assertThat(firstPassOver(new int[] {0}, new double[][] {row}, 2, tolerance).firstPass(0, 1, 0))
                    .as(Arrays.toString(row)).isFalse();
        }
        // −0 is a probability: the batch falls back to the row-by-row checks and gives the bits of
        // the rows' path, on one block and across several
        SparseCrossEntropy loss = CrossEntropy.sparse(2, Predictions.PROBABILITIES).using(BACKEND);
        int n = 2 * RowBlocks.rowsPerBlock(2) + 3;
        int[] classes = new int[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            classes[i] = i % 2;
            rows[i] = new double[] {0.25 + (i % 3) / 8.0, 0.75 - (i % 3) / 8.0};
        }
        rows[1] = new double[] {-0.0, 1.0};
        rows[n - 1] = new double[] {1.0, -0.0};
        LossSummary byRows = loss.evaluate(classes, rows);
        LossSummary flat = loss.evaluateRowMajor(classes, rowMajor(rows, 2));
        assertThat(flat.perExample().orElseThrow()).containsExactly(byRows.perExample().orElseThrow());
        assertThat(Double.doubleToLongBits(flat.sum())).isEqualTo(Double.doubleToLongBits(byRows.sum()));
        // −ln 1 = 0 for row 1 (class 1), and −ln 1 = 0 for the last row (class (n − 1) mod 2 = 0)
        assertThat(flat.perExample().orElseThrow()[1]).isZero();
        assertThat(flat.perExample().orElseThrow()[n - 1]).isZero();
    }

    @Test
    void aBlockCheckedAgainRowByRowIsRecountedAndGivesTheBitsOfTheRows() throws Exception {
        int k = 2;
        int r = RowBlocks.rowsPerBlock(k);
        int n = 3 * r;
        double tolerance = 0x1p-30;
        SplittableRandom random = new SplittableRandom(31);
        int[] classes = new int[n];
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            classes[i] = random.nextInt(k);
            double q = 0.125 * (1 + random.nextInt(7));
            rows[i] = new double[] {q, 1 - q};
        }
        // in doubt but within the tolerance: in the middle block (whose next row is another
        // block's) and as the very last row
        double d = tolerance - 7 * 0x1p-52;
        rows[r + 5] = new double[] {0.5, 0.5 + d};
        rows[n - 1] = new double[] {0.5 + d, 0.5};
        RowBlocks byRows = new RowBlocks.Sparse(BACKEND, n, k, tolerance, classes, rows);
        assertThat(byRows.run(false)).isTrue();
        long[] counts = new long[k];
        for (int c : classes) {
            counts[c]++;
        }
        assertThat(byRows.classCounts()).containsExactly(counts);
        RowBlocks flat = new RowBlocks.SparseRowMajor(BACKEND, n, k, tolerance, classes, rowMajor(rows, k));
        assertThat(flat.run(false)).isTrue();
        assertSameBits(byRows, flat);
        RowBlocks flatMany = new RowBlocks.SparseRowMajor(BACKEND, n, k, tolerance, classes, rowMajor(rows, k));
        assertThat(inPool(3, () -> flatMany.run(true))).isTrue();
        assertSameBits(byRows, flatMany);
    }
}

package dev.xent.loss;

import dev.xent.InformationMeasures;
import dev.xent.loss.LossInputException.Input;
import dev.xent.sum.CompensatedSum;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch of N rows of K entries cut into fixed blocks, checked and computed on one thread or
 * several, its per-class sums merged in a fixed order: the work of {@link BatchPaths#sparse}
 * (rows as arrays, or flat and row-major: {@link BatchPaths#sparseRowMajor}),
 * {@link BatchPaths#categorical} and {@link BatchPaths#binary} (a binary example is a row of two,
 * its outcome and its prediction, with the classes 0 and 1; {@link Binary}).
 *
 * <p><b>Blocks.</b> The rows are cut into blocks of R = max(1, ⌊{@value #BLOCK_ENTRIES}/K⌋) rows
 * (the last one shorter): about 256 KiB of probabilities per block, whose gathered values stay in
 * the cache for the logarithm and the sums. Each K-class block b ({@link Gathered}), in its own row
 * order:
 * <ol>
 *   <li>checks each row with the per-example path's checks, in its order, throwing the same
 *       {@link LossInputException} (the row-sum test of {@link BatchPaths}' class documentation);
 *   <li>gathers q<sub>y</sub> (the predicted probability of the example's class) into
 *       {@code values[i]} and counts the classes;
 *   <li>replaces its values by −ln q<sub>y</sub> with one bulk call
 *       {@link InformationMeasures#informationNats(double[], int, int, double[])} on its range
 *       (where {@code vector}'s kernels run);
 *   <li>adds them into one compensated sum per class, kept as the unevaluated pair
 *       (s<sub>b,j</sub>, c<sub>b,j</sub>) ({@link CompensatedSum#error}).
 * </ol>
 * The pairs of class j are merged in block order with TwoSum: S<sub>j</sub> adds s<sub>0,j</sub>,
 * s<sub>1,j</sub>, …, and the rounding errors of those additions join Σ<sub>b</sub> c<sub>b,j</sub>;
 * the class sum is S<sub>j</sub> + C<sub>j</sub>. The blocks depend on N and K alone, never on the
 * number of threads or on which thread ran which block, so every value, count and sum is the same
 * bit for bit on every run, with one thread or many.
 *
 * <p><b>Threads.</b> From N·K ≥ {@value #PARALLEL_FROM} entries on (and at least two blocks), the
 * blocks are shared out by a fork/join task as in {@code impl-vector}'s {@code BlockSums}: the
 * calling thread computes blocks itself and forks halves into the fork/join pool it runs in — the
 * common pool for an ordinary thread, its own pool inside a parallel stream or a
 * {@code ForkJoinTask} (no thread is added; a saturated pool leaves the blocks to the caller). The
 * system property {@value #PARALLEL_PROPERTY}{@code =false} keeps every batch on the calling
 * thread, and so does a JVM with one processor; one thread runs a plain loop over the blocks.
 *
 * <p><b>Errors and fallbacks.</b> A block stops at its first bad row (its exception) or, after its
 * rows are checked, at a reason to leave the batch to the per-example path: a soft target row, or
 * a loss of +∞ (some q<sub>y</sub> = 0); a binary block throws nothing and stops at any bad or
 * soft example or loss of +∞ (its bulk call's result). Of all blocks that stopped, the lowest
 * decides — its exception is thrown, or the batch falls back — which is what the one-thread loop,
 * going through the blocks in order, does too. Every row below the lowest stopped block has passed
 * its checks, so the exception thrown is the lowest bad example's, exactly the per-example path's;
 * and a fallback is always right, since the per-example path checks everything again from the
 * start. Threads skip the blocks above a block known to have stopped.
 *
 * <p>Allocation: the N values (and the N classes of a categorical batch), which the summary keeps;
 * per block K counts and K pairs (a binary block also an array of its two sums); on several threads
 * a few task objects and one slot per block for an exception. Nothing per element beyond the values
 * and classes.
 */
abstract class RowBlocks {

    /** The entries of a block: {@value} (R = ⌊{@value}/K⌋ rows of K, at least one row). */
    static final int BLOCK_ENTRIES = 1 << 15;

    /** The number of entries N·K from which the blocks are computed on several threads: {@value}. */
    static final long PARALLEL_FROM = 1L << 16;

    /**
     * The system property that keeps every batch on the calling thread: {@value}. {@code false}
     * means one thread; {@code true}, or the property unset, lets batches of at least
     * {@value #PARALLEL_FROM} entries use every core. Read once, when the class is initialised; any
     * other value makes the K-class batch paths throw an {@link IllegalStateException} that says so.
     */
    static final String PARALLEL_PROPERTY = "xent.loss.parallel";

    private static final String PARALLEL_SETTING = System.getProperty(PARALLEL_PROPERTY, "true");

    /** The number of examples N. */
    final int n;
    /** The number of classes K. */
    final int k;
    /** The rows of a block, R. */
    final int rowsPerBlock;
    /** The number of blocks, ⌈N/R⌉. */
    final int blocks;
    /** The loss of each example (a K-class block first gathers q<sub>y</sub> here). */
    final double[] values;
    /** The class of each example; null in a binary batch, whose outcomes are its classes. */
    final int[] classes;
    /** The class counts of block b at [b·K, b·K + K). */
    final long[] counts;

    /** The backend of the bulk calls. */
    final InformationMeasures backend;
    /** The per-class pairs of block b at [b·K, b·K + K): the running sums and their errors. */
    final double[] sums;
    final double[] errors;

    /** On several threads: the exception of each block that stopped at a bad row. */
    private LossInputException[] failures;
    /** On several threads: the lowest block known to have stopped, or {@link #blocks}. */
    private AtomicInteger stopped;

    RowBlocks(InformationMeasures backend, int n, int k, int[] classes) {
        this.backend = backend;
        this.n = n;
        this.k = k;
        this.rowsPerBlock = rowsPerBlock(k);
        this.blocks = (n - 1) / rowsPerBlock + 1;
        this.values = new double[n];
        this.classes = classes;
        this.counts = new long[blocks * k];
        this.sums = new double[blocks * k];
        this.errors = new double[blocks * k];
    }

    /**
     * The rows of a block for K classes: max(1, ⌊{@value #BLOCK_ENTRIES}/K⌋).
     *
     * @param k the number of classes, ≥ 1
     * @return R
     */
    static int rowsPerBlock(int k) {
        return Math.max(1, BLOCK_ENTRIES / k);
    }

    /**
     * Whether a batch of N rows of K may be computed on several threads: N·K ≥
     * {@value #PARALLEL_FROM} and more than one block (the pool and the processors decide the rest).
     *
     * @param n the number of examples
     * @param k the number of classes
     * @return whether the size is worth threads
     */
    static boolean worthThreads(int n, int k) {
        return (long) n * k >= PARALLEL_FROM && n > rowsPerBlock(k);
    }

    /**
     * What the system property {@value #PARALLEL_PROPERTY} allows.
     *
     * @return true for {@code true} or unset, false for {@code false}
     * @throws IllegalStateException for any other value
     */
    static boolean parallelAllowed() {
        return parallelAllowed(PARALLEL_SETTING);
    }

    /**
     * What a setting of {@value #PARALLEL_PROPERTY} allows.
     *
     * @param setting the property's value ({@code "true"} when unset)
     * @return true for {@code "true"}, false for {@code "false"}
     * @throws IllegalStateException for any other value, naming it
     */
    static boolean parallelAllowed(String setting) {
        if ("true".equals(setting)) {
            return true;
        }
        if ("false".equals(setting)) {
            return false;
        }
        throw new IllegalStateException("the system property " + PARALLEL_PROPERTY + " is '" + setting
                + "'; it must be true (large batches on every core, the default) or false (one thread)");
    }

    /**
     * Block b: checked and computed, its counts and pairs written ({@link Gathered} for the K-class
     * rows, {@link Binary} for binary ones).
     *
     * @return false if the batch must go to the per-example path
     * @throws LossInputException at the block's first bad row
     */
    abstract boolean block(int b);

    /**
     * Computes every block, on the threads that {@code parallel} and the size allow.
     *
     * @param parallel whether several threads may take part
     * @return true if every block is done; false if the batch must go to the per-example path
     * @throws LossInputException the lowest bad example's
     */
    final boolean run(boolean parallel) {
        int threads = parallel && worthThreads(n, k) ? threads() : 1;
        if (threads == 1) {
            for (int b = 0; b < blocks; b++) {
                if (!block(b)) {
                    return false;
                }
            }
            return true;
        }
        failures = new LossInputException[blocks];
        stopped = new AtomicInteger(blocks);
        // about four tasks per thread, so that a thread slowed by the machine's other work leaves
        // its share to be stolen
        int grain = Math.max(1, blocks / (4 * threads));
        new Task(this, 0, blocks, grain).invoke();
        int lowest = stopped.get();
        if (lowest == blocks) {
            return true;
        }
        if (failures[lowest] != null) {
            throw failures[lowest];
        }
        return false;
    }

    /** How many threads can take part here: the pool's workers and the caller. */
    private static int threads() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return 1;
        }
        ForkJoinPool pool = ForkJoinTask.inForkJoinPool() ? ForkJoinTask.getPool() : ForkJoinPool.commonPool();
        return pool.getParallelism() + 1;
    }


    /** Notes that block b stopped: the lowest such block wins. */
    private void stop(int b) {
        int current = stopped.get();
        while (b < current && !stopped.compareAndSet(current, b)) {
            current = stopped.get();
        }
    }

    /**
     * The count of each class over all blocks.
     *
     * @return K counts
     */
    final long[] classCounts() {
        long[] total = new long[k];
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < k; j++) {
                total[j] += counts[b * k + j];
            }
        }
        return total;
    }

    /**
     * The sum of each class's losses: its blocks' pairs merged in block order with TwoSum (see the
     * class documentation); every term is finite and ≥ 0, so no infinity meets another.
     *
     * @return K sums, each rounded once from its merged pair
     */
    final double[] classSums() {
        double[][] pairs = classPairs();
        double[] total = new double[k];
        for (int j = 0; j < k; j++) {
            total[j] = CompensatedSum.value(pairs[0][j], pairs[1][j]);
        }
        return total;
    }

    /**
     * Each class's merged pair before its rounding: the running sums s<sub>j</sub> (finite,
     * ≥ 0) and their accumulated errors c<sub>j</sub> (any sign, tiny against s<sub>j</sub>),
     * so that a caller can carry s<sub>j</sub> + c<sub>j</sub> on without rounding it first.
     *
     * @return {s, c}, K entries each
     */
    final double[][] classPairs() {
        double[] heads = new double[k];
        double[] tails = new double[k];
        for (int j = 0; j < k; j++) {
            double s = 0.0;
            double c = 0.0;
            for (int b = 0; b < blocks; b++) {
                double x = sums[b * k + j];
                double t = s + x;
                c += CompensatedSum.error(s, x, t) + errors[b * k + j];
                s = t;
            }
            heads[j] = s;
            tails[j] = c;
        }
        return new double[][] {heads, tails};
    }

    /**
     * Whether every entry is in [0, 1] and the plain sum within {@code accept} of 1: then the
     * exact checks pass (see {@link BatchPaths}' class documentation). Two partial sums, for
     * speed; the error bound holds for any order of addition.
     */
    static boolean clearlyADistribution(double[] row, int k, double accept) {
        boolean ok = true;
        double even = 0.0;
        double odd = 0.0;
        int j = 0;
        for (; j + 1 < k; j += 2) {
            double a = row[j];
            double b = row[j + 1];
            ok &= a >= 0.0 & a <= 1.0 & b >= 0.0 & b <= 1.0;
            even += a;
            odd += b;
        }
        if (j < k) {
            double a = row[j];
            ok &= a >= 0.0 & a <= 1.0;
            even += a;
        }
        return ok & Math.abs((even + odd) - 1.0) <= accept;
    }

    /** K-class rows: each block checks and gathers its rows in Java, then makes one bulk call. */
    abstract static class Gathered extends RowBlocks {

        /** The row-sum tolerance τ of the exact check. */
        final double tolerance;
        /** The margin of the plain row-sum test: τ − (2K + 4)·2<sup>−52</sup>. */
        final double accept;

        Gathered(InformationMeasures backend, int n, int k, double tolerance, int[] classes) {
            super(backend, n, k, classes);
            this.tolerance = tolerance;
            this.accept = tolerance - (2.0 * k + 4.0) * 0x1p-52;
        }

        /**
         * Checks the rows [from, to) in order, gathers q<sub>y</sub> into {@link #values} (and the
         * classes into {@link #classes}, where the rows give them), and counts the classes at
         * {@code counts[base + y]}.
         *
         * @return false if the batch must go to the per-example path (after checking every row)
         * @throws LossInputException at the first bad row, as the per-example path throws it
         */
        abstract boolean gather(int from, int to, int base);

        /** Block b: {@link #gather}, one bulk call, the per-class pairs. */
        @Override
        final boolean block(int b) {
            int from = b * rowsPerBlock;
            int to = Math.min(n, from + rowsPerBlock);
            int base = b * k;
            if (!gather(from, to, base)) {
                return false;
            }
            double total = backend.informationNats(values, from, to, values);
            if (!(total < Double.POSITIVE_INFINITY)) {
                // some q_y = 0 (NaN cannot happen: every row was checked)
                return false;
            }
            double[] v = values;
            int[] y = classes;
            double[] s = sums;
            double[] c = errors;
            for (int i = from; i < to; i++) {
                int j = base + y[i];
                double x = v[i];
                double sj = s[j];
                double t = sj + x;
                c[j] += CompensatedSum.error(sj, x, t);
                s[j] = t;
            }
            return true;
        }
    }

    /** Sparse categorical rows: a class index and a prediction row per example. */
    static final class Sparse extends Gathered {

        private final double[][] rows;

        /**
         * A sparse batch; the classes are the caller's (read only).
         *
         * @param backend computes −ln q<sub>y</sub>
         * @param n the number of examples, ≥ 1
         * @param k the number of classes
         * @param tolerance the row-sum tolerance
         * @param classes y<sub>i</sub>, to be checked
         * @param rows the prediction rows, to be checked
         */
        Sparse(InformationMeasures backend, int n, int k, double tolerance, int[] classes, double[][] rows) {
            super(backend, n, k, tolerance, classes);
            this.rows = rows;
        }

        @Override
        boolean gather(int from, int to, int base) {
            int k = this.k;
            double tolerance = this.tolerance;
            double accept = this.accept;
            int[] classes = this.classes;
            double[][] rows = this.rows;
            double[] values = this.values;
            long[] counts = this.counts;
            for (int i = from; i < to; i++) {
                int label = classes[i];
                Checks.label(label, k, i);
                double[] row = rows[i];
                Checks.rowShape(row, k, Input.PREDICTION_ROW, "prediction", i);
                if (!clearlyADistribution(row, k, accept)) {
                    Predictions.PROBABILITIES.checkRow(row, k, tolerance, i);
                }
                values[i] = row[label];
                counts[base + label]++;
            }
            return true;
        }
    }

    /**
     * Sparse categorical rows held flat, row-major: example i's row at [i·K, i·K + K) of one
     * array. The same checks, values and errors as {@link Sparse} on the same rows.
     */
    static final class SparseRowMajor extends Gathered {

        /** The raw bits of 1.0. */
        private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

        private final double[] entries;

        /**
         * A sparse batch over row-major entries; the classes and the entries are the caller's
         * (read only).
         *
         * @param backend computes −ln q<sub>y</sub>
         * @param n the number of examples, ≥ 1
         * @param k the number of classes
         * @param tolerance the row-sum tolerance
         * @param classes y<sub>i</sub>, to be checked
         * @param entries N·K prediction entries, to be checked
         */
        SparseRowMajor(InformationMeasures backend, int n, int k, double tolerance, int[] classes,
                double[] entries) {
            super(backend, n, k, tolerance, classes);
            this.entries = entries;
        }

        /**
         * {@link #firstPass}; if any row is in doubt, the block is checked again row by row, in
         * order, with the per-example checks.
         */
        @Override
        boolean gather(int from, int to, int base) {
            if (!firstPass(from, to, base)) {
                checkRowByRow(from, to, base);
            }
            return true;
        }

        /**
         * A first pass without a branch per row, in two loops over the block. The first takes the
         * range of every entry from its bits: for a double x with raw bits b (a signed long),
         * b | (b<sub>1</sub> − b), where b<sub>1</sub> is the bits of 1.0, has its sign bit clear
         * exactly when x is in [+0, 1] (b ≥ 0 is +0 … +∞ and the positive NaNs, b ≤ b<sub>1</sub>
         * cuts them at 1), so one or of every entry says whether all are. The second adds each
         * row (the plain sum of {@link RowBlocks#clearlyADistribution}, written out here since C2
         * would not inline the call into this loop), gathers q<sub>y</sub> and counts the classes
         * (a bad label reads and counts class 0). A −0 entry, which the checks accept, is in doubt
         * here and sends the block to the row-by-row checks, which accept it: the same bits either
         * way. Why two loops and the bits, measured: docs/performance.md, "The range from the
         * bits".
         *
         * @return whether every label is in range, every entry in [+0, 1] and every plain row sum
         *     within the margin of 1 (then the gathered values and counts are right)
         */
        boolean firstPass(int from, int to, int base) {
            int k = this.k;
            double accept = this.accept;
            int[] classes = this.classes;
            double[] entries = this.entries;
            double[] values = this.values;
            long[] counts = this.counts;
            long outside = 0L;
            for (int j = from * k, end = to * k; j < end; j++) {
                long bits = Double.doubleToRawLongBits(entries[j]);
                outside |= bits | (ONE_BITS - bits);
            }
            boolean ok = outside >= 0L;
            for (int i = from; i < to; i++) {
                int label = classes[i];
                boolean inRange = label >= 0 & label < k;
                int start = i * k;
                int end = start + k;
                double even = 0.0;
                double odd = 0.0;
                int j = start;
                for (; j + 1 < end; j += 2) {
                    even += entries[j];
                    odd += entries[j + 1];
                }
                if (j < end) {
                    even += entries[j];
                }
                ok &= inRange & Math.abs((even + odd) - 1.0) <= accept;
                int y = inRange ? label : 0;
                values[i] = entries[start + y];
                counts[base + y]++;
            }
            return ok;
        }

        /** The rows [from, to) checked in order as {@link Sparse} checks them, recounted. */
        private void checkRowByRow(int from, int to, int base) {
            Arrays.fill(counts, base, base + k, 0L);
            for (int i = from; i < to; i++) {
                int label = classes[i];
                Checks.label(label, k, i);
                double[] row = Arrays.copyOfRange(entries, i * k, i * k + k);
                if (!clearlyADistribution(row, k, accept)) {
                    Predictions.PROBABILITIES.checkRow(row, k, tolerance, i);
                }
                values[i] = row[label];
                counts[base + label]++;
            }
        }
    }

    /** Categorical rows: a target row and a prediction row per example; only one-hot targets. */
    static final class Categorical extends Gathered {

        private final double[][] targets;
        private final double[][] rows;

        /**
         * A categorical batch; the classes of the one-hot targets are written into a new array.
         *
         * @param backend computes −ln q<sub>c</sub>
         * @param n the number of examples, ≥ 1
         * @param k the number of classes
         * @param tolerance the row-sum tolerance
         * @param targets the target rows, to be checked
         * @param rows the prediction rows, to be checked
         */
        Categorical(InformationMeasures backend, int n, int k, double tolerance, double[][] targets,
                    double[][] rows) {
            super(backend, n, k, tolerance, new int[n]);
            this.targets = targets;
            this.rows = rows;
        }

        /** Checks both rows of each example; false (after them all) if some target is not one-hot. */
        @Override
        boolean gather(int from, int to, int base) {
            int k = this.k;
            double tolerance = this.tolerance;
            double accept = this.accept;
            int[] classes = this.classes;
            double[][] targets = this.targets;
            double[][] rows = this.rows;
            double[] values = this.values;
            long[] counts = this.counts;
            boolean oneHot = true;
            for (int i = from; i < to; i++) {
                double[] t = targets[i];
                Checks.rowShape(t, k, Input.TARGET_ROW, "target", i);
                // one-hot: one entry that is not ±0 (NaN counts), and it is exactly 1. Such a row
                // passes the target checks (entries in [0, 1], sum exactly 1), so only the other
                // rows are checked; the counts are taken without a branch on where the 1 is
                int nonzero = 0;
                int c = 0;
                for (int j = 0; j < k; j++) {
                    boolean set = t[j] != 0.0;
                    nonzero += set ? 1 : 0;
                    c = set ? j : c;
                }
                if (nonzero != 1 || t[c] != 1.0) {
                    if (!clearlyADistribution(t, k, accept)) {
                        Checks.probabilities(t, k, Input.TARGET, "target", i);
                        Checks.rowSum(t, k, false, tolerance, Input.TARGET_ROW, "target", i);
                    }
                    // a soft target: the batch goes to the per-example path once its rows are checked
                    oneHot = false;
                    c = 0;
                }
                double[] row = rows[i];
                Checks.rowShape(row, k, Input.PREDICTION_ROW, "prediction", i);
                if (!clearlyADistribution(row, k, accept)) {
                    Predictions.PROBABILITIES.checkRow(row, k, tolerance, i);
                }
                classes[i] = c;
                values[i] = row[c];
                counts[base + c]++;
            }
            return oneHot;
        }
    }

    /**
     * Binary rows on hard labels: an outcome y<sub>i</sub> and a probability or a logit per
     * example, K = 2 (outcome 0, outcome 1), so a block holds {@value #BLOCK_ENTRIES}/2 examples.
     * Each block is one bulk call of the backend on its range
     * ({@link InformationMeasures#bernoulliInformationNats} or
     * {@link InformationMeasures#bernoulliLogitInformationNats}), which checks the block's inputs in
     * the same pass and writes its values; its two outcome sums become the block's pairs (s, 0).
     * A block whose call reports a bad or soft input, or a loss of +∞, sends the batch to the
     * per-example path; binary blocks never throw.
     */
    static final class Binary extends RowBlocks {

        private final double[] y;
        private final double[] p;
        private final boolean logits;

        /**
         * A binary batch.
         *
         * @param backend computes the losses
         * @param n the number of examples, ≥ 1
         * @param y the outcomes, to be checked by the backend
         * @param p the probabilities or logits of outcome 1, to be checked by the backend
         * @param logits whether p holds logits
         */
        Binary(InformationMeasures backend, int n, double[] y, double[] p, boolean logits) {
            super(backend, n, 2, null);
            this.y = y;
            this.p = p;
            this.logits = logits;
        }

        @Override
        boolean block(int b) {
            int from = b * rowsPerBlock;
            int to = Math.min(n, from + rowsPerBlock);
            double[] outcome = new double[2];
            long ones = logits ? backend.bernoulliLogitInformationNats(y, p, from, to, values, outcome)
                    : backend.bernoulliInformationNats(y, p, from, to, values, outcome);
            if (ones < 0 || !(outcome[0] < Double.POSITIVE_INFINITY && outcome[1] < Double.POSITIVE_INFINITY)) {
                return false;
            }
            counts[2 * b] = (to - from) - ones;
            counts[2 * b + 1] = ones;
            sums[2 * b] = outcome[0];
            sums[2 * b + 1] = outcome[1];
            return true;
        }
    }

    /** Blocks [lo, hi): halves forked until at most {@code grain} blocks, then computed in order. */
    private static final class Task extends RecursiveAction {

        private static final long serialVersionUID = 1L;

        private final transient RowBlocks batch;
        private final int lo;
        private final int hi;
        private final int grain;

        Task(RowBlocks batch, int lo, int hi, int grain) {
            this.batch = batch;
            this.lo = lo;
            this.hi = hi;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            RowBlocks batch = this.batch;
            if (lo >= batch.stopped.get()) {
                return;
            }
            if (hi - lo > grain) {
                int mid = (lo + hi) >>> 1;
                invokeAll(new Task(batch, lo, mid, grain), new Task(batch, mid, hi, grain));
                return;
            }
            for (int b = lo; b < hi && b < batch.stopped.get(); b++) {
                try {
                    if (!batch.block(b)) {
                        batch.stop(b);
                        return;
                    }
                } catch (LossInputException e) {
                    batch.failures[b] = e;
                    batch.stop(b);
                    return;
                }
            }
        }
    }
}

package dev.xent.loss;

import dev.xent.BackendNotFoundException;
import dev.xent.Backends;
import dev.xent.InformationMeasures;

/**
 * The batch fast paths of {@code evaluate}: a whole batch validated in one pass, its losses
 * computed by one bulk call of the backend
 * ({@link InformationMeasures#bernoulliInformationNats},
 * {@link InformationMeasures#bernoulliLogitInformationNats},
 * {@link InformationMeasures#informationNats(double[], int, int, double[])}), which a vectorised
 * backend overrides, and recorded into the tally at once ({@link Tally#recordBatch}).
 *
 * <p><b>Same results as the per-example path.</b> Binary batches are checked by the bulk call
 * itself, in the same pass (vector compares in {@code vector}): it reports any bad or soft target
 * or bad prediction by its result, and the per-example path then runs from the start and throws
 * at the first bad example, as it always did. K-class batches are checked here, in example order,
 * each example's checks in the order of the per-example path, throwing the same
 * {@link LossInputException} (the same check's own code is called wherever the fast test is in
 * doubt), so the first bad example and its message are the same. Anything the fast path does not handle — sample weights,
 * class weights, label smoothing, clipping, a profile that rescales rows or clamps logarithms,
 * soft binary targets, a loss of +∞, an empty batch — makes it return null, and the caller runs
 * the per-example path from the start: the fast path never changes what is computed, only how
 * fast. The per-example values are those of the backend's bulk operation (with a backend that
 * keeps the interface's default methods, bit for bit those of the per-example path); the sums are
 * compensated as before, grouped by class. Every batch is cut into fixed blocks, computed on
 * several threads when large and merged in block order ({@link RowBlocks}): the same bits with
 * one thread or many, and the lowest bad example's exception.
 *
 * <p><b>The row-sum test.</b> The per-example check compares a compensated sum with the
 * tolerance τ. The fast test adds the row plainly, whose error for K entries in [0, 1] summing to
 * at most 1.5 is below 1.5·K·2<sup>−53</sup>, and the compensated sum's below 2·2<sup>−52</sup>:
 * a plain sum within τ − (2K + 4)·2<sup>−52</sup> of 1 therefore passes the exact check too, and
 * any other row (a bad one, or one near the bound) goes to the exact check itself.
 */
final class BatchPaths {

    private BatchPaths() {
    }

    /** Whether options leave the per-example loss of probabilities at its plain definition. */
    private static boolean plain(LossOptions options) {
        return options.labelSmoothing() == 0.0 && !options.hasClassWeights()
                && options.clipping().isExact() && !options.profile().rescalesRows()
                && !options.profile().clampsLogs();
    }

    /**
     * Binary cross-entropy on hard labels: from probabilities −ln p for y = 1, −ln(1 − p) for
     * y = 0, through {@link InformationMeasures#bernoulliInformationNats}; from logits
     * softplus(∓z), through {@link InformationMeasures#bernoulliLogitInformationNats} (the
     * options' backend or the default one; with none installed, the per-example path, which needs
     * none), block by block, on several threads for large batches ({@link RowBlocks.Binary}).
     *
     * @return the summary, or null if the per-example path must run (see the class documentation)
     * @throws IllegalStateException if {@value RowBlocks#PARALLEL_PROPERTY} is neither true nor false
     */
    static LossSummary binary(BinaryCrossEntropy loss, double[] y, double[] p, int n) {
        LossOptions options = loss.options();
        boolean logits = loss.predictions() == Predictions.LOGITS;
        // clipping and profiles do not apply to logits; smoothing and class weights do
        boolean handled = logits ? options.labelSmoothing() == 0.0 && !options.hasClassWeights()
                : loss.predictions() == Predictions.PROBABILITIES && plain(options);
        if (n == 0 || !handled) {
            return null;
        }
        InformationMeasures backend = logits ? logitBackend(options) : loss.backend();
        if (backend == null) {
            return null;
        }
        // each block validated by its bulk call in the same pass: a bad or soft target or a bad
        // prediction, or a loss of +∞, sends the batch to the per-example path
        RowBlocks batch = new RowBlocks.Binary(backend, n, y, p, logits);
        return batch.run(RowBlocks.parallelAllowed()) ? record(loss, batch) : null;
    }

    /**
     * The backend that computes a batch of logits: the options' or the default one. Logits need
     * no backend per example, so none installed, or one that cannot run in this JVM, leaves the
     * batch to the per-example path (null) instead of failing.
     */
    private static InformationMeasures logitBackend(LossOptions options) {
        InformationMeasures backend;
        try {
            backend = options.backend().orElseGet(Backends::defaultBackend);
        } catch (BackendNotFoundException e) {
            return null;
        }
        return backend.unavailableReason().isPresent() ? null : backend;
    }

    /**
     * Sparse categorical cross-entropy from probability rows: −ln q<sub>y</sub>, through
     * {@link InformationMeasures#informationNats(double[], int, int, double[])} on the gathered
     * q<sub>y</sub>, block by block, on several threads for large batches ({@link RowBlocks}).
     *
     * @return the summary, or null if the per-example path must run (see the class documentation)
     * @throws IllegalStateException if {@value RowBlocks#PARALLEL_PROPERTY} is neither true nor false
     */
    static LossSummary sparse(SparseCrossEntropy loss, int[] classes, double[][] rows, int n) {
        if (n == 0 || loss.predictions() != Predictions.PROBABILITIES || !plain(loss.options())) {
            return null;
        }
        RowBlocks batch = new RowBlocks.Sparse(loss.backend(), n, loss.numClasses(), loss.rowSumTolerance(),
                classes, rows);
        return batch.run(RowBlocks.parallelAllowed()) ? record(loss, batch) : null;
    }

    /**
     * {@link #sparse} on rows held flat, row-major (example i's row at [i·K, i·K + K) of
     * {@code entries}), with the same values, checks and errors ({@link RowBlocks.SparseRowMajor}).
     *
     * @return the summary, or null if the per-example path must run (see the class documentation)
     * @throws IllegalStateException if {@value RowBlocks#PARALLEL_PROPERTY} is neither true nor false
     */
    static LossSummary sparseRowMajor(SparseCrossEntropy loss, int[] classes, double[] entries, int n) {
        if (n == 0 || loss.predictions() != Predictions.PROBABILITIES || !plain(loss.options())) {
            return null;
        }
        RowBlocks batch = new RowBlocks.SparseRowMajor(loss.backend(), n, loss.numClasses(),
                loss.rowSumTolerance(), classes, entries);
        return batch.run(RowBlocks.parallelAllowed()) ? record(loss, batch) : null;
    }

    /**
     * Categorical cross-entropy from probability rows against one-hot target rows: H(t, q) =
     * −ln q<sub>c</sub> for the class c of t, through
     * {@link InformationMeasures#informationNats(double[], int, int, double[])} on the gathered
     * q<sub>c</sub>, block by block, on several threads for large batches ({@link RowBlocks}). Both
     * rows of every example are checked, in the per-example path's order; a soft target row (any
     * second nonzero entry) leaves the batch to the per-example path.
     *
     * @return the summary, or null if the per-example path must run (see the class documentation)
     * @throws IllegalStateException if {@value RowBlocks#PARALLEL_PROPERTY} is neither true nor false
     */
    static LossSummary categorical(CategoricalCrossEntropy loss, double[][] targets, double[][] rows, int n) {
        if (n == 0 || loss.predictions() != Predictions.PROBABILITIES || !plain(loss.options())) {
            return null;
        }
        RowBlocks batch = new RowBlocks.Categorical(loss.backend(), n, loss.numClasses(),
                loss.rowSumTolerance(), targets, rows);
        return batch.run(RowBlocks.parallelAllowed()) ? record(loss, batch) : null;
    }

    /** A computed batch's values, class counts and merged per-class sums, recorded into a new tally. */
    private static LossSummary record(Loss loss, RowBlocks batch) {
        Tally tally = new Tally(batch.k, true);
        double[][] pairs = batch.classPairs();
        tally.recordBatch(batch.values, batch.classCounts(), pairs[0], pairs[1]);
        return tally.summary(loss);
    }
}

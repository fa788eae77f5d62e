package dev.xent.vector;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Long inputs cut into fixed blocks, summed on one thread or several, merged in a fixed order.
 *
 * <p><b>Blocks.</b> An input of n &gt; {@value #BLOCK} entries is cut into blocks of {@value #BLOCK}
 * entries (the last one shorter). Each block's compensated sum is kept as an unevaluated pair
 * (s<sub>k</sub>, c<sub>k</sub>), and the pairs are merged in block order with TwoSum: the running
 * sum adds s<sub>0</sub>, s<sub>1</sub>, … and the rounding errors of those additions join
 * Σ c<sub>k</sub>. The blocks depend on n alone, never on the number of threads or on which thread
 * ran which block, so the result is the same bit for bit on every run, with one thread or many.
 * An input of at most {@value #BLOCK} entries is one block, summed as before this class existed.
 *
 * <p><b>Threads.</b> From {@value #PARALLEL_FROM} entries on (the threshold measured in
 * docs/performance.md), the blocks are shared out by a fork/join task: the calling thread computes
 * blocks itself and forks the rest into the fork/join pool it runs in — the common pool for an
 * ordinary thread (parallelism: cores − 1, so with the caller every core), the caller's own pool
 * inside a parallel stream or a {@code ForkJoinTask}, where the forked halves queue behind the
 * caller's work and are stolen only by idle workers: no thread is added, nothing waits on a thread
 * that waits for it, and a saturated pool just runs the blocks on the caller's own thread. This is
 * how the JDK's parallel streams and {@code Arrays.parallelSort} use the pool. The task writes each
 * block's pair into its own two slots of one array; the joins order those writes before the merge.
 * The system property {@value VectorMeasures#PARALLEL_PROPERTY}{@code =false} keeps every call on
 * the calling thread (and so does a JVM with one processor).
 *
 * <p>Allocation: nothing for n ≤ {@value #BLOCK}; above, one array of two doubles per block and,
 * on several threads, a few task objects per call — nothing per element.
 */
final class BlockSums {

    /** The fixed block length: {@value} entries (256 KiB of p and q, which fit the L2 cache). */
    static final int BLOCK = 1 << 14;

    /** The length from which the blocks are summed on several threads: {@value}. */
    static final int PARALLEL_FROM = 1 << 16;

    /** Which sum. */
    enum Measure {
        /** Σ p ln p. */
        ENTROPY,
        /** Σ p ln q. */
        CROSS_ENTROPY,
        /** Σ p ln(p/q). */
        KL
    }

    private BlockSums() {
    }

    /**
     * The sum of {@code measure} over the whole input, as {@link Kernels} defines it (not negated,
     * not clamped; ±∞ as there).
     *
     * @param kernels the mode's loops
     * @param measure which sum
     * @param p the probabilities of P
     * @param q the probabilities of Q ({@code p} itself for the entropy)
     * @param parallel whether several threads may take part
     * @return the sum, rounded once from the merged pairs
     */
    static double sum(Kernels kernels, Measure measure, double[] p, double[] q, boolean parallel) {
        int n = p.length;
        if (n <= BLOCK) {
            return block(kernels, measure, p, q, 0, n, null, 0);
        }
        int blocks = (n - 1) / BLOCK + 1;
        double[] pairs = new double[2 * blocks];
        int threads = parallel && n >= PARALLEL_FROM ? threads() : 1;
        if (threads > 1) {
            // about four tasks per thread, so that a thread slowed by the machine's other work
            // leaves its share to be stolen
            int grain = Math.max(1, blocks / (4 * threads));
            new Task(kernels, measure, p, q, 0, blocks, grain, pairs).invoke();
        } else {
            for (int k = 0; k < blocks; k++) {
                block(kernels, measure, p, q, k, n, pairs);
            }
        }
        return merge(pairs);
    }

    /** How many threads can take part here: the pool's workers and the caller. */
    private static int threads() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return 1;
        }
        ForkJoinPool pool = ForkJoinTask.inForkJoinPool() ? ForkJoinTask.getPool() : ForkJoinPool.commonPool();
        return pool.getParallelism() + 1;
    }

    private static void block(Kernels kernels, Measure measure, double[] p, double[] q, int k, int n,
                              double[] pairs) {
        int from = k * BLOCK;
        block(kernels, measure, p, q, from, Math.min(n, from + BLOCK), pairs, 2 * k);
    }

    private static double block(Kernels kernels, Measure measure, double[] p, double[] q, int from, int to,
                                double[] out, int slot) {
        switch (measure) {
            case ENTROPY:
                return kernels.entropy(p, from, to, out, slot);
            case CROSS_ENTROPY:
                return kernels.crossEntropy(p, q, from, to, out, slot);
            default:
                return kernels.klDivergence(p, q, from, to, out, slot);
        }
    }

    /**
     * The pairs (s<sub>k</sub>, c<sub>k</sub>) merged in block order: TwoSum over the s, the
     * errors and every c added to one compensation. An infinite s (a block with q = 0 &lt; p) is the
     * result; the measures give it one sign only, so no two infinities meet.
     */
    static double merge(double[] pairs) {
        double s = 0.0;
        double c = 0.0;
        for (int k = 0; k < pairs.length; k += 2) {
            double x = pairs[k];
            if (Double.isInfinite(x)) {
                return x;
            }
            double t = s + x;
            double b = t - s;
            c += (s - (t - b)) + (x - b) + pairs[k + 1];
            s = t;
        }
        return s + c;
    }

    /** Blocks [lo, hi): halves forked until at most {@code grain} blocks, then summed in place. */
    private static final class Task extends RecursiveAction {

        private static final long serialVersionUID = 1L;

        private final transient Kernels kernels;
        private final Measure measure;
        private final double[] p;
        private final double[] q;
        private final int lo;
        private final int hi;
        private final int grain;
        private final double[] pairs;

        Task(Kernels kernels, Measure measure, double[] p, double[] q, int lo, int hi, int grain,
             double[] pairs) {
            this.kernels = kernels;
            this.measure = measure;
            this.p = p;
            this.q = q;
            this.lo = lo;
            this.hi = hi;
            this.grain = grain;
            this.pairs = pairs;
        }

        @Override
        protected void compute() {
            if (hi - lo <= grain) {
                for (int k = lo; k < hi; k++) {
                    block(kernels, measure, p, q, k, p.length, pairs);
                }
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Task(kernels, measure, p, q, lo, mid, grain, pairs),
                    new Task(kernels, measure, p, q, mid, hi, grain, pairs));
        }
    }
}

package dev.xent.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Long inputs: cut into fixed blocks, summed on one thread or several, merged in a fixed order. Runs
 * with the Vector API (both modes) and without it (the scalar mode only), so it names no
 * incubating type.
 */
class BlocksAndThreadsTest {

    private static final int BLOCK = BlockSums.BLOCK;

    /** Lengths around every boundary: one block, two, the parallel threshold, many blocks and a tail. */
    private static final int[] LENGTHS = {BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 3,
        BlockSums.PARALLEL_FROM - 1, BlockSums.PARALLEL_FROM, BlockSums.PARALLEL_FROM + 5, 40 * BLOCK + 13};

    /**
     * Against the double-double reference below: its own error is about 1 ulp of the result (each
     * StrictMath logarithm within 1 ulp, the terms of one sign), the backend's about 1 ulp too, so 8
     * ulps leaves room for both and still fails a plain sum over 10<sup>5</sup> terms or a block
     * lost or counted twice.
     */
    private static final int ULPS = 8;

    private static List<Mode> modes() {
        return Mode.CURRENT == Mode.VECTOR_API ? List.of(Mode.VECTOR_API, Mode.SCALAR) : List.of(Mode.SCALAR);
    }

    private static double[] distribution(SplittableRandom random, int n, double zeroShare) {
        double[] p = new double[n];
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            p[i] = random.nextDouble() < zeroShare ? 0.0 : random.nextDouble();
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** −Σ p ln q in double-double with StrictMath (fdlibm), sharing no code with the backend. */
    private static double reference(double[] p, double[] q) {
        double hi = 0.0;
        double lo = 0.0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0.0) {
                double f = -StrictMath.log(q[i]);
                double x = p[i] * f;
                double s = hi + x;
                double b = s - hi;
                lo += (hi - (s - b)) + (x - b) + Math.fma(p[i], f, -x);
                hi = s;
            }
        }
        return hi + lo;
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }

    private static List<ToDoubleFunction<VectorMeasures>> measures(double[] p, double[] q) {
        return List.of(m -> m.entropyNats(p), m -> m.crossEntropyNats(p, q), m -> m.klDivergenceNats(p, q));
    }

    @Test
    void oneThreadAndEveryThreadGiveTheSameBitsAtEveryLength() {
        SplittableRandom random = new SplittableRandom(20261202L);
        for (Mode mode : modes()) {
            VectorMeasures one = new VectorMeasures(mode, false);
            VectorMeasures all = new VectorMeasures(mode, true);
            for (int n : LENGTHS) {
                double[] p = distribution(random, n, 0.2);
                double[] q = distribution(random, n, 0.0);
                for (ToDoubleFunction<VectorMeasures> measure : measures(p, q)) {
                    long expected = bits(measure.applyAsDouble(one));
                    for (int run = 0; run < 4; run++) {
                        assertThat(bits(measure.applyAsDouble(all))).as("%s, n = %d, run %d", mode, n, run)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @Test
    void longSumsStayWithinAFewUlpsOfADoubleDoubleReferenceInEveryMode() {
        SplittableRandom random = new SplittableRandom(7L);
        int n = 1_000_003;
        double[] p = distribution(random, n, 0.1);
        double[] q = distribution(random, n, 0.0);
        double entropy = reference(p, p);
        double crossEntropy = reference(p, q);
        for (Mode mode : modes()) {
            for (boolean parallel : new boolean[] {false, true}) {
                VectorMeasures m = new VectorMeasures(mode, parallel);
                String what = mode + (parallel ? ", every core" : ", one thread");
                assertThat(m.entropyNats(p)).as("H(P), %s", what)
                        .isCloseTo(entropy, org.assertj.core.data.Offset.offset(ULPS * Math.ulp(entropy)));
                assertThat(m.crossEntropyNats(p, q)).as("H(P,Q), %s", what)
                        .isCloseTo(crossEntropy, org.assertj.core.data.Offset.offset(ULPS * Math.ulp(crossEntropy)));
                // KL = H(P,Q) − H(P); both references within about 1 ulp of values near 14
                assertThat(m.klDivergenceNats(p, q)).as("KL, %s", what)
                        .isCloseTo(crossEntropy - entropy, org.assertj.core.data.Offset.offset(ULPS * Math.ulp(crossEntropy)));
            }
        }
    }

    @Test
    void anImpossibleEventInAnyBlockMakesTheDivergenceInfinite() {
        SplittableRandom random = new SplittableRandom(3L);
        int n = 5 * BlockSums.PARALLEL_FROM + 3;
        double[] p = distribution(random, n, 0.0);
        for (int at : new int[] {0, BLOCK - 1, n / 2, n - 1}) {
            double[] q = distribution(random, n, 0.0);
            q[at] = 0.0;
            for (Mode mode : modes()) {
                for (boolean parallel : new boolean[] {false, true}) {
                    VectorMeasures m = new VectorMeasures(mode, parallel);
                    assertThat(m.crossEntropyNats(p, q)).as("H(P,Q), q = 0 at %d, %s", at, mode)
                            .isEqualTo(Double.POSITIVE_INFINITY);
                    assertThat(m.klDivergenceNats(p, q)).as("KL, q = 0 at %d, %s", at, mode)
                            .isEqualTo(Double.POSITIVE_INFINITY);
                }
            }
        }
    }

    @Test
    void zerosOfQUnderZerosOfPInOneBlockCostNothing() {
        // p = q = 0 on a stretch of the third block: those events contribute 0 (the masked passes)
        SplittableRandom random = new SplittableRandom(11L);
        int n = 3 * BlockSums.PARALLEL_FROM;
        double[] p = distribution(random, n, 0.0);
        double[] q = distribution(random, n, 0.0);
        double removed = 0.0;
        for (int i = 2 * BLOCK + 100; i < 2 * BLOCK + 200; i++) {
            removed += p[i];
            p[i] = 0.0;
            q[i] = 0.0;
        }
        p[0] += removed;
        double entropy = reference(p, p);
        double crossEntropy = reference(p, q);
        for (Mode mode : modes()) {
            VectorMeasures m = new VectorMeasures(mode, true);
            assertThat(m.crossEntropyNats(p, q)).as("H(P,Q), %s", mode)
                    .isCloseTo(crossEntropy, org.assertj.core.data.Offset.offset(ULPS * Math.ulp(crossEntropy)));
            assertThat(m.klDivergenceNats(p, q)).as("KL, %s", mode)
                    .isCloseTo(crossEntropy - entropy, org.assertj.core.data.Offset.offset(ULPS * Math.ulp(crossEntropy)));
        }
    }

    @Test
    void insideAParallelStreamAndAnotherForkJoinPoolTheBitsAreTheSame() throws Exception {
        SplittableRandom random = new SplittableRandom(5L);
        int n = 4 * BlockSums.PARALLEL_FROM + 1;
        double[] p = distribution(random, n, 0.0);
        double[] q = distribution(random, n, 0.0);
        VectorMeasures all = new VectorMeasures(Mode.CURRENT, true);
        long expected = bits(new VectorMeasures(Mode.CURRENT, false).crossEntropyNats(p, q));
        // a caller's parallel stream on the common pool: the calls' own blocks queue behind its tasks
        List<Long> fromStream = IntStream.range(0, 8).parallel()
                .mapToObj(i -> bits(all.crossEntropyNats(p, q))).toList();
        assertThat(fromStream).containsOnly(expected);
        // a caller's own pool, larger than the machine: the blocks are forked into that pool
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            List<Long> fromPool = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fromPool.add(pool.submit(() -> bits(all.crossEntropyNats(p, q))).get());
            }
            assertThat(fromPool).containsOnly(expected);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theParallelPropertyAcceptsTrueOrFalseAndQuotesAnythingElse() {
        assertThat(VectorMeasures.checkParallelSetting("true")).isNull();
        assertThat(VectorMeasures.checkParallelSetting("false")).isNull();
        assertThat(VectorMeasures.checkParallelSetting("2"))
                .isEqualTo("the system property xent.vector.parallel is '2'; it must be true (long inputs on"
                        + " every core, the default) or false (one thread)");
    }

    @Test
    void theDescriptionSaysWhichModeRunsAndOnHowManyThreads() {
        assertThat(new VectorMeasures(Mode.SCALAR, true).description()).startsWith("scalar mode")
                .endsWith("long inputs on every core");
        assertThat(new VectorMeasures(Mode.SCALAR, false).description())
                .endsWith("one thread (xent.vector.parallel=false)");
        if (Mode.CURRENT == Mode.VECTOR_API) {
            assertThat(new VectorMeasures(Mode.VECTOR_API, true).description()).startsWith("Vector API");
        }
    }
}

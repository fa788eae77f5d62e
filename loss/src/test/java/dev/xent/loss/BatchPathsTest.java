package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import dev.xent.testing.FormulaMeasures;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The batch paths of {@code evaluate} ({@link BatchPaths}) against the per-example path, which the
 * same call takes when it is given sample weights of 1 (a second method on the same data), and
 * against mpmath on a few values: the same per-example values (bit for bit with a backend that keeps
 * the interface's default bulk methods), counts and class counts, sums and means within
 * {@link LossAccumulator#MERGE_RELATIVE_TOLERANCE}; the same exception, with the same example
 * index, for bad input at every position (every lane and the tail of any vector width); and the
 * per-example path for whatever the batch path leaves to it.
 */
class BatchPathsTest {

    private static final FormulaMeasures BACKEND = new FormulaMeasures();

    /** Sizes around the lane counts 2, 4 and 8, and one large batch. */
    private static final int[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 1000, 20_000};

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    /** The same summary, the sums to the merge tolerance (the batch groups them by class). */
    private static void assertSameSummary(LossSummary batch, LossSummary perExample) {
        assertThat(batch.count()).isEqualTo(perExample.count());
        assertThat(batch.weightSum()).isEqualTo(perExample.weightSum());
        assertThat(batch.perExample().orElseThrow()).containsExactly(perExample.perExample().orElseThrow());
        double tolerance = LossAccumulator.MERGE_RELATIVE_TOLERANCE;
        assertThat(batch.sum()).isCloseTo(perExample.sum(), within(tolerance * perExample.sum()));
        assertThat(batch.mean()).isCloseTo(perExample.mean(), within(tolerance * perExample.mean()));
        assertThat(batch.clipCount()).isEqualTo(perExample.clipCount());
        for (int c = 0; c < batch.numClasses(); c++) {
            assertThat(batch.classCount(c)).as("class %d", c).isEqualTo(perExample.classCount(c));
            assertThat(batch.classWeightSum(c)).as("class %d", c).isEqualTo(perExample.classWeightSum(c));
            if (perExample.classMean(c).isPresent()) {
                double m = perExample.classMean(c).getAsDouble();
                assertThat(batch.classMean(c).getAsDouble()).as("class %d", c).isCloseTo(m, within(tolerance * m));
            } else {
                assertThat(batch.classMean(c)).as("class %d", c).isEmpty();
            }
        }
    }

    /** A backend that counts its bulk calls, to tell which path ran. */
    private static final class Counting extends FormulaStandIn {
        final AtomicInteger bulk = new AtomicInteger();

        Counting() {
            super("counting", "the formulas, counting bulk calls");
        }

        @Override
        public double informationNats(double[] p, int from, int to, double[] out) {
            bulk.incrementAndGet();
            return super.informationNats(p, from, to, out);
        }

        @Override
        public long bernoulliLogitInformationNats(double[] y, double[] z, int from, int to, double[] out,
                double[] sums) {
            bulk.incrementAndGet();
            return super.bernoulliLogitInformationNats(y, z, from, to, out, sums);
        }

        @Override
        public long bernoulliInformationNats(double[] y, double[] p, int from, int to, double[] out,
                double[] sums) {
            bulk.incrementAndGet();
            return super.bernoulliInformationNats(y, p, from, to, out, sums);
        }
    }

    // ---------------------------------------------------------------- binary

    private static double[][] binaryBatch(SplittableRandom r, int n) {
        double[] y = new double[n];
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(6);
            p[i] = kind == 0 ? Math.pow(10, -r.nextInt(1, 300)) : kind == 1 ? 1.0 - r.nextInt(1, 100) * 0x1p-53
                    : kind == 2 ? 0.5 : r.nextDouble(0.001, 0.999);
            y[i] = r.nextInt(2);
        }
        return new double[][] {y, p};
    }

    @Test
    void binaryBatchesGiveThePerExampleValuesCountsAndMeans() {
        SplittableRandom r = new SplittableRandom(13);
        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES).using(BACKEND);
        for (int n : SIZES) {
            double[][] d = binaryBatch(r, n);
            assertSameSummary(loss.evaluate(d[0], d[1]), loss.evaluate(d[0], d[1], ones(n)));
        }
    }

    @Test
    void binaryBatchPathIsTakenForLabelsAndLeftForSoftTargetsInfiniteLossesAndOptions() {
        Counting counting = new Counting();
        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES).using(counting);
        double[] y = {1, 0, 1, 0, 1};
        double[] p = {0.9, 0.2, 0.6, 0.4, 0.7};
        LossSummary s = loss.evaluate(y, p);
        assertThat(counting.bulk.get()).isEqualTo(1);
        // mpmath, 50 digits: −ln 0.9 − ln(1 − 0.2) − ln 0.6 − ln(1 − 0.4) − ln 0.7 of the stored doubles
        assertThat(s.sum()).isCloseTo(1.7068302584427499, within(4 * Math.ulp(1.7)));
        assertThat(s.classCount(1)).isEqualTo(3);
        // a soft target: the per-example path computes H([0.7, 0.3], [0.8, 0.2]) for it
        double[] soft = {1, 0.3, 1, 0, 1};
        assertSameSummary(loss.evaluate(soft, p), loss.evaluate(soft, p, ones(5)));
        assertThat(loss.evaluate(soft, p).classCount(0)).isEqualTo(2);
        // an impossible outcome: +∞, counted apart, as the per-example path does it
        double[] certain = {0.9, 0.2, 0.0, 0.4, 0.7};
        assertThat(loss.evaluate(y, certain).mean()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(loss.evaluate(y, certain).classMean(0).getAsDouble()).isFinite();
        // options the batch path does not handle: the per-example path, same numbers as with weights
        int before = counting.bulk.get();
        BinaryCrossEntropy clipped = loss.withClipping(Clipping.KERAS);
        assertSameSummary(clipped.evaluate(y, certain), clipped.evaluate(y, certain, ones(5)));
        assertThat(clipped.evaluate(y, certain).clipCount()).isEqualTo(1);
        BinaryCrossEntropy smoothed = loss.withLabelSmoothing(0.1);
        assertSameSummary(smoothed.evaluate(y, p), smoothed.evaluate(y, p, ones(5)));
        BinaryCrossEntropy weighted = loss.withClassWeights(1.0, 3.0);
        assertSameSummary(weighted.evaluate(y, p), weighted.evaluate(y, p, ones(5)));
        BinaryCrossEntropy pytorch = loss.withOptions(loss.options().withProfile(Profile.PYTORCH));
        assertSameSummary(pytorch.evaluate(y, certain), pytorch.evaluate(y, certain, ones(5)));
        assertThat(counting.bulk.get()).isEqualTo(before);
        // an empty batch is not the batch path's either
        assertThatThrownBy(() -> loss.evaluate(new double[0], new double[0])).isInstanceOf(LossInputException.class)
                .hasMessageContaining("empty dataset");
        assertThat(counting.bulk.get()).isEqualTo(before);
    }

    @Test
    void binaryLogitBatchesGiveThePerExampleValuesCountsAndMeans() {
        SplittableRandom r = new SplittableRandom(23);
        Counting counting = new Counting();
        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.LOGITS).using(counting);
        for (int n : SIZES) {
            double[] y = new double[n];
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(5);
                z[i] = kind == 0 ? 0.0 : kind == 1 ? (r.nextBoolean() ? 1 : -1) * Math.pow(10, r.nextInt(-300, 300))
                        : r.nextDouble(-50, 50);
                y[i] = r.nextInt(2);
            }
            assertSameSummary(loss.evaluate(y, z), loss.evaluate(y, z, ones(n)));
        }
        // one bulk call per block of 2^15 / 2 examples
        assertThat(counting.bulk.get()).isEqualTo(Arrays.stream(SIZES).map(n -> (n - 1) / 16_384 + 1).sum());
        // mpmath, 40 digits: softplus(0) = ln 2; y = 1, z = −3: softplus(3) = 3.048587351573742;
        // y = 0, z = 1e300: 1e300; y = 1, z = 40: softplus(−40) = 4.248354255291589e-18
        LossSummary s = loss.evaluate(new double[] {0, 1, 0, 1}, new double[] {0.0, -3.0, 1e300, 40.0});
        double[] v = s.perExample().orElseThrow();
        assertThat(v[0]).isCloseTo(0.6931471805599453, within(Math.ulp(0.69)));
        assertThat(v[1]).isCloseTo(3.048587351573742, within(2 * Math.ulp(3.0)));
        assertThat(v[2]).isEqualTo(1e300);
        assertThat(v[3]).isCloseTo(4.248354255291589e-18, within(2 * Math.ulp(4.2e-18)));
        // smoothing and class weights are left to the per-example path; no backend at all too
        int before = counting.bulk.get();
        double[] y = {1, 0, 1};
        double[] z = {2.0, -1.0, 0.5};
        assertSameSummary(loss.withLabelSmoothing(0.1).evaluate(y, z), loss.withLabelSmoothing(0.1).evaluate(y, z, ones(3)));
        assertSameSummary(loss.withClassWeights(2, 1).evaluate(y, z), loss.withClassWeights(2, 1).evaluate(y, z, ones(3)));
        assertThat(counting.bulk.get()).isEqualTo(before);
        assertSameError(() -> loss.evaluate(new double[] {1, 0, 1}, new double[] {1, Double.NaN, 2}),
                () -> loss.evaluate(new double[] {1, 0, 1}, new double[] {1, Double.NaN, 2}, ones(3)), 1);
    }

    @Test
    void aTinyProbabilityOfTheOtherClassKeepsItsDigits() {
        // mpmath, 50 digits: −log1p(−1e-10) from the stored double = 1.00000000005000000364e-10
        LossSummary s = CrossEntropy.binary(Predictions.PROBABILITIES).using(BACKEND)
                .evaluate(new double[] {0, 1}, new double[] {1e-10, 1.0});
        assertThat(s.perExample().orElseThrow()[0]).isCloseTo(1.00000000005000000364e-10, within(Math.ulp(1e-10)));
        assertThat(Double.compare(s.perExample().orElseThrow()[1], 0.0)).isZero();
    }

    @Test
    void badBinaryInputIsReportedAtItsIndexAsThePerExamplePathReportsIt() {
        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES).using(BACKEND);
        int n = 37;
        double[] badTargets = {Double.NaN, -1.0, 2.0, Double.POSITIVE_INFINITY};
        double[] badPredictions = {Double.NaN, -0.1, 1.1, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < n; i++) {
            for (int which = 0; which < 4; which++) {
                double[] y = new double[n];
                double[] p = new double[n];
                Arrays.fill(p, 0.5);
                y[i] = badTargets[which];
                assertSameError(() -> loss.evaluate(y, p), () -> loss.evaluate(y, p, ones(n)), i);
                double[] y2 = new double[n];
                double[] p2 = p.clone();
                p2[i] = badPredictions[which];
                // a soft target earlier does not hide the bad prediction
                if (i > 0) {
                    y2[i - 1] = 0.25;
                }
                assertSameError(() -> loss.evaluate(y2, p2), () -> loss.evaluate(y2, p2, ones(n)), i);
            }
        }
    }

    private static void assertSameError(Runnable batch, Runnable perExample, int index) {
        LossInputException a = catchThrowableOfType(LossInputException.class, batch::run);
        LossInputException b = catchThrowableOfType(LossInputException.class, perExample::run);
        assertThat(a).as("batch path at %d", index).isNotNull();
        assertThat(a.exampleIndex()).isEqualTo(index);
        assertThat(a.getMessage()).isEqualTo(b.getMessage());
        assertThat(a.classIndex()).isEqualTo(b.classIndex());
        assertThat(a.input()).isEqualTo(b.input());
        assertThat(a.value()).isEqualTo(b.value());
    }

    // ---------------------------------------------------------------- sparse

    private static double[] row(SplittableRandom r, int k) {
        double[] q = new double[k];
        double s = 0.0;
        for (int j = 0; j < k; j++) {
            q[j] = r.nextInt(8) == 0 ? 0.0 : r.nextDouble();
            s += q[j];
        }
        if (s == 0.0) {
            q[0] = 1.0;
            return q;
        }
        for (int j = 0; j < k; j++) {
            q[j] /= s;
        }
        return q;
    }

    /** Rows of K from {@link #row}, one per entry of {@code classes}, each given a class whose q is not 0. */
    private static double[][] rows(SplittableRandom r, int[] classes, int k) {
        double[][] rows = new double[classes.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(r, k);
            do {
                classes[i] = r.nextInt(k);
            } while (rows[i][classes[i]] == 0.0);
        }
        return rows;
    }

    @Test
    void sparseBatchesGiveThePerExampleValuesCountsAndMeans() {
        SplittableRandom r = new SplittableRandom(17);
        for (int k : new int[] {2, 3, 10}) {
            SparseCrossEntropy loss = CrossEntropy.sparse(k, Predictions.PROBABILITIES).using(BACKEND);
            for (int n : SIZES) {
                int[] classes = new int[n];
                double[][] rows = rows(r, classes, k);
                assertSameSummary(loss.evaluate(classes, rows), loss.evaluate(classes, rows, ones(n)));
            }
        }
    }

    @Test
    void sparseBatchOfKnownRowsGivesTheNegativeLogLikelihoods() {
        Counting counting = new Counting();
        SparseCrossEntropy loss = CrossEntropy.sparse(3, Predictions.PROBABILITIES).using(counting);
        LossSummary s = loss.evaluate(new int[] {0, 2, 1},
                new double[][] {{0.7, 0.2, 0.1}, {0.25, 0.25, 0.5}, {0.0, 1.0, 0.0}});
        assertThat(counting.bulk.get()).isEqualTo(1);
        // mpmath: −ln 0.7 = 0.35667494393873244, −ln 0.5 = 0.69314718055994531, −ln 1 = 0
        assertThat(s.perExample().orElseThrow()).containsExactly(new double[] {0.35667494393873244,
            0.69314718055994531, 0.0}, within(2 * Math.ulp(0.7)));
        assertThat(s.mean()).isCloseTo((0.35667494393873244 + 0.69314718055994531) / 3, within(1e-16));
        assertThat(s.classMean(1).getAsDouble()).isZero();
        // q_y = 0: +∞ through the per-example path
        assertThat(loss.evaluate(new int[] {0}, new double[][] {{0.0, 1.0, 0.0}}).mean())
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void rowsNearTheToleranceAreDecidedByTheExactCheckInEitherLayout() {
        SparseCrossEntropy loss = CrossEntropy.sparse(2, Predictions.PROBABILITIES).using(BACKEND)
                .withRowSumTolerance(1e-9);
        // the row sums to 1 + 1e-9 − 2^-40 (inside) or 1 + 1e-9 + 2^-40 (outside), both within
        // the fast test's margin of the bound, so the exact compensated check decides
        double inside = 1e-9 - 0x1p-40;
        double outside = 1e-9 + 0x1p-40;
        double[][] in = {{0.5, 0.5}, {0.5, 0.5 + inside}};
        double[][] out = {{0.5, 0.5}, {0.5, 0.5 + outside}};
        assertThat(loss.evaluate(new int[] {0, 0}, in).count()).isEqualTo(2);
        assertSameError(() -> loss.evaluate(new int[] {0, 0}, out),
                () -> loss.evaluate(new int[] {0, 0}, out, ones(2)), 1);
        // the same rows held row-major
        assertThat(loss.evaluateRowMajor(new int[] {0, 1}, rowMajor(in, 2)).perExample().orElseThrow())
                .containsExactly(-Math.log(0.5), -Math.log(0.5 + inside));
        assertSameError(() -> loss.evaluateRowMajor(new int[] {0, 0}, rowMajor(out, 2)),
                () -> loss.evaluate(new int[] {0, 0}, out, ones(2)), 1);
        // a tolerance of 0 leaves no margin: every row goes to the exact check, and exact rows pass
        SparseCrossEntropy exact = loss.withRowSumTolerance(0.0);
        assertThat(exact.evaluate(new int[] {1, 0}, new double[][] {{0.25, 0.75}, {0.5, 0.5}}).mean())
                .isCloseTo((-Math.log(0.75) - Math.log(0.5)) / 2, within(1e-16));
    }

    /** The same exceptions from the rows and, where a row can be held flat, from row-major entries. */
    @Test
    void badSparseInputIsReportedAtItsIndexAsThePerExamplePathReportsIt() {
        int k = 3;
        SparseCrossEntropy loss = CrossEntropy.sparse(k, Predictions.PROBABILITIES).using(BACKEND);
        int n = 21;
        for (int i = 0; i < n; i++) {
            for (int which = 0; which < 9; which++) {
                int[] classes = new int[n];
                double[][] rows = new double[n][];
                for (int j = 0; j < n; j++) {
                    rows[j] = new double[] {0.2, 0.3, 0.5};
                }
                switch (which) {
                    case 0 -> classes[i] = -1;
                    case 1 -> classes[i] = k;
                    case 2 -> rows[i] = null;
                    case 3 -> rows[i] = new double[] {0.5, 0.5};
                    case 4 -> rows[i] = new double[] {0.2, Double.NaN, 0.5};
                    case 5 -> rows[i] = new double[] {-0.1, 0.6, 0.5};
                    case 6 -> rows[i] = new double[] {0.2, 0.3, 0.51};
                    case 7 -> rows[i] = new double[] {0.0, 0.0, Double.POSITIVE_INFINITY};
                    default -> rows[i] = new double[] {1.5, 0.0, 0.0};
                }
                assertSameError(() -> loss.evaluate(classes, rows), () -> loss.evaluate(classes, rows, ones(n)), i);
                if (which != 2 && which != 3) {
                    // a missing or short row has no flat form
                    double[] flat = rowMajor(rows, k);
                    assertSameError(() -> loss.evaluateRowMajor(classes, flat),
                            () -> loss.evaluate(classes, rows, ones(n)), i);
                    assertSameError(() -> loss.evaluateRowMajor(classes, flat, ones(n)),
                            () -> loss.evaluate(classes, rows, ones(n)), i);
                }
            }
        }
    }

    @Test
    void sparseOptionsTheBatchPathDoesNotHandleGoExampleByExample() {
        Counting counting = new Counting();
        SparseCrossEntropy loss = CrossEntropy.sparse(3, Predictions.PROBABILITIES).using(counting);
        int[] classes = {0, 1, 2, 1};
        double[][] rows = {{0.7, 0.2, 0.1}, {0.0, 1.0, 0.0}, {0.3, 0.3, 0.4}, {0.1, 0.8, 0.1}};
        for (SparseCrossEntropy other : new SparseCrossEntropy[] {loss.withClipping(Clipping.KERAS),
            loss.withLabelSmoothing(0.1), loss.withClassWeights(1, 2, 3),
            loss.withOptions(loss.options().withProfile(Profile.SKLEARN_LEGACY)),
            loss.withOptions(loss.options().withProfile(Profile.PYTORCH))}) {
            assertSameSummary(other.evaluate(classes, rows), other.evaluate(classes, rows, ones(4)));
        }
        CrossEntropy.sparse(3, Predictions.LOGITS).using(counting).evaluate(classes, rows);
        assertThat(counting.bulk.get()).isZero();
        loss.evaluate(classes, rows);
        assertThat(counting.bulk.get()).isEqualTo(1);
    }

    /**
     * The batch sum carries each class's compensated pair on unrounded, so it is the exact sum of
     * the per-example values rounded once (0.5 ulp; rounding each class sum first, as the path
     * once did, missed that by a fraction of an ulp in a few of these batches), and the mean,
     * one division later, within 1 ulp of the exact mean.
     */
    @Test
    void batchSumIsTheExactSumOfThePerExampleValuesRoundedOnce() {
        SplittableRandom r = new SplittableRandom(23);
        SparseCrossEntropy loss = CrossEntropy.sparse(10, Predictions.PROBABILITIES).using(BACKEND);
        for (int trial = 0; trial < 40; trial++) {
            int n = 2_000 + r.nextInt(8_000);
            int[] classes = new int[n];
            double[][] rows = rows(r, classes, 10);
            LossSummary s = loss.evaluate(classes, rows);
            BigDecimal exact = BigDecimal.ZERO;
            for (double v : s.perExample().orElseThrow()) {
                exact = exact.add(new BigDecimal(v));
            }
            assertThat(new BigDecimal(s.sum()).subtract(exact).abs()).as("trial %d, n = %d", trial, n)
                    .isLessThanOrEqualTo(new BigDecimal(Math.ulp(s.sum()) / 2));
            BigDecimal exactMean = exact.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128);
            assertThat(new BigDecimal(s.mean()).subtract(exactMean).abs()).as("trial %d, n = %d", trial, n)
                    .isLessThanOrEqualTo(new BigDecimal(Math.ulp(s.mean())));
        }
    }

    // ---------------------------------------------------------------- sparse, row-major

    private static double[] rowMajor(double[][] rows, int k) {
        return RowBlocksTest.rowMajor(rows, k);
    }

    @Test
    void rowMajorBatchesGiveTheSameBitsAsTheRowsAndThePerExampleValues() {
        SplittableRandom r = new SplittableRandom(19);
        for (int k : new int[] {2, 3, 10}) {
            SparseCrossEntropy loss = CrossEntropy.sparse(k, Predictions.PROBABILITIES).using(BACKEND);
            int blockRows = RowBlocks.rowsPerBlock(k);
            int[] sizes = Arrays.copyOf(SIZES, SIZES.length + 3);
            sizes[SIZES.length] = blockRows - 1;
            sizes[SIZES.length + 1] = blockRows + 1;
            sizes[SIZES.length + 2] = 3 * blockRows + 7;
            for (int n : sizes) {
                int[] classes = new int[n];
                double[][] rows = rows(r, classes, k);
                double[] flat = rowMajor(rows, k);
                LossSummary byRows = loss.evaluate(classes, rows);
                LossSummary rowMajor = loss.evaluateRowMajor(classes, flat);
                assertThat(rowMajor.perExample().orElseThrow()).containsExactly(byRows.perExample().orElseThrow());
                assertThat(Double.doubleToLongBits(rowMajor.sum())).as("n = %d", n)
                        .isEqualTo(Double.doubleToLongBits(byRows.sum()));
                assertSameSummary(rowMajor, loss.evaluateRowMajor(classes, flat, ones(n)));
            }
        }
    }

    @Test
    void rowMajorBatchOfKnownRowsGivesTheNegativeLogLikelihoods() {
        Counting counting = new Counting();
        SparseCrossEntropy loss = CrossEntropy.sparse(3, Predictions.PROBABILITIES).using(counting);
        LossSummary s = loss.evaluateRowMajor(new int[] {0, 2, 1}, new double[] {0.7, 0.2, 0.1, 0.25, 0.25, 0.5,
            0.0, 1.0, 0.0});
        assertThat(counting.bulk.get()).isEqualTo(1);
        // mpmath: −ln 0.7 = 0.35667494393873244, −ln 0.5 = 0.69314718055994531, −ln 1 = 0
        assertThat(s.perExample().orElseThrow()).containsExactly(new double[] {0.35667494393873244,
            0.69314718055994531, 0.0}, within(2 * Math.ulp(0.7)));
        assertThat(s.classCount(2)).isEqualTo(1);
        // q_y = 0: +∞ through the per-example path
        assertThat(loss.evaluateRowMajor(new int[] {0}, new double[] {0.0, 1.0, 0.0}).mean())
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void rowMajorEntriesMustBeNTimesKAndWeightsN() {
        SparseCrossEntropy loss = CrossEntropy.sparse(3, Predictions.PROBABILITIES).using(BACKEND);
        for (int entries : new int[] {0, 5, 7}) {
            LossInputException e = catchThrowableOfType(LossInputException.class,
                    () -> loss.evaluateRowMajor(new int[] {0, 1}, new double[entries]));
            assertThat(e).as("%d entries", entries).isNotNull();
            assertThat(e.exampleIndex()).isEqualTo(-1);
            assertThat(e.input()).isEqualTo(LossInputException.Input.DATASET);
            assertThat(e.getMessage()).isEqualTo("2 targets and 3 classes need 6 prediction entries (one row of 3"
                    + " per example, row-major), but there are " + entries);
        }
        assertThatThrownBy(() -> loss.evaluateRowMajor(new int[] {0, 1}, new double[] {1, 0, 0, 0, 1, 0},
                new double[] {1}))
                .isInstanceOf(LossInputException.class).hasMessage("1 sample weights for 2 examples");
        // no examples: the rows' error (there is no mean)
        LossInputException empty = catchThrowableOfType(LossInputException.class,
                () -> loss.evaluate(new int[0], new double[0][]));
        assertThatThrownBy(() -> loss.evaluateRowMajor(new int[0], new double[0]))
                .isInstanceOf(LossInputException.class).hasMessage(empty.getMessage());
    }

    @Test
    void rowMajorOptionsTheBatchPathDoesNotHandleGoExampleByExample() {
        Counting counting = new Counting();
        SparseCrossEntropy loss = CrossEntropy.sparse(3, Predictions.PROBABILITIES).using(counting);
        int[] classes = {0, 1, 2, 1};
        double[][] rows = {{0.7, 0.2, 0.1}, {0.0, 1.0, 0.0}, {0.3, 0.3, 0.4}, {0.1, 0.8, 0.1}};
        double[] flat = rowMajor(rows, 3);
        for (SparseCrossEntropy other : new SparseCrossEntropy[] {loss.withClipping(Clipping.KERAS),
            loss.withLabelSmoothing(0.1), loss.withClassWeights(1, 2, 3),
            loss.withOptions(loss.options().withProfile(Profile.SKLEARN_LEGACY)),
            loss.withOptions(loss.options().withProfile(Profile.PYTORCH))}) {
            assertSameSummary(other.evaluateRowMajor(classes, flat), other.evaluate(classes, rows, ones(4)));
        }
        SparseCrossEntropy logits = CrossEntropy.sparse(3, Predictions.LOGITS).using(counting);
        assertSameSummary(logits.evaluateRowMajor(classes, flat), logits.evaluate(classes, rows));
        double[] weights = {1, 0.5, 2, 0};
        assertSameSummary(loss.evaluateRowMajor(classes, flat, weights), loss.evaluate(classes, rows, weights));
        assertThat(counting.bulk.get()).isZero();
        // the rows are the caller's: read, never written
        assertThat(flat).containsExactly(rowMajor(rows, 3));
    }

    // ---------------------------------------------------------------- categorical

    @Test
    void categoricalBatchesOfOneHotRowsGiveThePerExampleCountsAndMeans() {
        SplittableRandom r = new SplittableRandom(19);
        for (int k : new int[] {2, 10}) {
            Counting counting = new Counting();
            CategoricalCrossEntropy loss = CrossEntropy.categorical(k, Predictions.PROBABILITIES).using(counting);
            for (int n : SIZES) {
                double[][] targets = new double[n][k];
                double[][] rows = new double[n][];
                for (int i = 0; i < n; i++) {
                    rows[i] = row(r, k);
                    int c;
                    do {
                        c = r.nextInt(k);
                    } while (rows[i][c] == 0.0);
                    targets[i][c] = 1.0;
                }
                LossSummary batch = loss.evaluate(targets, rows);
                LossSummary perExample = loss.evaluate(targets, rows, ones(n));
                // H(t, q) of a one-hot row is −ln q_c: the same value here (the formula stand-in)
                assertSameSummary(batch, perExample);
            }
            // one bulk call per block of ⌊2^15/K⌋ rows: the 20,000 rows are 2 blocks of up to
            // 16,384 for K = 2 and 7 blocks of up to 3,276 for K = 10; every other size is one block
            assertThat(counting.bulk.get()).isEqualTo(SIZES.length + (k == 2 ? 1 : 6));
        }
    }

    @Test
    void categoricalSoftTargetsAndOptionsGoExampleByExample() {
        Counting counting = new Counting();
        CategoricalCrossEntropy loss = CrossEntropy.categorical(3, Predictions.PROBABILITIES).using(counting);
        double[][] rows = {{0.7, 0.2, 0.1}, {0.2, 0.6, 0.2}, {0.3, 0.3, 0.4}};
        double[][] soft = {{1, 0, 0}, {0, 0.5, 0.5}, {0, 0, 1}};
        double[][] hard = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        assertSameSummary(loss.evaluate(soft, rows), loss.evaluate(soft, rows, ones(3)));
        assertThat(counting.bulk.get()).isZero();
        for (CategoricalCrossEntropy other : new CategoricalCrossEntropy[] {loss.withClipping(Clipping.KERAS),
            loss.withLabelSmoothing(0.2), loss.withClassWeights(1, 2, 3)}) {
            assertSameSummary(other.evaluate(hard, rows), other.evaluate(hard, rows, ones(3)));
        }
        assertThat(counting.bulk.get()).isZero();
        LossSummary s = loss.evaluate(hard, rows);
        assertThat(counting.bulk.get()).isEqualTo(1);
        // mpmath: (−ln 0.7 − ln 0.6 − ln 0.4) / 3 = 0.59459709985962606
        assertThat(s.mean()).isCloseTo(0.59459709985962606, within(4 * Math.ulp(0.6)));
        assertThat(loss.evaluate(hard, new double[][] {{0.7, 0.2, 0.1}, {0.5, 0.0, 0.5}, {0.3, 0.3, 0.4}})
                .mean()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void badCategoricalInputIsReportedAtItsIndexAsThePerExamplePathReportsIt() {
        int k = 3;
        CategoricalCrossEntropy loss = CrossEntropy.categorical(k, Predictions.PROBABILITIES).using(BACKEND);
        int n = 19;
        for (int i = 0; i < n; i++) {
            for (int which = 0; which < 8; which++) {
                double[][] targets = new double[n][];
                double[][] rows = new double[n][];
                for (int j = 0; j < n; j++) {
                    targets[j] = new double[] {0, 1, 0};
                    rows[j] = new double[] {0.2, 0.3, 0.5};
                }
                switch (which) {
                    case 0 -> targets[i] = null;
                    case 1 -> targets[i] = new double[] {0, 1};
                    case 2 -> targets[i] = new double[] {0, Double.NaN, 1};
                    case 3 -> targets[i] = new double[] {0, 0.9, 0};
                    case 4 -> rows[i] = null;
                    case 5 -> rows[i] = new double[] {0.2, 0.8, 0.0, 0.0};
                    case 6 -> rows[i] = new double[] {0.2, 0.3, -0.5};
                    default -> rows[i] = new double[] {0.2, 0.3, 0.6};
                }
                if (i > 0) {
                    targets[i - 1] = new double[] {0.5, 0.5, 0};  // a soft row before it changes nothing
                }
                assertSameError(() -> loss.evaluate(targets, rows), () -> loss.evaluate(targets, rows, ones(n)), i);
            }
        }
    }
}

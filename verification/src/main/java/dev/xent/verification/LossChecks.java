package dev.xent.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.xent.Distribution;
import dev.xent.InformationMeasures;
import dev.xent.loss.BinaryAccumulator;
import dev.xent.loss.BinaryCrossEntropy;
import dev.xent.loss.Clipping;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.KlDivergenceLoss;
import dev.xent.loss.Loss;
import dev.xent.loss.LossAccumulator;
import dev.xent.loss.LossSummary;
import dev.xent.loss.Predictions;
import dev.xent.loss.SparseAccumulator;
import dev.xent.loss.SparseCrossEntropy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.quicktheories.core.Gen;

/**
 * The loss layer's properties, checked through the backend under test by
 * {@link InformationMeasuresVerification}. Each property names
 * the identity it checks and, where one is needed, why its tolerance is right. The generators here
 * are small and local: probability rows are normalised positive weights (so the row-sum check
 * passes and every loss is finite), datasets have 1–120 examples over 2–5 classes.
 *
 * <p>Also here: the tutorial's worked example 3 (ten
 * per-example values, mpmath, and the mean 0.24691989080446483 nats) whole, one by one and in
 * parallel.
 */
final class LossChecks {

    private LossChecks() {
    }


    /** Seed for reproducible runs; QuickTheories' {@code QT_SEED} is not used here. */
    private static final long SEED = 20261124L;

    /** One ulp-scale unit, 2^-53. */
    private static final double U = 0x1p-53;

    private static final double[] TUTORIAL_Y = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    private static final double[] TUTORIAL_P = {0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3};
    /** mpmath, 50 digits: −ln ŷ for y = 1 and −ln(1 − ŷ) for y = 0, rounded to double. */
    private static final double[] TUTORIAL_VALUES = {
        0.2231435513142097, 0.10536051565782628, 0.10536051565782628, 0.5108256237659907,
        0.2231435513142097, 0.10536051565782631, 0.5108256237659907, 0.22314355131420976,
        0.10536051565782631, 0.35667494393873234,
    };
    private static final double TUTORIAL_MEAN = 0.24691989080446483;

    /** An example of a categorical dataset: the true class and the predicted row. */
    private record Example(int label, double[] q) {
        @Override
        public String toString() {
            return label + ":" + Arrays.toString(q);
        }
    }

    /** A probability row of k entries: normalised weights in [1e-3, 1], so every entry is > 0. */
    private static Gen<double[]> rows(int k) {
        return lists().of(doubles().between(1e-3, 1.0)).ofSize(k)
                .map(l -> Distribution.normalize(l.stream().mapToDouble(Double::doubleValue).toArray()).toArray())
                .describedAs(Arrays::toString);
    }

    private static Gen<Example> examples(int k) {
        return integers().between(0, k - 1).zip(rows(k), Example::new);
    }

    /** Datasets of 1–120 examples over 2–5 classes. */
    private static Gen<List<Example>> datasets() {
        return integers().between(2, 5).flatMap(k -> lists().of(examples(k)).ofSizeBetween(1, 120));
    }

    private static SparseCrossEntropy sparseLoss(int k, InformationMeasures b) {
        return CrossEntropy.sparse(k, Predictions.PROBABILITIES).using(b);
    }

    static void theTutorialsDatasetWholeOneByOneAndInParallel(InformationMeasures b) {
        { // the backend under test
            BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES).using(b);
            LossSummary batch = loss.evaluate(TUTORIAL_Y, TUTORIAL_P);
            // a few ulps of values ~0.1–0.5 (1 − ŷ is rounded before the log): 1e-15 absolute
            assertThat(batch.perExample().orElseThrow()).as(b.id())
                    .containsExactly(TUTORIAL_VALUES, within(1e-15));
            BinaryAccumulator one = loss.accumulator();
            for (int i = 0; i < 10; i++) {
                one.add(TUTORIAL_Y[i], TUTORIAL_P[i]);
            }
            LossSummary parallel = IntStream.range(0, 10).boxed().parallel()
                    .collect(loss.collector((acc, i) -> acc.add(TUTORIAL_Y[i], TUTORIAL_P[i])));
            LossSummary whole = loss.accumulator().addAll(TUTORIAL_Y, TUTORIAL_P).summary();
            for (LossSummary s : List.of(batch, whole, one.summary(), parallel)) {
                assertThat(s.mean()).as(b.id()).isCloseTo(TUTORIAL_MEAN, within(1e-15));
                assertThat(s.count()).isEqualTo(10);
            }
        }
    }

    static void crossEntropyAgainstAOneHotTargetIsMinusTheLogOfThePredictedProbabilityOfTheClass(InformationMeasures b) {
        qt().withFixedSeed(SEED).forAll(integers().between(2, 6).flatMap(LossChecks::examples))
                .checkAssert(e -> {
                    int k = e.q().length;
                    double[] oneHot = new double[k];
                    oneHot[e.label()] = 1.0;
                    double expected = -Math.log(e.q()[e.label()]);
                    { // the backend under test
                        double categorical = CrossEntropy.categorical(k, Predictions.PROBABILITIES).using(b)
                                .evaluate(new double[][] {oneHot},
                                new double[][] {e.q()}).mean();
                        double sparse = sparseLoss(k, b).evaluate(new int[] {e.label()}, new double[][] {e.q()}).mean();
                        // within a few ulps of the value: each backend's log is within 1 ulp
                        double tolerance = 4 * U * Math.max(1.0, expected);
                        assertThat(categorical).as(b.id()).isCloseTo(expected, within(tolerance));
                        assertThat(sparse).as(b.id()).isCloseTo(expected, within(tolerance));
                    }
                });
    }

    static void binaryCrossEntropyIsSymmetricUnderSwappingTheClasses(InformationMeasures b) {
        // BCE(y, p) = BCE(1 − y, 1 − p). Dyadic y = i/64 and p = j/1024 make 1 − y and 1 − p exact,
        // so the identity is tested, not the rounding of 1 − p; p = 0 and 1 are included (then
        // both sides may be +∞).
        qt().withFixedSeed(SEED).forAll(integers().between(0, 64), integers().between(0, 1024))
                .checkAssert((i, j) -> {
                    double y = i / 64.0;
                    double p = j / 1024.0;
                    { // the backend under test
                        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES).using(b);
                        double a = loss.evaluate(new double[] {y}, new double[] {p}).mean();
                        double c = loss.evaluate(new double[] {1 - y}, new double[] {1 - p}).mean();
                        if (Double.isInfinite(a)) {
                            assertThat(c).as(b.id()).isEqualTo(a);
                        } else {
                            // the same two terms summed in the other order: a few ulps
                            assertThat(c).as("%s y=%s p=%s", b.id(), y, p).isCloseTo(a, within(8 * U * Math.max(1, a)));
                        }
                    }
                });
    }

    static void theLogitsPathEqualsTheProbabilityPathWhereverBothAreFinite(InformationMeasures b) {
        qt().withFixedSeed(SEED).forAll(doubles().between(-30, 30), doubles().between(0, 1))
                .checkAssert((z, y) -> {
                    double p = 1 / (1 + Math.exp(-z));
                    double fromLogit = CrossEntropy.binary(Predictions.LOGITS)
                            .evaluate(new double[] {y}, new double[] {z}).mean();
                    { // the backend under test
                        double fromProbability = CrossEntropy.binary(Predictions.PROBABILITIES).using(b)
                                .evaluate(new double[] {y}, new double[] {p}).mean();
                        // σ(z) rounded to double has relative error ~2u, which the logs turn into an
                        // absolute error of about 2u·(1/p + 1/(1 − p)) ≤ 2u·(2 + e^|z|); the logit
                        // path has no such error
                        double tolerance = 8 * U * (2 + Math.exp(Math.abs(z)));
                        assertThat(fromLogit).as("%s z=%s y=%s", b.id(), z, y)
                                .isCloseTo(fromProbability, within(tolerance));
                    }
                });
        qt().withFixedSeed(SEED).forAll(integers().between(2, 5).flatMap(k ->
                        lists().of(doubles().between(-20, 20)).ofSize(k)), integers().between(0, 4))
                .checkAssert((zs, label) -> {
                    double[] z = zs.stream().mapToDouble(Double::doubleValue).toArray();
                    int y = label % z.length;
                    double max = Arrays.stream(z).max().orElseThrow();
                    double[] q = Arrays.stream(z).map(v -> Math.exp(v - max)).toArray();
                    double total = Arrays.stream(q).sum();
                    double[] softmax = Arrays.stream(q).map(v -> v / total).toArray();
                    double fromLogits = CrossEntropy.sparse(z.length, Predictions.LOGITS)
                            .evaluate(new int[] {y}, new double[][] {z}).mean();
                    double fromProbabilities = sparseLoss(z.length, b)
                            .withRowSumTolerance(1e-12).evaluate(new int[] {y}, new double[][] {softmax}).mean();
                    // the softmax in double: a few u relative in q_y, hence a few u absolute in −ln q_y
                    assertThat(fromLogits).isCloseTo(fromProbabilities, within(64 * U * Math.max(1, fromLogits)));
                });
    }

    static void hugeLogitsGiveTheExactFiniteLossAndNeverNaN(InformationMeasures b) {
        // for z ≥ 40, ln(1 + e^-z) < 4.3e-18 is below half an ulp of z, so the exact binary loss of
        // the wrong class, softplus(z) = z + ln(1 + e^-z), rounds to z itself
        qt().withFixedSeed(SEED).forAll(doubles().between(40, 1e300), integers().between(0, 1))
                .checkAssert((magnitude, sign) -> {
                    double z = sign == 0 ? magnitude : -magnitude;
                    double wrong = z > 0 ? 0 : 1; // the class the logit argues against
                    double right = 1 - wrong;
                    BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.LOGITS);
                    assertThat(loss.evaluate(new double[] {wrong}, new double[] {z}).mean()).isEqualTo(magnitude);
                    double good = loss.evaluate(new double[] {right}, new double[] {z}).mean();
                    assertThat(good).isEqualTo(Math.log1p(Math.exp(-magnitude)));
                });
        // categorical: whatever the scale, ℓ_y = (max − z_y) + ln Σ e^(z − max) lies in
        // [max − z_y, max − z_y + ln K], is never NaN, and is +∞ only if max − z_y overflows
        qt().withFixedSeed(SEED).forAll(integers().between(2, 5).flatMap(k ->
                        lists().of(doubles().between(-1, 1)).ofSize(k)), doubles().between(1, 300), integers().between(0, 4))
                .checkAssert((unit, exponent, label) -> {
                    double scale = Math.pow(10, exponent);
                    double[] z = unit.stream().mapToDouble(v -> v * scale).toArray();
                    int y = label % z.length;
                    double max = Arrays.stream(z).max().orElseThrow();
                    double l = CrossEntropy.sparse(z.length, Predictions.LOGITS)
                            .evaluate(new int[] {y}, new double[][] {z}).mean();
                    double gap = max - z[y];
                    assertThat(l).isNotNaN().isGreaterThanOrEqualTo(gap)
                            .isLessThanOrEqualTo(gap + Math.log(z.length) * (1 + 4 * U));
                });
    }

    static void uniformWeightsGiveTheUnweightedResult(InformationMeasures b) {
        qt().withFixedSeed(SEED).withExamples(200).forAll(datasets(), doubles().between(1e-3, 1e3))
                .checkAssert((data, c) -> {
                    int k = data.get(0).q().length;
                    int[] labels = data.stream().mapToInt(Example::label).toArray();
                    double[][] rows = data.stream().map(Example::q).toArray(double[][]::new);
                    double[] weights = new double[data.size()];
                    Arrays.fill(weights, c);
                    { // the backend under test
                        double plain = sparseLoss(k, b).evaluate(labels, rows).mean();
                        double weighted = sparseLoss(k, b).evaluate(labels, rows, weights).mean();
                        // c·ℓ rounds (u relative) and both sums are compensated: a few u relative
                        assertThat(weighted).as(b.id()).isCloseTo(plain, within(8 * U * plain + Double.MIN_NORMAL));
                    }
                });
    }

    static void theSumIsTheMeanTimesTheNumberOfExamples(InformationMeasures b) {
        qt().withFixedSeed(SEED).withExamples(200).forAll(datasets()).checkAssert(data -> {
            int k = data.get(0).q().length;
            int[] labels = data.stream().mapToInt(Example::label).toArray();
            double[][] rows = data.stream().map(Example::q).toArray(double[][]::new);
            { // the backend under test
                LossSummary s = sparseLoss(k, b).evaluate(labels, rows);
                assertThat(s.weightSum()).isEqualTo(data.size());
                // mean = sum / n and back: two roundings
                assertThat(s.sum()).as(b.id()).isCloseTo(s.mean() * data.size(), within(4 * U * s.sum()));
            }
        });
    }

    static void mergingPartialAccumulatorsInAnyGroupingGivesTheSameResult(InformationMeasures b) {
        qt().withFixedSeed(SEED).withExamples(200).forAll(datasets(), integers().between(1, 12), longs().all())
                .checkAssert((data, parts, seed) -> {
                    int k = data.get(0).q().length;
                    { // the backend under test
                        SparseCrossEntropy loss = sparseLoss(k, b);
                        SparseAccumulator whole = loss.accumulator();
                        data.forEach(e -> whole.add(e.label(), e.q()));
                        // deal the examples to random parts, then merge the parts in a random order
                        Random random = new Random(seed);
                        List<SparseAccumulator> partials = new ArrayList<>();
                        for (int i = 0; i < parts; i++) {
                            partials.add(loss.accumulator());
                        }
                        for (Example e : data) {
                            partials.get(random.nextInt(parts)).add(e.label(), e.q());
                        }
                        Collections.shuffle(partials, random);
                        SparseAccumulator merged = partials.get(0);
                        for (int i = 1; i < parts; i++) {
                            merged = random.nextBoolean() ? merged.merge(partials.get(i))
                                    : partials.get(i).merge(merged);
                        }
                        LossSummary a = whole.summary();
                        LossSummary m = merged.summary();
                        double tol = LossAccumulator.MERGE_RELATIVE_TOLERANCE;
                        assertThat(m.count()).isEqualTo(a.count());
                        assertThat(m.clipCount()).isEqualTo(a.clipCount());
                        assertThat(m.mean()).as(b.id()).isCloseTo(a.mean(), within(tol * a.mean()));
                        assertThat(m.sum()).as(b.id()).isCloseTo(a.sum(), within(tol * a.sum()));
                        for (int c = 0; c < k; c++) {
                            assertThat(m.classCount(c)).isEqualTo(a.classCount(c));
                            if (a.classMean(c).isPresent()) {
                                double mean = a.classMean(c).getAsDouble();
                                assertThat(m.classMean(c).getAsDouble()).isCloseTo(mean, within(tol * mean));
                            }
                        }
                    }
                });
    }

    static void labelSmoothingWithEpsilonZeroChangesNothing(InformationMeasures b) {
        qt().withFixedSeed(SEED).forAll(integers().between(2, 6).flatMap(LossChecks::examples),
                        doubles().between(0, 1), doubles().between(0, 1))
                .checkAssert((e, y, p) -> {
                    int k = e.q().length;
                    { // the backend under test
                        SparseCrossEntropy c = sparseLoss(k, b);
                        assertThat(c.withLabelSmoothing(0.0).evaluate(new int[] {e.label()}, new double[][] {e.q()}).mean())
                                .isEqualTo(c.evaluate(new int[] {e.label()}, new double[][] {e.q()}).mean());
                        BinaryCrossEntropy bin = CrossEntropy.binary(Predictions.PROBABILITIES).using(b);
                        assertThat(bin.withLabelSmoothing(0.0).evaluate(new double[] {y}, new double[] {p}).mean())
                                .isEqualTo(bin.evaluate(new double[] {y}, new double[] {p}).mean());
                    }
                });
    }

    static void clippingIsMonotone(InformationMeasures b) {
        // for every policy: clip is non-decreasing in p; so the loss of class 1 is non-increasing
        // in p and that of class 0 non-decreasing, and no clipped loss exceeds −ln ε
        Clipping[] policies = {Clipping.EXACT, Clipping.KERAS, Clipping.SKLEARN, Clipping.LEGACY, Clipping.of(0.01)};
        qt().withFixedSeed(SEED).forAll(doubles().between(0, 1), doubles().between(0, 1), integers().between(0, 4))
                .checkAssert((a, c, which) -> {
                    Clipping policy = policies[which];
                    double lo = Math.min(a, c);
                    double hi = Math.max(a, c);
                    assertThat(policy.clip(lo)).isLessThanOrEqualTo(policy.clip(hi));
                    { // the backend under test
                        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES)
                                .withClipping(policy).using(b);
                        double[] ps = {lo, hi};
                        double[] ones = loss.evaluate(new double[] {1, 1}, ps).perExample().orElseThrow();
                        double[] zeros = loss.evaluate(new double[] {0, 0}, ps).perExample().orElseThrow();
                        assertThat(ones[0]).as("%s %s", b.id(), policy).isGreaterThanOrEqualTo(ones[1]);
                        assertThat(zeros[0]).as("%s %s", b.id(), policy).isLessThanOrEqualTo(zeros[1]);
                        if (!policy.isExact()) {
                            double cap = -Math.log(policy.epsilon()) * (1 + 4 * U);
                            assertThat(ones[0]).isLessThanOrEqualTo(cap);
                            assertThat(zeros[1]).isLessThanOrEqualTo(cap);
                        }
                    }
                });
    }

    // ---- the KL divergence loss, D², perplexity (issue 12) ----

    /** Two probability rows of the same k, 2–6. */
    private record Rows(double[] t, double[] q) {
        @Override
        public String toString() {
            return Arrays.toString(t) + " || " + Arrays.toString(q);
        }
    }

    private static Gen<Rows> rowPairs() {
        return integers().between(2, 6).flatMap(k -> rows(k).zip(rows(k), Rows::new));
    }

    static void klLossIsNonNegativeAndZeroExactlyWhenTheRowsAreEqual(InformationMeasures b) {
        // Gibbs' inequality, KL(t‖q) ≥ 0 with equality iff t = q (Cover & Thomas, Theorem 2.6.3);
        // xent's terms t ln(t/q) − t + q are each ≥ 0 and exactly 0 when t = q entry by entry
        qt().withFixedSeed(SEED).forAll(rowPairs()).checkAssert(r -> {
            int k = r.t().length;
            for (Predictions form : new Predictions[] {Predictions.PROBABILITIES, Predictions.LOG_PROBABILITIES}) {
                KlDivergenceLoss loss = Loss.klDivergence(k, form);
                double[] q = form == Predictions.PROBABILITIES ? r.q() : logs(r.q());
                double[] t = form == Predictions.PROBABILITIES ? r.t() : logs(r.t());
                double kl = loss.accumulator().add(r.t(), q);
                assertThat(kl).as("%s %s", form, r).isGreaterThanOrEqualTo(0.0);
                if (!Arrays.equals(r.t(), r.q())) {
                    // rows drawn independently from [1e-3, 1] are far apart: KL is well above rounding
                    assertThat(kl).as("%s %s", form, r).isGreaterThan(0.0);
                }
                assertThat(loss.accumulator().add(r.t(), t)).as("%s KL(t‖t)", form).isEqualTo(0.0);
            }
        });
    }

    static void klLossIsTheCrossEntropyMinusTheTargetsEntropyRowByRow(InformationMeasures b) {
        // KL(t‖q) = H(t, q) − H(t) (Cover & Thomas, eq. 2.90 rearranged); the categorical loss and
        // the entropy are each within 3(n + 2) ≤ 24 ulps of values ≤ H(t, q) (Tolerance's table,
        // the kl backend being the loosest), KL itself within a few ulps: 64 ulps of max(1, H(t, q))
        qt().withFixedSeed(SEED).forAll(rowPairs()).checkAssert(r -> {
            int k = r.t().length;
            double kl = Loss.klDivergence(k, Predictions.PROBABILITIES).accumulator().add(r.t(), r.q());
            { // the backend under test
                double ce = CrossEntropy.categorical(k, Predictions.PROBABILITIES).using(b).accumulator()
                        .add(r.t(), r.q());
                double h = b.entropyNats(r.t());
                assertThat(kl).as("%s %s", b.id(), r).isCloseTo(ce - h, within(64 * U * Math.max(1.0, ce)));
            }
        });
    }

    static void d2IsZeroWhenTheModelPredictsTheClassPriors(InformationMeasures b) {
        // LL(priors) is the baseline itself, so D² = 1 − B/B = 0; both are sums of the same
        // N·(−ln p_k) terms, within a few ulps each: |D²| ≤ 32 ulps of 1
        qt().withFixedSeed(SEED).forAll(datasets()).checkAssert(data -> {
            int k = data.get(0).q().length;
            int[] labels = data.stream().mapToInt(Example::label).toArray();
            double[] prior = new double[k];
            for (int y : labels) {
                prior[y] += 1.0 / labels.length;
            }
            double[][] rows = new double[labels.length][];
            Arrays.fill(rows, Distribution.normalize(prior).toArray());
            { // the backend under test
                LossSummary s = sparseLoss(k, b).evaluate(labels, rows);
                if (Arrays.stream(labels).distinct().count() < 2) {
                    assertThat(s.d2LogLossScore()).as("a single class has no baseline").isEmpty();
                } else {
                    assertThat(s.d2LogLossScore().orElseThrow()).as(b.id()).isCloseTo(0.0, within(32 * U));
                }
            }
        });
    }

    static void d2IsAtMostOne(InformationMeasures b) {
        // LL ≥ 0 and B > 0, so D² = 1 − LL/B ≤ 1, whatever the model
        qt().withFixedSeed(SEED).forAll(datasets()).checkAssert(data -> {
            int k = data.get(0).q().length;
            int[] labels = data.stream().mapToInt(Example::label).toArray();
            double[][] rows = data.stream().map(Example::q).toArray(double[][]::new);
            { // the backend under test
                sparseLoss(k, b).evaluate(labels, rows).d2LogLossScore()
                        .ifPresent(d2 -> assertThat(d2).as(b.id()).isLessThanOrEqualTo(1.0));
            }
        });
    }

    static void thePerplexityOfTheUniformPredictorOverKClassesIsK(InformationMeasures b) {
        // −ln(1/K) = ln K within an ulp or two; exp turns an absolute error δ of ln K into a
        // relative one, K·(δ + u): 8 ulps of K·max(1, ln K) is ample
        qt().withFixedSeed(SEED).forAll(integers().between(2, 64), lists().of(integers().between(0, 63))
                .ofSizeBetween(1, 50)).checkAssert((k, ys) -> {
                    int[] labels = ys.stream().mapToInt(y -> y % k).toArray();
                    double[] uniform = new double[k];
                    Arrays.fill(uniform, 1.0 / k);
                    double[][] rows = new double[labels.length][];
                    Arrays.fill(rows, uniform);
                    { // the backend under test
                        LossSummary s = sparseLoss(k, b).evaluate(labels, rows);
                        assertThat(s.perplexity()).as(b.id()).isCloseTo(k, within(8 * U * k * Math.max(1.0, Math.log(k))));
                        assertThat(s.bitsPerToken()).as(b.id()).isCloseTo(Math.log(k) / Math.log(2),
                                within(8 * U * Math.max(1.0, Math.log(k))));
                    }
                });
    }

    private static double[] logs(double[] p) {
        return Arrays.stream(p).map(Math::log).toArray();
    }
}

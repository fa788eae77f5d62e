package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.xent.InformationMeasures;
import dev.xent.testing.FormulaMeasures;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Coverage-guided fuzzing of the loss accumulators (issue 14): every kind (binary, categorical,
 * sparse, labelled) and every {@link Predictions} form, with fuzzer-made options (clipping, label
 * smoothing, class weights, row tolerance), rows, targets, labels and weights — any double,
 * NaN, ±∞, subnormals and ±{@link Double#MAX_VALUE} included.
 *
 * <p>The invariant: every call either throws a documented exception — {@link LossInputException}
 * for bad data, {@link IllegalArgumentException} with a message for a bad option — or returns a
 * loss ≥ 0 or +∞; every summary has a mean, a sum, a weight sum and per-class means that are
 * numbers ≥ 0 or +∞, never NaN; the same examples split into two accumulators and merged give the
 * same counts and the same mean within {@link LossAccumulator#MERGE_RELATIVE_TOLERANCE}; and no
 * input takes more than {@link #MAX_MILLIS} (inputs are bounded: at most 24 examples of at most 6
 * classes).
 *
 * <p>In {@code ./mvnw -B verify} this runs in regression mode over the committed seeds in
 * {@code src/test/resources/dev/xent/loss/LossFuzzTestInputs/}; to fuzz, see docs/testing.md.
 */
class LossFuzzTest {

    /**
     * A hang detector, not a speed test: an input takes milliseconds once warm, but the first
     * one loads and compiles the command (seconds on a loaded machine), and a mutation-testing or
     * fuzzing run shares the cores.
     */
    private static final long MAX_MILLIS = 30_000;

    /**
     * The loss module's tests have no bundled backend (the backends' own tests depend on the kit,
     * which depends on this module): the formulas as written stand in; every bundled backend runs
     * the loss layer's properties through the verification kit.
     */
    private static final InformationMeasures BACKEND = new FormulaMeasures();

    private static final Clipping[] CLIPPINGS =
            {Clipping.EXACT, Clipping.KERAS, Clipping.SKLEARN, Clipping.LEGACY};

    @FuzzTest(maxDuration = "10m")
    void accumulatorsEitherRejectAnExampleOrGiveLossesAndMeansThatAreNumbersAtLeast0(
            FuzzedDataProvider data) {
        long start = System.nanoTime();
        InformationMeasures backend = BACKEND;
        int kind = data.consumeInt(0, 3);
        Predictions form = data.pickValue(Predictions.values());
        int k = kind == 0 ? 2 : data.consumeInt(2, 6);
        LossOptions options;
        try {
            options = options(data, k).using(backend);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        Loss loss;
        try {
            loss = Loss.of(kind, form, k, options);
        } catch (IllegalArgumentException e) {
            // e.g. class weights on soft targets, or a form the labelled loss does not take
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        LossAccumulator whole = loss.accumulator();
        LossAccumulator[] parts = {loss.accumulator(), loss.accumulator()};
        int n = data.consumeInt(0, 24);
        for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
            Example e = loss.example(data);
            double l;
            try {
                l = e.addTo(whole);
            } catch (LossInputException x) {
                // (a label is quoted as given, control characters included: seed label-with-a-newline)
                assertThat(x.getMessage()).isNotBlank();
                continue;
            }
            assertNumberAtLeast0(l, "loss of " + e);
            // the same example is valid for every accumulator of the same loss
            e.addTo(parts[data.consumeBoolean() ? 1 : 0]);
        }
        LossSummary s;
        try {
            s = whole.summary();
        } catch (LossInputException x) {
            // empty, or every weight 0: nothing has a mean
            assertThat(whole.count() == 0 || whole.weightSum() == 0.0).as(x.getMessage()).isTrue();
            return;
        }
        assertSummary(s);
        LossSummary merged = loss.merge(parts[0], parts[1]).summary();
        assertThat(merged.count()).isEqualTo(s.count());
        assertThat(merged.clipCount()).isEqualTo(s.clipCount());
        assertSameMean(merged.mean(), s.mean());
        assertThat(System.nanoTime() - start).as("time per input, ns").isLessThan(MAX_MILLIS * 1_000_000);
    }

    private static LossOptions options(FuzzedDataProvider data, int k) {
        LossOptions o = LossOptions.DEFAULTS;
        int which = data.consumeInt(0, 7);
        if ((which & 1) != 0) {
            o = o.withClipping(data.consumeBoolean() ? data.pickValue(CLIPPINGS)
                    : Clipping.of(data.consumeDouble()));
        }
        if ((which & 2) != 0) {
            o = o.withLabelSmoothing(data.consumeBoolean() ? data.consumeDouble()
                    : data.consumeProbabilityDouble());
        }
        if ((which & 4) != 0) {
            double[] w = new double[data.consumeBoolean() ? k : data.consumeInt(0, 7)];
            for (int i = 0; i < w.length; i++) {
                w[i] = data.consumeDouble();
            }
            o = o.withClassWeights(w);
        }
        if (data.consumeBoolean()) {
            o = o.withRowSumTolerance(data.consumeDouble());
        }
        return o;
    }

    private static void assertNumberAtLeast0(double x, String what) {
        assertThat(x >= 0.0).as("%s = %s is a number >= 0 or +Infinity", what, x).isTrue();
    }

    private static void assertSummary(LossSummary s) {
        assertNumberAtLeast0(s.mean(), "mean");
        assertNumberAtLeast0(s.sum(), "sum");
        // ≥ 0, not > 0: a weight sum below the smallest double rounds to 0 while the mean stays
        // right (seed weight-sum-below-the-smallest-double)
        assertNumberAtLeast0(s.weightSum(), "weight sum");
        for (int c = 0; c < s.numClasses(); c++) {
            OptionalDouble m = s.classMean(c);
            if (m.isPresent()) {
                assertNumberAtLeast0(m.getAsDouble(), "mean of class " + c);
            }
            assertNumberAtLeast0(s.classWeightSum(c), "weight of class " + c);
        }
        s.perExample().ifPresent(v -> {
            for (double x : v) {
                assertNumberAtLeast0(x, "per-example value");
            }
        });
        assertThat(s.toString()).doesNotContain("NaN");
    }

    /** Merged splits agree within the documented tolerance (absolute 2·2^-1074 for subnormal means). */
    private static void assertSameMean(double a, double b) {
        if (a == b) {
            return;
        }
        assertThat(Math.abs(a - b)).as("merged mean %s vs %s", a, b).isLessThanOrEqualTo(
                Math.max(LossAccumulator.MERGE_RELATIVE_TOLERANCE * Math.max(a, b), 2 * Double.MIN_VALUE));
    }

    /** A fuzzer-made example of one loss, replayable on any accumulator of that loss. */
    interface Example {
        double addTo(LossAccumulator acc);
    }

    /** One of the four kinds, made from the fuzzer's bytes. */
    private record Loss(int kind, int k, CrossEntropy loss, ClassLabels labels) {

        static Loss of(int kind, Predictions form, int k, LossOptions options) {
            switch (kind) {
                case 0:
                    return new Loss(kind, 2, CrossEntropy.binary(form).withOptions(options), null);
                case 1:
                    return new Loss(kind, k, CrossEntropy.categorical(k, form).withOptions(options), null);
                case 2:
                    return new Loss(kind, k, CrossEntropy.sparse(k, form).withOptions(options), null);
                default:
                    String[] names = new String[k];
                    for (int i = 0; i < k; i++) {
                        names[i] = "c" + i;
                    }
                    ClassLabels labels = ClassLabels.inOrder(names);
                    return new Loss(kind, k, CrossEntropy.labelled(labels, form).withOptions(options), labels);
            }
        }

        LossAccumulator accumulator() {
            if (loss instanceof BinaryCrossEntropy b) {
                return b.accumulator();
            } else if (loss instanceof CategoricalCrossEntropy c) {
                return c.accumulator();
            } else if (loss instanceof SparseCrossEntropy s) {
                return s.accumulator();
            }
            return ((LabelledLogLoss) loss).accumulator();
        }

        LossAccumulator merge(LossAccumulator a, LossAccumulator b) {
            if (a instanceof BinaryAccumulator x) {
                return x.merge((BinaryAccumulator) b);
            } else if (a instanceof CategoricalAccumulator x) {
                return x.merge((CategoricalAccumulator) b);
            } else if (a instanceof SparseAccumulator x) {
                return x.merge((SparseAccumulator) b);
            }
            return ((LabelledAccumulator) a).merge((LabelledAccumulator) b);
        }

        Example example(FuzzedDataProvider data) {
            double weight = data.consumeBoolean() ? 1.0 : data.consumeDouble();
            double[] row = row(data, data.consumeBoolean() ? k : data.consumeInt(0, 7));
            switch (kind) {
                case 0: {
                    double y = data.consumeBoolean() ? data.consumeInt(0, 1) : data.consumeDouble();
                    double p = data.consumeDouble();
                    return new Described(acc -> ((BinaryAccumulator) acc).add(y, p, weight),
                            "binary(" + y + ", " + p + ", w " + weight + ")");
                }
                case 1: {
                    double[] t = row(data, data.consumeBoolean() ? k : data.consumeInt(0, 7));
                    return new Described(acc -> ((CategoricalAccumulator) acc).add(t, row, weight),
                            "categorical(" + List.of(box(t)) + ", " + List.of(box(row)) + ", w " + weight + ")");
                }
                case 2: {
                    int label = data.consumeBoolean() ? data.consumeInt(0, k - 1) : data.consumeInt();
                    return new Described(acc -> ((SparseAccumulator) acc).add(label, row, weight),
                            "sparse(" + label + ", " + List.of(box(row)) + ", w " + weight + ")");
                }
                default: {
                    String label = data.consumeBoolean() ? labels.name(data.consumeInt(0, k - 1))
                            : data.consumeString(6);
                    return new Described(acc -> ((LabelledAccumulator) acc).add(label, row, weight),
                            "labelled(" + label + ", " + List.of(box(row)) + ", w " + weight + ")");
                }
            }
        }

        /** A row: mostly a normalised one (so that examples get past the row-sum check), or raw doubles. */
        private static double[] row(FuzzedDataProvider data, int n) {
            double[] r = new double[n];
            int style = data.consumeInt(0, 2);
            for (int i = 0; i < n; i++) {
                r[i] = style == 2 ? data.consumeDouble() : data.consumeProbabilityDouble();
            }
            if (style == 0 && n > 0) {
                double s = 0;
                for (double x : r) {
                    s += x;
                }
                for (int i = 0; i < n && s > 0; i++) {
                    r[i] /= s;
                }
            }
            return r;
        }

        private static Double[] box(double[] a) {
            Double[] b = new Double[a.length];
            for (int i = 0; i < a.length; i++) {
                b[i] = a[i];
            }
            return b;
        }
    }

    /** An example with a readable description for failure messages. */
    private record Described(Example add, String text) implements Example {
        @Override
        public double addTo(LossAccumulator acc) {
            return add.addTo(acc);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}

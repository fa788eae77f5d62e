package dev.xent.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.xent.LogBase;
import dev.xent.testing.FormulaMeasures;
import dev.xent.testing.TutorialExample3;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The losses on known values. Expected numbers were computed independently with mpmath (50
 * digits) from the formulas in the javadoc, not by xent; the comment at each says what. The api
 * has no backend of its own on its test path, so these use the formula stand-in; every real
 * backend runs the tutorial's example in the verification kit (its LossContract and LossChecks).
 */
class CrossEntropyTest {

    /** Values below are doubles rounded from mpmath; a few ulps of values up to ~40. */
    private static final double TIGHT = 1e-14;

    private static final FormulaMeasures BACKEND = new FormulaMeasures();

    private static BinaryCrossEntropy binary(Predictions form) {
        return CrossEntropy.binary(form).using(BACKEND);
    }

    private static CategoricalCrossEntropy categorical(int k, Predictions form) {
        return CrossEntropy.categorical(k, form).using(BACKEND);
    }

    private static SparseCrossEntropy sparse(int k, Predictions form) {
        return CrossEntropy.sparse(k, form).using(BACKEND);
    }

    @Test
    void theTutorialsDatasetGivesItsTenValuesAndItsMeanAndPerClassMeans() {
        LossSummary s = binary(Predictions.PROBABILITIES).evaluate(TutorialExample3.Y, TutorialExample3.P);
        assertThat(s.perExample().orElseThrow()).containsExactly(TutorialExample3.PER_EXAMPLE,
                within(TutorialExample3.TOLERANCE));
        assertThat(s.mean()).isCloseTo(TutorialExample3.MEAN, within(TutorialExample3.TOLERANCE));
        assertThat(s.sum()).isCloseTo(2.469198908044648, within(1e-14)); // mpmath Σ
        assertThat(s.classMean(0).orElseThrow()).isCloseTo(TutorialExample3.MEAN_CLASS_0, within(1e-15));
        assertThat(s.classMean(1).orElseThrow()).isCloseTo(TutorialExample3.MEAN_CLASS_1, within(1e-15));
        assertThat(s.classCount(0)).isEqualTo(5);
        assertThat(s.interpretation()).isEqualTo(Interpretation.UNNAMED);
        assertThat(s.mean(LogBase.BITS)).isCloseTo(TutorialExample3.MEAN / Math.log(2), within(1e-15));
    }

    @Test
    void theSameDatasetAsOneHotRowsAsClassIndicesAndAsLogProbabilitiesGivesTheSameMean() {
        double[][] rows = new double[10][];
        double[][] targets = new double[10][];
        double[][] logs = new double[10][];
        int[] classes = new int[10];
        for (int i = 0; i < 10; i++) {
            double p = TutorialExample3.P[i];
            rows[i] = new double[] {1 - p, p};
            logs[i] = new double[] {Math.log1p(-p), Math.log(p)};
            classes[i] = (int) TutorialExample3.Y[i];
            targets[i] = classes[i] == 1 ? new double[] {0, 1} : new double[] {1, 0};
        }
        double expected = TutorialExample3.MEAN;
        assertThat(categorical(2, Predictions.PROBABILITIES).evaluate(targets, rows).mean())
                .isCloseTo(expected, within(1e-15));
        assertThat(sparse(2, Predictions.PROBABILITIES).evaluate(classes, rows).mean())
                .isCloseTo(expected, within(1e-15));
        assertThat(CrossEntropy.negativeLogLikelihood(2).using(BACKEND).evaluate(classes, logs).mean())
                .isCloseTo(expected, within(1e-15));
        double[] logP = new double[10];
        for (int i = 0; i < 10; i++) {
            logP[i] = Math.log(TutorialExample3.P[i]);
        }
        assertThat(binary(Predictions.LOG_PROBABILITIES).evaluate(TutorialExample3.Y, logP).mean())
                .isCloseTo(expected, within(1e-15));
    }

    @Test
    void aTinyProbabilityOfClassOneCostsLabelZeroItsFullDigits() {
        // −ln(1 − p) = p + p²/2 + p³/3 + …: 1e-10 + 5e-21 = 1.00000000005e-10 (mpmath agrees to 40
        // digits); ln(1 − p) of the rounded 1 − p would give 1.000000082790371e-10, 8e-8 off
        double[] p = {1e-10, 1e-300, 0.75, 0.5, 0.0, 1.0};
        double[] expected = {1.00000000005e-10, 1e-300, Math.log(4), Math.log(2), 0.0,
            Double.POSITIVE_INFINITY};
        for (int i = 0; i < p.length; i++) {
            double l = binary(Predictions.PROBABILITIES).accumulator().add(0.0, p[i]);
            if (Double.isInfinite(expected[i])) {
                assertThat(l).as("y = 0, p = %s", p[i]).isEqualTo(expected[i]);
            } else {
                assertThat(l).as("y = 0, p = %s", p[i])
                        .isCloseTo(expected[i], within(Math.ulp(expected[i])));
            }
        }
        // and label 1 costs −ln p: 1e-10 → 23.025850929940457 (mpmath: 10·ln 10)
        assertThat(binary(Predictions.PROBABILITIES).accumulator().add(1.0, 1e-10))
                .isCloseTo(23.025850929940457, within(Math.ulp(23.0)));
    }

    @Test
    void kerasBinaryCrossentropyFromLogits() {
        // Keras' from_logits example; mpmath: mean of (1−y)·ln(1+e^z) + y·ln(1+e^−z) = 0.8654579497810972
        double[] y = {0, 1, 0, 0};
        double[] z = {-18.6, 0.51, 2.94, -12.8};
        LossSummary s = binary(Predictions.LOGITS).withClipping(Clipping.KERAS).evaluate(y, z);
        assertThat(s.mean()).isCloseTo(0.8654579497810972, within(TIGHT));
        assertThat(s.perExample().orElseThrow()).containsExactly(new double[] {
            8.358390066443266e-09, 0.470313318044875, 2.991515711952363, 2.7607687611116156e-06},
                within(TIGHT));
        assertThat(s.clipCount()).isZero(); // logits are never clipped, as in Keras
    }

    @Test
    void scikitLearnLogLossWithLabelsByName() {
        // log_loss(["spam","ham","ham","spam"], [[.1,.9],[.9,.1],[.8,.2],[.35,.65]]): columns are
        // the sorted labels [ham, spam]; mpmath: −(ln .9 + ln .9 + ln .8 + ln .65)/4
        List<String> yTrue = List.of("spam", "ham", "ham", "spam");
        double[][] yPred = {{.1, .9}, {.9, .1}, {.8, .2}, {.35, .65}};
        ClassLabels labels = ClassLabels.sorted(yTrue);
        assertThat(labels.names()).containsExactly("ham", "spam");
        LossSummary s = CrossEntropy.labelled(labels).using(BACKEND).evaluate(yTrue, yPred);
        assertThat(s.mean()).isCloseTo(0.21616187468057912, within(TIGHT));
        assertThat(s.className(1)).isEqualTo("spam");
        // the sklearn profile changes nothing here: no prediction is within 2.2e-16 of 0 or 1
        assertThat(CrossEntropy.labelled(labels).using(BACKEND).withClipping(Clipping.SKLEARN)
                .evaluate(yTrue, yPred).mean()).isCloseTo(0.21616187468057912, within(TIGHT));
    }

    @Test
    void aLabelSetWiderThanTheLabelsPresent() {
        // three classes, only two present; column "eggs" must exist but no example has it
        ClassLabels labels = ClassLabels.sorted(List.of("spam", "ham", "eggs"));
        assertThat(labels.names()).containsExactly("eggs", "ham", "spam");
        double[][] yPred = {{0.1, 0.2, 0.7}, {0.2, 0.5, 0.3}};
        LossSummary s = CrossEntropy.labelled(labels).using(BACKEND).evaluate(List.of("spam", "ham"), yPred);
        // −(ln 0.7 + ln 0.5)/2 (mpmath)
        assertThat(s.mean()).isCloseTo(0.5249110622493389, within(TIGHT));
        assertThat(s.classMean(0)).isEmpty();
        assertThatThrownBy(() -> ClassLabels.sorted(List.of("spam", "spam")))
                .hasMessageContaining("at least 2 classes");
    }

    @Test
    void anImpossibleEventUnderEachClippingPolicy() {
        // y = 1, p = 0: −ln ε (mpmath): keras 1e-7, sklearn 2^-52, legacy 1e-15
        double[][] expected = {{Double.POSITIVE_INFINITY, 0}, {16.11809565095832, 1},
            {36.04365338911715, 1}, {34.538776394910684, 1}};
        Clipping[] policies = {Clipping.EXACT, Clipping.KERAS, Clipping.SKLEARN, Clipping.LEGACY};
        for (int i = 0; i < policies.length; i++) {
            Clipping c = policies[i];
            LossSummary b = binary(Predictions.PROBABILITIES).withClipping(c)
                    .evaluate(new double[] {1}, new double[] {0});
            LossSummary sp = sparse(2, Predictions.PROBABILITIES).withClipping(c)
                    .evaluate(new int[] {1}, new double[][] {{1, 0}});
            LossSummary cat = categorical(2, Predictions.PROBABILITIES).withClipping(c)
                    .evaluate(new double[][] {{0, 1}}, new double[][] {{1, 0}});
            LossSummary lg = binary(Predictions.LOG_PROBABILITIES).withClipping(c)
                    .evaluate(new double[] {1}, new double[] {Double.NEGATIVE_INFINITY});
            for (LossSummary s : List.of(b, sp, cat, lg)) {
                if (c.isExact()) {
                    assertThat(s.mean()).as(c.name()).isEqualTo(Double.POSITIVE_INFINITY);
                } else {
                    assertThat(s.mean()).as(c.name()).isCloseTo(expected[i][0], within(TIGHT));
                }
                assertThat(s.clipCount()).as(c.name()).isEqualTo((long) expected[i][1]);
            }
        }
    }

    @Test
    void clippingPoliciesAreNamedAndParsed() {
        assertThat(Clipping.parse("keras")).isEqualTo(Clipping.KERAS);
        assertThat(Clipping.parse("1e-15")).isSameAs(Clipping.LEGACY);
        assertThat(Clipping.parse("SPARK")).isSameAs(Clipping.LEGACY);
        assertThat(Clipping.parse("exact").epsilon()).isZero();
        assertThat(Clipping.SKLEARN.epsilon()).isEqualTo(2.220446049250313e-16); // numpy finfo(float64).eps
        assertThat(Clipping.parse("1e-3").clip(0.0)).isEqualTo(1e-3);
        assertThat(Clipping.KERAS.clip(1.0)).isEqualTo(1 - 1e-7);
        assertThatThrownBy(() -> Clipping.parse("fuzzy")).hasMessageContaining("fuzzy");
        assertThatThrownBy(() -> Clipping.of(0.5)).hasMessageContaining("0.5");
        assertThatThrownBy(() -> Clipping.of(Double.NaN)).hasMessageContaining("NaN");
    }

    @Test
    void hugeLogitsGiveTheExactFiniteLossNeverNaN() {
        BinaryCrossEntropy b = binary(Predictions.LOGITS);
        // softplus(1e4) = 1e4 + ln(1 + e^-1e4) = 1e4 exactly in double; softplus(-1e4) = e^-1e4 → 0
        assertThat(b.evaluate(new double[] {0}, new double[] {1e4}).mean()).isEqualTo(1e4);
        assertThat(b.evaluate(new double[] {1}, new double[] {-1e4}).mean()).isEqualTo(1e4);
        assertThat(b.evaluate(new double[] {1}, new double[] {1e4}).mean()).isEqualTo(0.0);
        assertThat(b.evaluate(new double[] {0}, new double[] {1e300}).mean()).isEqualTo(1e300);
        assertThat(b.evaluate(new double[] {0}, new double[] {Double.MAX_VALUE}).mean()).isEqualTo(Double.MAX_VALUE);
        // soft target 0.3, z = 3: 0.7·ln(1+e^3) + 0.3·ln(1+e^-3) (mpmath)
        assertThat(b.evaluate(new double[] {0.3}, new double[] {3}).mean()).isCloseTo(2.148587351573742, within(TIGHT));
        SparseCrossEntropy c = sparse(3, Predictions.LOGITS);
        double[][] z = {{1e4, 0, -1e4}};
        // log-sum-exp: ln(e^1e4 + 1 + e^-1e4) = 1e4 in double; loss of class k is 1e4 − z_k
        assertThat(c.evaluate(new int[] {2}, z).mean()).isEqualTo(2e4);
        assertThat(c.evaluate(new int[] {1}, z).mean()).isEqualTo(1e4);
        assertThat(c.evaluate(new int[] {0}, z).mean()).isEqualTo(0.0);
        assertThat(c.evaluate(new int[] {2}, new double[][] {{1e300, 0, -1e300}}).mean()).isEqualTo(2e300);
        assertThat(categorical(3, Predictions.LOGITS).evaluate(new double[][] {{0.5, 0, 0.5}}, z).mean()).isEqualTo(1e4);
        // −1e308 − 1e308 exceeds the largest double: the exact loss 2e308 is not representable
        assertThat(c.evaluate(new int[] {2}, new double[][] {{1e308, 0, -1e308}}).mean())
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void logitsAndProbabilitiesAgreeOnModerateValues() {
        double[] zs = {-30, -3.5, -0.2, 0, 0.7, 4, 25};
        for (double z : zs) {
            double p = 1 / (1 + Math.exp(-z));
            for (double y : new double[] {0, 0.25, 1}) {
                double fromLogit = binary(Predictions.LOGITS).evaluate(new double[] {y}, new double[] {z}).mean();
                double fromProb = binary(Predictions.PROBABILITIES).evaluate(new double[] {y}, new double[] {p}).mean();
                // the probability p = σ(z) carries a rounding of relative size 2^-53, which becomes an
                // absolute error of about 2^-53·(1/p + 1/(1−p)) ≤ 2^-53·(2 + e^|z|) in −ln p or
                // −ln(1 − p): the probability form cannot do better; the logit form is exact
                double tolerance = 8 * 0x1p-53 * (2 + Math.exp(Math.abs(z)));
                assertThat(fromLogit).as("z=%s y=%s", z, y).isCloseTo(fromProb, within(tolerance));
            }
        }
    }

    @Test
    void labelSmoothingFollowsKeras() {
        // binary: y = 1 → 0.9 with ε = 0.2; −(0.9 ln 0.9 + 0.1 ln 0.1) (mpmath)
        assertThat(binary(Predictions.PROBABILITIES).withLabelSmoothing(0.2)
                .evaluate(new double[] {1}, new double[] {0.9}).mean()).isCloseTo(0.32508297339144826, within(TIGHT));
        // categorical K = 3, ε = 0.3: [0,1,0] → [0.1, 0.8, 0.1] against q = [0.2, 0.7, 0.1] (mpmath)
        double[][] q = {{0.2, 0.7, 0.1}};
        CategoricalCrossEntropy c = categorical(3, Predictions.PROBABILITIES).withLabelSmoothing(0.3);
        assertThat(c.evaluate(new double[][] {{0, 1, 0}}, q).mean()).isCloseTo(0.6765422556938006, within(TIGHT));
        assertThat(sparse(3, Predictions.PROBABILITIES).withLabelSmoothing(0.3).evaluate(new int[] {1}, q).mean())
                .isCloseTo(0.6765422556938006, within(TIGHT));
        double[][] logits = {{Math.log(0.2), Math.log(0.7), Math.log(0.1)}};
        assertThat(sparse(3, Predictions.LOGITS).withLabelSmoothing(0.3).evaluate(new int[] {1}, logits).mean())
                .isCloseTo(0.6765422556938006, within(TIGHT));
        assertThatThrownBy(() -> c.withLabelSmoothing(1.5)).hasMessageContaining("1.5");
    }

    @Test
    void sampleWeightsAndReductions() {
        double[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        LossSummary s = binary(Predictions.PROBABILITIES).evaluate(TutorialExample3.Y, TutorialExample3.P, w);
        // mpmath: Σ w ℓ = 14.417051332368684, Σ w = 55, mean = Σ w ℓ / Σ w
        assertThat(s.value(Reduction.SUM)).isCloseTo(14.417051332368684, within(TIGHT));
        assertThat(s.weightSum()).isEqualTo(55.0);
        assertThat(s.value(Reduction.MEAN)).isCloseTo(0.26212820604306697, within(TIGHT));
        double[] none = s.perExample().orElseThrow();
        assertThat(none[9]).isCloseTo(10 * TutorialExample3.PER_EXAMPLE[9], within(TIGHT));
        assertThatThrownBy(() -> s.value(Reduction.NONE)).hasMessageContaining("perExample");
        // weight 0 drops an example from the mean, even an impossible one
        LossSummary z = binary(Predictions.PROBABILITIES)
                .evaluate(new double[] {1, 1}, new double[] {0.5, 0.0}, new double[] {1, 0});
        assertThat(z.mean()).isCloseTo(Math.log(2), within(1e-16));
        assertThat(z.count()).isEqualTo(2);
    }

    @Test
    void classWeightsMultiplyTheExampleWeights() {
        // class weights [1, 3] on the tutorial: (Σ_class0 ℓ + 3 Σ_class1 ℓ) / (5 + 15) (mpmath)
        LossSummary s = binary(Predictions.PROBABILITIES).withClassWeights(1, 3)
                .evaluate(TutorialExample3.Y, TutorialExample3.P);
        assertThat(s.mean()).isCloseTo(0.24024332117323868, within(TIGHT));
        assertThat(s.weightSum()).isEqualTo(20.0);
        assertThatThrownBy(() -> binary(Predictions.PROBABILITIES).withClassWeights(1, 3)
                .evaluate(new double[] {0.3}, new double[] {0.5}))
                .isInstanceOf(LossInputException.class).hasMessageContaining("example 0").hasMessageContaining("0.3");
        assertThatThrownBy(() -> binary(Predictions.PROBABILITIES).withClassWeights(1, -3))
                .hasMessageContaining("class 1").hasMessageContaining("-3");
    }

    @Test
    void theAccumulatorMergesAndCollectsInParallel() {
        BinaryCrossEntropy loss = binary(Predictions.PROBABILITIES);
        BinaryAccumulator a = loss.accumulator();
        BinaryAccumulator b = loss.accumulator();
        for (int i = 0; i < 10; i++) {
            (i % 3 == 0 ? a : b).add(TutorialExample3.Y[i], TutorialExample3.P[i]);
        }
        LossSummary merged = a.merge(b).summary();
        assertThat(merged.count()).isEqualTo(10);
        assertThat(merged.mean()).isCloseTo(TutorialExample3.MEAN, within(TutorialExample3.TOLERANCE));
        assertThat(merged.perExample()).isEmpty();
        LossSummary parallel = IntStream.range(0, 10_000).parallel().boxed()
                .collect(loss.collector((acc, i) -> acc.add(TutorialExample3.Y[i % 10], TutorialExample3.P[i % 10])));
        assertThat(parallel.count()).isEqualTo(10_000);
        assertThat(parallel.mean()).isCloseTo(TutorialExample3.MEAN, within(TutorialExample3.TOLERANCE));
        assertThatThrownBy(() -> a.merge(loss.withClipping(Clipping.KERAS).accumulator()))
                .hasMessageContaining("different losses");
    }

    @Test
    void badInputIsRejectedNamingTheExampleAndTheValue() {
        BinaryCrossEntropy b = binary(Predictions.PROBABILITIES);
        assertThatThrownBy(() -> b.evaluate(new double[] {1, 0}, new double[] {0.5, Double.NaN}))
                .isInstanceOf(LossInputException.class).hasMessageContaining("example 1").hasMessageContaining("NaN")
                .extracting(e -> ((LossInputException) e).exampleIndex()).isEqualTo(1L);
        assertThatThrownBy(() -> b.evaluate(new double[] {1, 0, 1}, new double[] {0.5, 0.5, 1.5}))
                .hasMessageContaining("example 2").hasMessageContaining("1.5");
        assertThatThrownBy(() -> b.evaluate(new double[] {Double.NaN}, new double[] {0.5}))
                .hasMessageContaining("example 0").hasMessageContaining("target NaN");
        assertThatThrownBy(() -> b.evaluate(new double[] {1, 0}, new double[] {0.5}))
                .hasMessageContaining("2 targets but 1 predictions");
        assertThatThrownBy(() -> b.evaluate(new double[0], new double[0]))
                .isInstanceOf(LossInputException.class).hasMessageContaining("empty dataset");
        assertThatThrownBy(() -> b.evaluate(new double[] {1}, new double[] {0.5}, new double[] {-1}))
                .hasMessageContaining("example 0").hasMessageContaining("-1");
        SparseCrossEntropy c = sparse(3, Predictions.PROBABILITIES);
        assertThatThrownBy(() -> c.evaluate(new int[] {0, 1}, new double[][] {{0.2, 0.3, 0.5}, {0.2, 0.3, 0.6}}))
                .hasMessageContaining("example 1").hasMessageContaining("sums to 1.1").hasMessageContaining("renormalise");
        assertThatThrownBy(() -> c.evaluate(new int[] {3}, new double[][] {{0.2, 0.3, 0.5}}))
                .hasMessageContaining("example 0").hasMessageContaining("label 3").hasMessageContaining("0 to 2");
        assertThatThrownBy(() -> c.evaluate(new int[] {0}, new double[][] {{0.5, 0.5}}))
                .hasMessageContaining("2 entries").hasMessageContaining("3 classes");
        assertThatThrownBy(() -> categorical(3, Predictions.PROBABILITIES).evaluate(new double[][] {{0.5, 0.6, 0}},
                new double[][] {{0.2, 0.3, 0.5}}))
                .hasMessageContaining("target row");
        assertThatThrownBy(() -> sparse(2, Predictions.LOGITS).evaluate(new int[] {0},
                new double[][] {{Double.POSITIVE_INFINITY, 0}})).hasMessageContaining("Infinity");
        assertThatThrownBy(() -> CrossEntropy.labelled(ClassLabels.inOrder("a", "b")).using(BACKEND)
                .evaluate(List.of("c"), new double[][] {{0.5, 0.5}})).hasMessageContaining("'c'");
        assertThatThrownBy(() -> binary(Predictions.LOG_PROBABILITIES).evaluate(new double[] {1}, new double[] {0.1}))
                .hasMessageContaining("0.1");
    }

    @Test
    void everyKindStreamsMergesCollectsAndWeighsTheTutorialsDatasetAlike() {
        // the tutorial's ten examples as two-class rows [1 − p, p]: by target row, by index, by name
        double[][] rows = new double[10][];
        double[][] targets = new double[10][];
        int[] classes = new int[10];
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            double p = TutorialExample3.P[i];
            rows[i] = new double[] {1 - p, p};
            classes[i] = (int) TutorialExample3.Y[i];
            targets[i] = classes[i] == 1 ? new double[] {0, 1} : new double[] {1, 0};
            names.add(classes[i] == 1 ? "one" : "zero");
        }
        CategoricalCrossEntropy categorical = categorical(2, Predictions.PROBABILITIES);
        SparseCrossEntropy sparse = sparse(2, Predictions.PROBABILITIES);
        LabelledLogLoss labelled = CrossEntropy.labelled(ClassLabels.inOrder("zero", "one")).using(BACKEND);

        CategoricalAccumulator c1 = categorical.accumulator();
        CategoricalAccumulator c2 = categorical.accumulator();
        SparseAccumulator s1 = sparse.accumulator();
        SparseAccumulator s2 = sparse.accumulator();
        LabelledAccumulator l1 = labelled.accumulator();
        LabelledAccumulator l2 = labelled.accumulator();
        for (int i = 0; i < 10; i++) {
            // each example's loss is returned as it is added: the mpmath value
            assertThat((i < 4 ? c1 : c2).add(targets[i], rows[i]))
                    .isCloseTo(TutorialExample3.PER_EXAMPLE[i], within(TutorialExample3.TOLERANCE));
            assertThat((i < 7 ? s1 : s2).add(classes[i], rows[i]))
                    .isCloseTo(TutorialExample3.PER_EXAMPLE[i], within(TutorialExample3.TOLERANCE));
            assertThat((i % 2 == 0 ? l1 : l2).add(names.get(i), rows[i]))
                    .isCloseTo(TutorialExample3.PER_EXAMPLE[i], within(TutorialExample3.TOLERANCE));
        }
        LossSummary parallel = IntStream.range(0, 10).boxed().parallel()
                .collect(labelled.collector((acc, i) -> acc.add(names.get(i), rows[i])));
        for (LossSummary s : List.of(c1.merge(c2).summary(), s2.merge(s1).summary(), l1.merge(l2).summary(), parallel,
                categorical.accumulator().addAll(targets, rows).summary(), sparse.accumulator().addAll(classes, rows).summary(),
                labelled.accumulator().addAll(names, rows).summary())) {
            assertThat(s.count()).isEqualTo(10);
            assertThat(s.mean()).isCloseTo(TutorialExample3.MEAN, within(TutorialExample3.TOLERANCE));
            assertThat(s.classMean(1).orElseThrow()).isCloseTo(TutorialExample3.MEAN_CLASS_1, within(1e-15));
            assertThat(s.perExample()).isEmpty();
        }
        assertThat(l1.summary().className(1)).isEqualTo("one");
        // weights 1..10: mpmath Σ w ℓ / Σ w = 0.26212820604306697, as for the binary form (sampleWeightsAndReductions)
        double[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(categorical.evaluate(targets, rows, w).mean()).isCloseTo(0.26212820604306697, within(TIGHT));
        assertThat(sparse.evaluate(classes, rows, w).mean()).isCloseTo(0.26212820604306697, within(TIGHT));
        assertThat(labelled.evaluate(names, rows, w).mean()).isCloseTo(0.26212820604306697, within(TIGHT));
        assertThat(labelled.evaluate(names, rows, w).perExample().orElseThrow()[9])
                .isCloseTo(10 * TutorialExample3.PER_EXAMPLE[9], within(TIGHT));
    }

    @Test
    void aBadInputCarriesItsExampleClassValueAndExpectationAsFields() {
        LossInputException entry = catchLoss(() -> sparse(3, Predictions.PROBABILITIES)
                .evaluate(new int[] {0, 1}, new double[][] {{0.2, 0.3, 0.5}, {0.2, 1.5, 0.3}}));
        assertThat(entry.exampleIndex()).isEqualTo(1L);
        assertThat(entry.classIndex()).isEqualTo(1);
        assertThat(entry.input()).isEqualTo(LossInputException.Input.PREDICTION);
        assertThat(entry.value()).isEqualTo("1.5");
        assertThat(entry.expected()).isEqualTo("in [0, 1]");
        assertThat(entry).hasMessage("example 1: prediction 1.5 at class 1 is not a probability in [0, 1]");

        // 0.3 + 0.700001 = 1.000001 (exact decimal sum; the compensated double sum prints so)
        LossInputException sum = catchLoss(() -> sparse(2, Predictions.PROBABILITIES)
                .evaluate(new int[] {0}, new double[][] {{0.3, 0.700001}}));
        assertThat(sum.exampleIndex()).isZero();
        assertThat(sum.classIndex()).isEqualTo(-1);
        assertThat(sum.input()).isEqualTo(LossInputException.Input.PREDICTION_ROW);
        assertThat(sum.value()).isEqualTo("1.000001");
        // the default tolerance for K = 2, 8·2·2^-52 = 2^-48 = 3.5527e-15, printed with 3 digits
        assertThat(sum.expected()).isEqualTo("1 (tolerance 3.55e-15)");
        LossInputException weight = catchLoss(() -> binary(Predictions.PROBABILITIES)
                .evaluate(new double[] {1, 0}, new double[] {0.5, 0.5}, new double[] {1, -2}));
        assertThat(weight.exampleIndex()).isEqualTo(1L);
        assertThat(weight.input()).isEqualTo(LossInputException.Input.WEIGHT);
        assertThat(weight.value()).isEqualTo("-2.0");
        assertThat(weight.expected()).isEqualTo("a finite number >= 0");
        LossInputException target = catchLoss(() -> binary(Predictions.LOGITS)
                .evaluate(new double[] {2}, new double[] {0.5}));
        assertThat(target.input()).isEqualTo(LossInputException.Input.TARGET);
        assertThat(target.classIndex()).isEqualTo(-1);
        assertThat(target.value()).isEqualTo("2.0");
        LossInputException empty = catchLoss(() -> binary(Predictions.LOGITS).evaluate(new double[0], new double[0]));
        assertThat(empty.exampleIndex()).isEqualTo(-1L);
        assertThat(empty.input()).isEqualTo(LossInputException.Input.DATASET);
    }

    private static LossInputException catchLoss(Runnable r) {
        try {
            r.run();
        } catch (LossInputException e) {
            return e;
        }
        throw new AssertionError("no LossInputException");
    }

    @Test
    void optionsAreOneValidatedValueAndTheirEqualityDecidesWhetherAccumulatorsMerge() {
        LossOptions o = LossOptions.DEFAULTS.withClipping(Clipping.KERAS).withLabelSmoothing(0.1);
        assertThat(o).isEqualTo(LossOptions.DEFAULTS.withLabelSmoothing(0.1).withClipping(Clipping.of(1e-7)));
        assertThat(o).isNotEqualTo(LossOptions.DEFAULTS.withClipping(Clipping.KERAS));
        assertThat(o.hashCode()).isEqualTo(LossOptions.DEFAULTS.withLabelSmoothing(0.1).withClipping(Clipping.KERAS).hashCode());
        assertThat(LossOptions.DEFAULTS.rowSumTolerance()).isEmpty();
        // the default tolerance is Distribution.sumTolerance: 8·K·2^-52, for K = 3 that is 24·2^-52
        assertThat(LossOptions.DEFAULTS.rowSumTolerance(3)).isEqualTo(24 * 0x1p-52);
        assertThat(LossOptions.DEFAULTS.withRowSumTolerance(1e-6).rowSumTolerance(3)).isEqualTo(1e-6);
        assertThatThrownBy(() -> LossOptions.DEFAULTS.withRowSumTolerance(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> LossOptions.DEFAULTS.withClassWeights(0, 0)).hasMessageContaining("all class weights are 0");
        double[] w = {1, 2, 3};
        LossOptions weighted = LossOptions.DEFAULTS.withClassWeights(w);
        w[0] = 99; // copied, so the options stay as they were
        assertThat(weighted.classWeights().orElseThrow()).containsExactly(1, 2, 3);
        // three class weights do not fit a binary loss; they do fit three classes
        assertThatThrownBy(() -> binary(Predictions.PROBABILITIES).withOptions(weighted))
                .hasMessageContaining("3 class weights given for 2 classes");
        assertThat(sparse(3, Predictions.PROBABILITIES).withOptions(weighted).options()).isEqualTo(weighted);

        SparseCrossEntropy loss = sparse(3, Predictions.LOGITS).withOptions(o);
        SparseAccumulator a = loss.accumulator();
        a.add(0, new double[] {0, 0, 0});
        // an equal loss built separately merges; one differing in a single option does not
        SparseAccumulator b = sparse(3, Predictions.LOGITS)
                .withOptions(LossOptions.DEFAULTS.withLabelSmoothing(0.1).withClipping(Clipping.KERAS)).accumulator();
        b.add(1, new double[] {0, 0, 0});
        assertThat(a.merge(b).count()).isEqualTo(2);
        assertThatThrownBy(() -> a.merge(sparse(3, Predictions.LOGITS).withOptions(o.withLabelSmoothing(0.2)).accumulator()))
                .hasMessageContaining("different losses");
        assertThatThrownBy(() -> a.merge(sparse(4, Predictions.LOGITS).withOptions(o).accumulator()))
                .hasMessageContaining("different losses");
        // uniform logits: −ln(1/3) = ln 3 for every class, smoothed or not (mpmath: 1.0986122886681098)
        assertThat(a.summary().mean()).isCloseTo(1.0986122886681098, within(TIGHT));
    }

    @Test
    void eachKindOfDataHasItsOwnTypedEntryPoints() {
        // the kind is fixed at compile time: no loss type has an evaluate(...) for another kind's data
        assertThat(evaluateParameters(BinaryCrossEntropy.class)).containsOnly(double[].class);
        assertThat(evaluateParameters(CategoricalCrossEntropy.class)).containsOnly(double[][].class);
        assertThat(evaluateParameters(SparseCrossEntropy.class)).containsOnly(int[].class);
        assertThat(evaluateParameters(LabelledLogLoss.class)).containsOnly(List.class);
        assertThat(CrossEntropy.negativeLogLikelihood(4).predictions()).isEqualTo(Predictions.LOG_PROBABILITIES);
        assertThat(CrossEntropy.labelled(ClassLabels.inOrder("x", "y")).className(1)).isEqualTo("y");
        assertThat(CrossEntropy.sparse(3, Predictions.LOGITS).className(2)).isEqualTo("2");
        assertThatThrownBy(() -> CrossEntropy.sparse(1, Predictions.LOGITS)).hasMessageContaining("at least 2 classes");
    }

    /** The type of the first parameter of every public evaluate method. */
    private static List<Class<?>> evaluateParameters(Class<?> type) {
        return java.util.Arrays.stream(type.getMethods()).filter(m -> m.getName().equals("evaluate"))
                .map(m -> m.getParameterTypes()[0]).collect(java.util.stream.Collectors.toList());
    }

    @Test
    void aRowSumToleranceCanBeLoosenedOnPurposeOnly() {
        // six printed decimals: the row sums to 0.999999, 1e-6 from 1
        double[][] row = {{0.333333, 0.333333, 0.333333}};
        SparseCrossEntropy c = sparse(3, Predictions.PROBABILITIES);
        assertThatThrownBy(() -> c.evaluate(new int[] {0}, row)).hasMessageContaining("0.999999");
        assertThat(c.withRowSumTolerance(1e-5).evaluate(new int[] {0}, row).mean())
                .isCloseTo(-Math.log(0.333333), within(1e-15));
    }

    @Test
    void theInterpretationScale() {
        assertThat(Interpretation.of(0.0)).isEqualTo(Interpretation.PERFECT);
        assertThat(Interpretation.of(0.019)).isEqualTo(Interpretation.GREAT);
        assertThat(Interpretation.of(0.02)).isEqualTo(Interpretation.ON_THE_RIGHT_TRACK);
        assertThat(Interpretation.of(0.1)).isEqualTo(Interpretation.FINE);
        assertThat(Interpretation.of(0.2)).isEqualTo(Interpretation.UNNAMED);
        assertThat(Interpretation.of(0.3)).isEqualTo(Interpretation.UNNAMED);
        assertThat(Interpretation.of(0.31)).isEqualTo(Interpretation.NOT_GREAT);
        assertThat(Interpretation.of(1.5)).isEqualTo(Interpretation.TERRIBLE);
        assertThat(Interpretation.of(2.01)).isEqualTo(Interpretation.BROKEN);
        assertThat(Interpretation.of(Double.POSITIVE_INFINITY)).isEqualTo(Interpretation.BROKEN);
        assertThat(Interpretation.UNNAMED.reading()).contains("unnamed");
        assertThatThrownBy(() -> Interpretation.of(Double.NaN)).hasMessageContaining("NaN");
    }
}

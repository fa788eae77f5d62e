package dev.xent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.nio.file.Paths;
import dev.xent.loss.BinaryAccumulator;
import dev.xent.loss.BinaryCrossEntropy;
import dev.xent.loss.Clipping;
import dev.xent.loss.CrossEntropy;
import dev.xent.loss.LossSummary;
import dev.xent.loss.Predictions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The losses and measures on small datasets whose values are known exactly: every expected value
 * below was computed with mpmath at 50 digits from the same doubles (the script is quoted where
 * the value is used), never by xent.
 */
class SparkLossesTest {

    /** The tutorial's ten predictions. */
    private static final double[] Y = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
    private static final double[] P = {0.8, 0.9, 0.9, 0.6, 0.8, 0.1, 0.4, 0.2, 0.1, 0.3};

    /** mpmath: sum(-log(p) if y else -log(1-p)) / 10 = 0.24691989080446481415… */
    private static final double TUTORIAL_MEAN = 0.2469198908044648;
    /** mpmath: the same, classes 0 (the last five) and 1 (the first five). */
    private static final double TUTORIAL_CLASS0 = 0.2602730300669171;
    private static final double TUTORIAL_CLASS1 = 0.23356675154201254;
    /** mpmath: exp(mean). */
    private static final double TUTORIAL_PERPLEXITY = 1.2800765627670587;

    private static SparkSession spark;
    private static Dataset<Row> tutorial;

    @BeforeAll
    static void session() {
        spark = SharedSpark.session();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Y.length; i++) {
            rows.add(RowFactory.create(Y[i], P[i]));
        }
        StructType schema = new StructType().add("y", DataTypes.DoubleType)
                .add("p", DataTypes.DoubleType);
        // three partitions (without a shuffle): the result is merged from several buffers
        tutorial = spark.createDataFrame(
                new JavaSparkContext(spark.sparkContext()).parallelize(rows, 3), schema);
        tutorial.createOrReplaceTempView("tutorial");
    }

    private static void assertRelative(double actual, double expected, double tolerance) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * tolerance));
    }

    private static void assertTutorial(Row r) {
        assertRelative(r.getDouble(r.fieldIndex("mean")), TUTORIAL_MEAN, Tolerances.EXACT);
        assertRelative(r.getDouble(r.fieldIndex("perplexity")), TUTORIAL_PERPLEXITY,
                Tolerances.EXACT);
        assertThat(r.getLong(r.fieldIndex("count"))).isEqualTo(10L);
        assertThat(r.getDouble(r.fieldIndex("weight_sum"))).isEqualTo(10.0);
        assertThat(r.getLong(r.fieldIndex("clip_count"))).isZero();
        Map<String, Double> classes = r.getJavaMap(r.fieldIndex("class_means"));
        assertThat(classes).containsOnlyKeys("0", "1");
        assertRelative(classes.get("0"), TUTORIAL_CLASS0, Tolerances.EXACT);
        assertRelative(classes.get("1"), TUTORIAL_CLASS1, Tolerances.EXACT);
    }

    @Test
    void theTutorialsTenPredictionsGiveItsMeanThroughSql() {
        Row r = spark.sql("SELECT xent_binary_log_loss(y, p) AS loss FROM tutorial").first()
                .getStruct(0);
        assertTutorial(r);
        assertThat(r.getLong(r.fieldIndex("skipped"))).isZero();
    }

    @Test
    void theTutorialsTenPredictionsGiveItsMeanThroughTheDataFrameApi() {
        Row r = tutorial.agg(XentSpark.binaryLogLoss("").apply(col("y"), col("p"))).first()
                .getStruct(0);
        assertTutorial(r);
    }

    @Test
    void aParquetRoundTripGivesTheSameSummary() {
        String dir = Paths.get("target", "parquet", "tutorial").toAbsolutePath().toString();
        tutorial.write().mode(SaveMode.Overwrite).parquet(dir);
        Dataset<Row> back = spark.read().parquet(dir);
        assertThat(back.rdd().getNumPartitions()).isGreaterThanOrEqualTo(1);
        assertTutorial(back.agg(XentSpark.binaryLogLoss("").apply(col("y"), col("p"))).first()
                .getStruct(0));
    }

    @Test
    void logitsSampleWeightsAndClassWeightsFollowTheOptionsString() {
        // mpmath: z = [2, -1, 0.5, -3, 4], t = [1, 0, 1, 1, 0], w = [1, 2, 0.5, 1, 3], class
        // weights [1, 3]; ℓ = softplus(-z) for t = 1, softplus(z) for t = 0; effective weight
        // w·c(t): Σwℓ = 22.918634722910177, Σw = 12.5, mean 1.8334907778328142
        spark.createDataFrame(Arrays.asList(
                RowFactory.create(1.0, 2.0, 1.0), RowFactory.create(0.0, -1.0, 2.0),
                RowFactory.create(1.0, 0.5, 0.5), RowFactory.create(1.0, -3.0, 1.0),
                RowFactory.create(0.0, 4.0, 3.0)), new StructType().add("t", DataTypes.DoubleType)
                        .add("z", DataTypes.DoubleType).add("w", DataTypes.DoubleType))
                .createOrReplaceTempView("logits");
        Row r = spark.sql("SELECT xent_binary_log_loss_with(t, z, w,"
                + " 'form=logits; class_weights=1,3') FROM logits").first().getStruct(0);
        assertRelative(r.getDouble(r.fieldIndex("mean")), 1.8334907778328142, Tolerances.EXACT);
        assertRelative(r.getDouble(r.fieldIndex("sum")), 22.918634722910177, Tolerances.EXACT);
        assertThat(r.getDouble(r.fieldIndex("weight_sum"))).isEqualTo(12.5);
        assertThat(r.getLong(r.fieldIndex("count"))).isEqualTo(5L);
    }

    @Test
    void labelSmoothingMovesTheTargetsTowardsOneHalf() {
        // mpmath: y' = y(1 − 0.1) + 0.05, ℓ = −y' ln p − (1 − y') ln(1 − p), mean over the tutorial
        // = 0.31994993815100525; y' and 1 − p are rounded to doubles on the way (2⁻⁵⁴ absolute at
        // most on losses of order 1), hence an absolute bound
        Row r = spark.sql("SELECT xent_binary_log_loss_with(y, p, 1.0, 'smoothing=0.1')"
                + " FROM tutorial").first().getStruct(0);
        assertThat(r.getDouble(0)).isCloseTo(0.31994993815100525, within(1e-15));
    }

    @Test
    void theLabelledLogLossReproducesScikitLearnsExample() {
        // scikit-learn's log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2],
        // [.35, .65]]) = 0.21616…; mpmath: 0.21616187468057912, ham 0.164252033486018, spam
        // 0.2680717158751402
        spark.createDataFrame(Arrays.asList(
                RowFactory.create("spam", new double[] {.1, .9}),
                RowFactory.create("ham", new double[] {.9, .1}),
                RowFactory.create("ham", new double[] {.8, .2}),
                RowFactory.create("spam", new double[] {.35, .65})),
                new StructType().add("label", DataTypes.StringType)
                        .add("q", DataTypes.createArrayType(DataTypes.DoubleType)))
                .createOrReplaceTempView("spam");
        Row r = spark.sql("SELECT xent_labelled_log_loss(label, q, 'classes=ham,spam') FROM spam")
                .first().getStruct(0);
        assertRelative(r.getDouble(r.fieldIndex("mean")), 0.21616187468057912, Tolerances.EXACT);
        Map<String, Double> classes = r.getJavaMap(r.fieldIndex("class_means"));
        assertRelative(classes.get("ham"), 0.164252033486018, Tolerances.EXACT);
        assertRelative(classes.get("spam"), 0.2680717158751402, Tolerances.EXACT);
    }

    @Test
    void theSparseAndCategoricalLossesOfOneHotRowsGiveTheTutorialsMean() {
        // the tutorial's predictions as rows [1 − p, p]: the same mean (tutorial, section 6)
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Y.length; i++) {
            rows.add(RowFactory.create(Y[i], new double[] {1 - Y[i], Y[i]},
                    new double[] {1 - P[i], P[i]}));
        }
        spark.createDataFrame(rows, new StructType().add("k", DataTypes.DoubleType)
                .add("t", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("q", DataTypes.createArrayType(DataTypes.DoubleType)))
                .createOrReplaceTempView("rows");
        Row r = spark.sql("SELECT xent_log_loss(k, q), xent_categorical_log_loss(t, q) FROM rows")
                .first();
        // 1 − p is rounded, so the exact value is of the rounded complements: the tutorial's mean
        // within the rounding of 1 − p (2⁻⁵⁴ absolute at most, on losses of order 1)
        assertThat(r.getStruct(0).getDouble(0)).isCloseTo(TUTORIAL_MEAN, within(1e-15));
        assertThat(r.getStruct(1).getDouble(0)).isCloseTo(TUTORIAL_MEAN, within(1e-15));
        assertThat(r.getStruct(0).getLong(2)).isEqualTo(10L);
    }

    @Test
    void aBadRowFailsTheJobWithTheLibrarysMessageTheRowAndThePartition() {
        Dataset<Row> bad = tutorial.union(spark.sql("SELECT CAST(1.0 AS DOUBLE) AS y,"
                + " CAST(1.5 AS DOUBLE) AS p"));
        bad.createOrReplaceTempView("bad");
        assertThatThrownBy(() -> spark.sql("SELECT xent_binary_log_loss(y, p) FROM bad").first())
                .isInstanceOf(SparkException.class)
                .hasMessageContaining("xent_binary_log_loss: example ")
                .hasMessageContaining("prediction 1.5 is not a probability in [0, 1]")
                .hasMessageContaining("row (target=1.0, prediction=1.5) in partition ");
    }

    @Test
    void aNullIsABadRow() {
        tutorial.union(spark.sql("SELECT CAST(1.0 AS DOUBLE) AS y, CAST(NULL AS DOUBLE) AS p"))
                .createOrReplaceTempView("nulls");
        assertThatThrownBy(() -> spark.sql("SELECT xent_binary_log_loss(y, p) FROM nulls").first())
                .isInstanceOf(SparkException.class)
                .hasMessageContaining("prediction is null")
                .hasMessageContaining("row (target=1.0, prediction=null)");
    }

    @Test
    void badRowsAreCountedAndSkippedWhenTheOptionsSaySo() {
        tutorial.union(spark.sql("SELECT CAST(1.0 AS DOUBLE) AS y, CAST(1.5 AS DOUBLE) AS p"))
                .union(spark.sql("SELECT CAST(NULL AS DOUBLE) AS y, CAST(0.5 AS DOUBLE) AS p"))
                .union(spark.sql("SELECT CAST(0.0 AS DOUBLE) AS y, CAST('NaN' AS DOUBLE) AS p"))
                .createOrReplaceTempView("skips");
        Row r = spark.sql("SELECT xent_binary_log_loss_with(y, p, 1.0, 'bad_rows=skip')"
                + " FROM skips").first().getStruct(0);
        assertTutorial(r);
        assertThat(r.getLong(r.fieldIndex("skipped"))).isEqualTo(3L);
    }

    @Test
    void clippingIsCountedAndBoundsTheLoss() {
        // p = 0 for a true class: +∞ exactly without clipping; with keras' 1e-7 the loss is
        // −ln(1e-7) = 16.11809565095832 (mpmath) and the clip count is 1
        spark.createDataFrame(Arrays.asList(RowFactory.create(1.0, 0.0)),
                new StructType().add("y", DataTypes.DoubleType).add("p", DataTypes.DoubleType))
                .createOrReplaceTempView("zero");
        Row exact = spark.sql("SELECT xent_binary_log_loss(y, p) FROM zero").first().getStruct(0);
        assertThat(exact.getDouble(0)).isEqualTo(Double.POSITIVE_INFINITY);
        Row keras = spark.sql("SELECT xent_binary_log_loss_with(y, p, 1.0, 'clip=keras')"
                + " FROM zero").first().getStruct(0);
        assertRelative(keras.getDouble(0), 16.11809565095832, Tolerances.EXACT);
        assertThat(keras.getLong(keras.fieldIndex("clip_count"))).isEqualTo(1L);
    }

    @Test
    void anEmptyInputHasNoMeanAndGroupsAggregateApart() {
        Row empty = spark.sql("SELECT xent_binary_log_loss(y, p) FROM tutorial WHERE p > 2")
                .first().getStruct(0);
        assertThat(empty.isNullAt(empty.fieldIndex("mean"))).isTrue();
        assertThat(empty.getLong(empty.fieldIndex("count"))).isZero();
        List<Row> byClass = spark.sql("SELECT y, xent_binary_log_loss(y, p).mean AS m"
                + " FROM tutorial GROUP BY y ORDER BY y").collectAsList();
        assertRelative(byClass.get(0).getDouble(1), TUTORIAL_CLASS0, Tolerances.EXACT);
        assertRelative(byClass.get(1).getDouble(1), TUTORIAL_CLASS1, Tolerances.EXACT);
    }

    @Test
    void manyGroupsAgreeWithTheLossLayersOwnAccumulatorWhenSparkSpillsBuffers() {
        // 300 groups of 20 rows in 3 partitions, and a fallback threshold of 2: Spark's object hash
        // aggregation then serialises buffers mid-partition (sort-based fallback) and goes on
        // adding rows to fresh ones. Expected: the loss layer's accumulator over each group's rows.
        SplittableRandom random = new SplittableRandom(15);
        List<Row> rows = new ArrayList<>();
        Map<Integer, BinaryAccumulator> expected = new HashMap<>();
        BinaryCrossEntropy loss = CrossEntropy.binary(Predictions.PROBABILITIES)
                .withClipping(Clipping.KERAS);
        for (int n = 0; n < 6000; n++) {
            int group = random.nextInt(300);
            double p = random.nextInt(50) == 0 ? 0.0 : random.nextDouble();
            double y = random.nextDouble() < p ? 1.0 : 0.0;
            rows.add(RowFactory.create(group, y, p));
            expected.computeIfAbsent(group, g -> loss.accumulator()).add(y, p);
        }
        spark.createDataFrame(new JavaSparkContext(spark.sparkContext()).parallelize(rows, 3),
                new StructType().add("g", DataTypes.IntegerType).add("y", DataTypes.DoubleType)
                        .add("p", DataTypes.DoubleType)).createOrReplaceTempView("groups");
        String threshold = "spark.sql.objectHashAggregate.sortBased.fallbackThreshold";
        String before = spark.conf().get(threshold);
        spark.conf().set(threshold, "2");
        try {
            List<Row> got = spark.sql("SELECT g, xent_binary_log_loss_with(y, p, 1.0, 'clip=keras')"
                    + " AS l FROM groups GROUP BY g").collectAsList();
            assertThat(got).hasSize(expected.size());
            for (Row r : got) {
                LossSummary want = expected.get(r.getInt(0)).summary();
                Row l = r.getStruct(1);
                assertThat(l.getLong(l.fieldIndex("count"))).isEqualTo(want.count());
                assertThat(l.getLong(l.fieldIndex("clip_count"))).isEqualTo(want.clipCount());
                assertRelative(l.getDouble(l.fieldIndex("mean")), want.mean(), Tolerances.MERGE);
            }
        } finally {
            spark.conf().set(threshold, before);
        }
    }

    @Test
    void theMeasuresOnArrayColumnsMatchTheirExactValues() {
        // the tutorial's P = [0.1, 0.4, 0.5], Q = [0.8, 0.15, 0.05]; mpmath, nats:
        // H(P) = 0.9433483923290392, H(P, Q) = 2.279028485862769, KL = 1.3356800935337299
        Row r = spark.sql("SELECT xent_entropy(array(0.1D, 0.4D, 0.5D)),"
                + " xent_cross_entropy(array(0.1D, 0.4D, 0.5D), array(0.8D, 0.15D, 0.05D)),"
                + " xent_kl_divergence(array(0.1D, 0.4D, 0.5D), array(0.8D, 0.15D, 0.05D)),"
                + " xent_entropy(CAST(NULL AS ARRAY<DOUBLE>))").first();
        assertRelative(r.getDouble(0), 0.9433483923290392, Tolerances.EXACT);
        assertRelative(r.getDouble(1), 2.279028485862769, Tolerances.EXACT);
        assertRelative(r.getDouble(2), 1.3356800935337299, Tolerances.EXACT);
        assertThat(r.isNullAt(3)).isTrue();
        assertThatThrownBy(() -> spark.sql("SELECT xent_entropy(array(0.5D, 0.4D))").first())
                .isInstanceOf(SparkException.class)
                .hasMessageContaining("xent_entropy: P: ")
                .hasMessageContaining("sum to 0.9")
                .hasMessageContaining("p=[0.5, 0.4]");
    }

    @Test
    void badOptionsFailBeforeAnyRowIsRead() {
        assertThatThrownBy(() -> XentSpark.binaryLogLoss("clip=sometimes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown clipping policy 'sometimes'");
        assertThatThrownBy(() -> LossSpec.parse("colour=blue"))
                .hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> XentSpark.logLoss(LossKind.LABELLED, "clip=keras"))
                .hasMessageContaining("needs classes=");
        assertThatThrownBy(() -> XentSpark.binaryLogLoss("class_weights=1,2,3"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Path target() {
        return Paths.get("target");
    }
}

package dev.xent.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/spark.md's Java examples live here, between {@code SPARK:begin} and {@code SPARK:end}
 * markers: this test runs them on two rows whose results mpmath gives, and checks that the page
 * shows them verbatim.
 */
class DocsExamplesTest {

    private static SparkSession spark;
    private static Dataset<Row> df;

    @BeforeAll
    static void twoRows() {
        spark = SharedSpark.session();
        StructType schema = new StructType().add("y", DataTypes.DoubleType).add("z", DataTypes.DoubleType)
                .add("model", DataTypes.StringType).add("label", DataTypes.IntegerType)
                .add("probs", DataTypes.createArrayType(DataTypes.DoubleType, false))
                .add("w", DataTypes.DoubleType)
                .add("p", DataTypes.createArrayType(DataTypes.DoubleType, false))
                .add("q", DataTypes.createArrayType(DataTypes.DoubleType, false));
        df = spark.createDataFrame(List.of(
                RowFactory.create(1.0, 2.0, "a", 0, new double[] {0.7, 0.3}, 1.0, new double[] {0.5, 0.5},
                        new double[] {0.9, 0.1}),
                RowFactory.create(0.0, -1.0, "a", 1, new double[] {0.4, 0.6}, 3.0, new double[] {0.25, 0.75},
                        new double[] {0.5, 0.5})), schema);
    }

    @Test
    void theDataFrameExamplesComputeWhatMpmathGives() {
        // SPARK:begin dataframe
        Row loss = df.agg(XentSpark.binaryLogLoss("form=logits").apply(col("y"), col("z")))
                     .first().getStruct(0);
        double mean = loss.getDouble(loss.fieldIndex("mean"));

        Dataset<Row> perModel = df.groupBy("model").agg(XentSpark.weightedLogLoss(LossKind.SPARSE, "clip=keras")
                .apply(col("label"), col("probs"), col("w")).as("loss"));
        Dataset<Row> kl = df.select(XentSpark.klDivergence().apply(col("p"), col("q")).as("kl"));
        // SPARK:end dataframe

        // mpmath, 40 digits: (softplus(-2) + softplus(-1))/2; (-ln 0.7 - 3 ln 0.6)/4; the two KLs
        assertThat(mean).isCloseTo(0.22009484928059767, within(1e-15));
        Row a = perModel.first().getStruct(1);
        assertThat(a.getDouble(a.fieldIndex("mean"))).isCloseTo(0.47228795380917615, within(1e-15));
        double[] kls = kl.collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();
        assertThat(kls).containsExactly(new double[] {0.5108256237659906, 0.13081203594113697}, within(1e-15));
    }

    @Test
    void docsSparkShowsTheExamplesVerbatim() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/xent/spark/DocsExamplesTest.java"),
                StandardCharsets.UTF_8);
        int begin = lines.indexOf("        // SPARK:begin dataframe");
        int end = lines.indexOf("        // SPARK:end dataframe");
        assertThat(end).isGreaterThan(begin + 1);
        String snippet = lines.subList(begin + 1, end).stream().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .collect(Collectors.joining("\n"));
        assertThat(Files.readString(Path.of("../docs/spark.md"), StandardCharsets.UTF_8))
                .as("docs/spark.md shows DocsExamplesTest's example verbatim").contains(snippet);
    }
}

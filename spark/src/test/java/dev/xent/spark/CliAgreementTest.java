package dev.xent.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.xent.cli.Xent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The equality with {@code xent loss} is a test, not a claim: one generated file (fixed seed) goes
 * through the command, run in-process, and through Spark split into many partitions; the means, the
 * per-class means, the counts and the clip counts must agree within the loss layer's merge bound.
 */
class CliAgreementTest {

    /** 10⁶ rows of 4 classes, about 70 MB of CSV under target/. */
    static final int ROWS = 1_000_000;
    static final int CLASSES = 4;
    static final long SEED = 20261202L;

    private static Path csv;
    private static SparkSession spark;

    @BeforeAll
    static void writeTheFile() throws IOException {
        spark = SharedSpark.session();
        csv = Paths.get("target", "agreement", "rows.csv").toAbsolutePath();
        Files.createDirectories(csv.getParent());
        SplittableRandom random = new SplittableRandom(SEED);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("label,c0,c1,c2,c3\n");
            double[] q = new double[CLASSES];
            StringBuilder line = new StringBuilder(96);
            for (int n = 0; n < ROWS; n++) {
                int label = random.nextInt(CLASSES);
                double total = 0.0;
                for (int k = 0; k < CLASSES; k++) {
                    q[k] = random.nextDouble() + (k == label ? 0.5 : 0.0);
                }
                // one row in a hundred predicts its true class with (almost) nothing: clipped
                if (random.nextInt(100) == 0) {
                    q[label] = 1e-12;
                }
                for (int k = 0; k < CLASSES; k++) {
                    total += q[k];
                }
                line.setLength(0);
                line.append(label);
                for (int k = 0; k < CLASSES; k++) {
                    line.append(',').append(q[k] / total);
                }
                w.write(line.append('\n').toString());
            }
        }
    }

    @Test
    void sparkOverManyPartitionsAgreesWithXentLossOnTheSameFile() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Xent.run(new PrintWriter(out), new PrintWriter(err), "loss", csv.toString(),
                "--clip", "keras", "--per-class", "--json");
        assertThat(code).as(err.toString()).isZero();
        String json = out.toString();
        double cliMean = number(json, "\"value\": ([^,}]+)");
        long cliCount = (long) number(json, "\"count\": ([^,}]+)");
        long cliClipped = (long) number(json, "\"clipped\": ([^,}]+)");
        Map<String, Double> cliClasses = new HashMap<>();
        for (int k = 0; k < CLASSES; k++) {
            cliClasses.put(Integer.toString(k), number(json, "\"c" + k + "\": ([^,}]+)"));
        }

        StructType schema = new StructType().add("label", DataTypes.DoubleType);
        for (int k = 0; k < CLASSES; k++) {
            schema = schema.add("c" + k, DataTypes.DoubleType);
        }
        String before = spark.conf().get("spark.sql.files.maxPartitionBytes");
        spark.conf().set("spark.sql.files.maxPartitionBytes", "4m");
        try {
            spark.read().schema(schema).option("header", "true").csv(csv.toString())
                    .createOrReplaceTempView("agreement");
            assertThat(spark.table("agreement").rdd().getNumPartitions()).isGreaterThan(10);
            Row r = spark.sql("SELECT xent_log_loss_with(label, array(c0, c1, c2, c3), 1.0,"
                    + " 'clip=keras') FROM agreement").first().getStruct(0);
            assertThat(r.getLong(r.fieldIndex("count"))).isEqualTo(cliCount).isEqualTo(ROWS);
            assertThat(r.getLong(r.fieldIndex("clip_count"))).isEqualTo(cliClipped)
                    .isPositive();
            assertThat(r.getDouble(r.fieldIndex("mean")))
                    .isCloseTo(cliMean, within(cliMean * Tolerances.MERGE));
            Map<String, Double> classes = r.getJavaMap(r.fieldIndex("class_means"));
            assertThat(classes).containsOnlyKeys(cliClasses.keySet());
            for (Map.Entry<String, Double> e : cliClasses.entrySet()) {
                assertThat(classes.get(e.getKey())).as("class %s", e.getKey())
                        .isCloseTo(e.getValue(), within(e.getValue() * Tolerances.CLASS_MERGE));
            }
        } finally {
            spark.conf().set("spark.sql.files.maxPartitionBytes", before);
        }
    }

    private static double number(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        assertThat(m.find()).as("%s in %s", regex, json).isTrue();
        return Double.parseDouble(m.group(1).trim());
    }
}

package dev.xent.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark side of {@code spark/compare}: one CSV of a label and K probability columns named
 * c0…c(K−1) through {@code xent_log_loss} on a local[2] session bound to 127.0.0.1; prints the
 * session's start-up time, the query's time and the result as one JSON line. Not a test (its name
 * matches no Surefire include); run by the script with the module's test class path.
 */
public final class SparkCompare {

    private SparkCompare() {
    }

    public static void main(String[] args) {
        String file = args[0];
        int classes = Integer.parseInt(args[1]);
        long t0 = System.nanoTime();
        SparkSession spark = SparkSession.builder().appName("xent-spark-compare").master("local[2]")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        XentSpark.register(spark);
        long t1 = System.nanoTime();
        StructType schema = new StructType().add("label", DataTypes.DoubleType);
        StringBuilder array = new StringBuilder("array(");
        for (int k = 0; k < classes; k++) {
            schema = schema.add("c" + k, DataTypes.DoubleType);
            array.append(k == 0 ? "" : ", ").append('c').append(k);
        }
        array.append(')');
        spark.read().schema(schema).option("header", "true").csv(file).createOrReplaceTempView("f");
        int partitions = spark.table("f").rdd().getNumPartitions();
        Row r = spark.sql("SELECT xent_log_loss(label, " + array + ") FROM f").first().getStruct(0);
        long t2 = System.nanoTime();
        // the same scan with Spark's own sum of every column: what reading and parsing cost alone
        double scan = spark.sql("SELECT sum(label + " + array.substring(6, array.length() - 1)
                .replace(", ", " + ") + ") FROM f").first().getDouble(0);
        long t3 = System.nanoTime();
        System.out.printf(java.util.Locale.ROOT, "{\"startup_seconds\": %.2f, \"query_seconds\": %.2f,"
                + " \"scan_only_seconds\": %.2f, \"partitions\": %d, \"mean\": %s, \"count\": %d,"
                + " \"scan_sum\": %s}%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                partitions, r.getDouble(0), r.getLong(2), scan);
        spark.stop();
    }
}

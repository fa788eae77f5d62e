package dev.xent.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] session of this module's tests, bound to 127.0.0.1, no UI, few shuffle
 * partitions; created on first use and stopped by Spark's own shutdown hook.
 */
final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("xent-spark-tests")
                    .master("local[2]")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .getOrCreate();
            XentSpark.register(session);
        }
        return session;
    }
}

package dev.xent.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one local[2] session of this module's tests, bound to 127.0.0.1, no UI, two shuffle
 * partitions, no whole-stage code generation; created on first use and stopped by Spark's own shutdown hook.
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
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    // the tests run many tiny queries: compiling generated code for each costs more
                    // than it saves (the results do not depend on it)
                    .config("spark.sql.codegen.wholeStage", "false")
                    .getOrCreate();
            XentSpark.register(session);
        }
        return session;
    }
}

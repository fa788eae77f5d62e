/**
 * xent's exact losses and measures inside Apache Spark (Java API; Spark 4, Scala 2.13).
 *
 * <ul>
 *   <li>{@link dev.xent.spark.XentSpark#register(org.apache.spark.sql.SparkSession)} registers every
 *       SQL function in one call: the losses as aggregate functions
 *       ({@code xent_binary_log_loss}, {@code xent_categorical_log_loss}, {@code xent_log_loss},
 *       {@code xent_labelled_log_loss} and their {@code _with} forms taking a weight and an options
 *       string) and the measures as column functions ({@code xent_entropy},
 *       {@code xent_cross_entropy}, {@code xent_kl_divergence});</li>
 *   <li>{@link dev.xent.spark.LossAggregator} is the typed aggregator behind them, configured once with
 *       {@link dev.xent.spark.LossSpec} for the DataFrame API;</li>
 *   <li>a bad row stops the job with a {@link dev.xent.spark.BadRowException}: the loss layer's
 *       message, the row's values and its partition — or is counted and skipped when the options say
 *       {@code bad_rows=skip}.</li>
 * </ul>
 *
 * <p>The manual, with the semantics and the measured cost, is {@code docs/spark.md}. This jar is not a
 * JPMS module (Spark is not modular); its automatic module name is {@code dev.xent.spark}.
 */
package dev.xent.spark;

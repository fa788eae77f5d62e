package dev.xent.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The entry point: {@link #register(SparkSession)} registers every xent SQL function in one call,
 * and the static methods give the same functions to the DataFrame API without registering.
 *
 * <table>
 *   <caption>The SQL functions</caption>
 *   <tr><th>function</th><th>what</th></tr>
 *   <tr><td>{@code xent_binary_log_loss(y, p)}</td><td>binary cross-entropy, y a label or soft
 *       target, p = P(class 1)</td></tr>
 *   <tr><td>{@code xent_categorical_log_loss(t, q)}</td><td>categorical cross-entropy, t and q
 *       arrays</td></tr>
 *   <tr><td>{@code xent_log_loss(k, q)}</td><td>sparse cross-entropy, k the class index, q an
 *       array</td></tr>
 *   <tr><td>{@code xent_labelled_log_loss(name, q, options)}</td><td>log loss with named classes;
 *       the options must give {@code classes=…}</td></tr>
 *   <tr><td>{@code …_with(target, prediction, weight, options)}</td><td>each of the four with a
 *       sample weight column and an options string ({@link LossSpec})</td></tr>
 *   <tr><td>{@code xent_entropy(p)}, {@code xent_cross_entropy(p, q)},
 *       {@code xent_kl_divergence(p, q)}</td><td>the measures, in nats, per row</td></tr>
 * </table>
 *
 * <p>Each loss returns the struct {@link LossAggregator#RESULT}: {@code mean}, {@code sum},
 * {@code count}, {@code weight_sum}, {@code clip_count}, {@code skipped}, {@code perplexity},
 * {@code class_means}. The manual is {@code docs/spark.md}.
 */
public final class XentSpark {

    private XentSpark() {
    }

    /**
     * Registers every xent SQL function in the session (see the class documentation).
     *
     * @param spark the session
     * @return the names registered, in order
     */
    public static List<String> register(SparkSession spark) {
        List<String> names = new ArrayList<>();
        for (LossKind kind : LossKind.values()) {
            String base = kind.sqlName();
            LossAggregator plain = kind == LossKind.LABELLED
                    ? LossAggregator.sql(kind, false, base) : LossAggregator.sqlDefaults(kind);
            spark.udf().register(base, plain.toFunction());
            names.add(base);
            String with = base + "_with";
            spark.udf().register(with, LossAggregator.sql(kind, true, with).toFunction());
            names.add(with);
        }
        spark.udf().register("xent_entropy", new Measures.Entropy(), DataTypes.DoubleType);
        spark.udf().register("xent_cross_entropy", new Measures.Pair(false), DataTypes.DoubleType);
        spark.udf().register("xent_kl_divergence", new Measures.Pair(true), DataTypes.DoubleType);
        names.add("xent_entropy");
        names.add("xent_cross_entropy");
        names.add("xent_kl_divergence");
        return names;
    }

    /**
     * The binary log loss on columns (target, prediction) with the given options.
     *
     * @param options the options ({@link LossSpec}), e.g. {@code "form=logits"}; {@code ""} for
     *     the defaults
     * @return an aggregate function of two columns
     */
    public static UserDefinedFunction binaryLogLoss(String options) {
        return LossAggregator.of(LossKind.BINARY, LossSpec.parse(options)).toFunction();
    }

    /**
     * A loss of the given kind on columns (target, prediction) with the given options.
     *
     * @param kind the loss
     * @param options the options ({@link LossSpec})
     * @return an aggregate function of two columns
     */
    public static UserDefinedFunction logLoss(LossKind kind, String options) {
        return LossAggregator.of(kind, LossSpec.parse(options)).toFunction();
    }

    /**
     * A loss of the given kind on columns (target, prediction, weight) with the given options.
     *
     * @param kind the loss
     * @param options the options ({@link LossSpec})
     * @return an aggregate function of three columns
     */
    public static UserDefinedFunction weightedLogLoss(LossKind kind, String options) {
        return LossAggregator.weighted(kind, LossSpec.parse(options)).toFunction();
    }

    /**
     * H(P) in nats of an array column.
     *
     * @return a function of one column
     */
    public static UserDefinedFunction entropy() {
        return functions.udf(new Measures.Entropy(), DataTypes.DoubleType).withName("xent_entropy");
    }

    /**
     * H(P, Q) in nats of two array columns.
     *
     * @return a function of two columns
     */
    public static UserDefinedFunction crossEntropy() {
        return functions.udf(new Measures.Pair(false), DataTypes.DoubleType)
                .withName("xent_cross_entropy");
    }

    /**
     * KL(P ‖ Q) in nats of two array columns.
     *
     * @return a function of two columns
     */
    public static UserDefinedFunction klDivergence() {
        return functions.udf(new Measures.Pair(true), DataTypes.DoubleType)
                .withName("xent_kl_divergence");
    }
}

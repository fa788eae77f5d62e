package dev.xent.spark;

import dev.xent.loss.LossInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One of the loss layer's losses as a Spark {@link Aggregator}: rows in, the whole summary out as a
 * struct ({@link #RESULT}). Use it from the DataFrame API with {@link #toFunction()}, or through the
 * SQL functions {@link XentSpark#register(org.apache.spark.sql.SparkSession)} registers.
 *
 * <p>The input columns are the target and the prediction ({@link LossKind}), then optionally a
 * sample weight (double, finite, ≥ 0) and, for the SQL functions, the options as a string that must
 * be the same on every row ({@link LossSpec}). A row the loss layer refuses — a probability outside
 * [0, 1], a row that does not sum to 1, a label out of range, a NaN, a null anywhere — stops the job
 * with a {@link BadRowException} (the loss layer's message, the row's values, the partition), unless
 * the options say {@code bad_rows=skip}: then it is counted in {@code skipped} and adds nothing.
 *
 * <p>The result does not depend on the partitioning beyond
 * {@code dev.xent.loss.LossAccumulator.MERGE_RELATIVE_TOLERANCE} ({@link LossBuffer} says how). A
 * group without rows (a global aggregation of an empty table) gives {@code count} 0 and a null
 * {@code mean} and {@code perplexity}, as SQL's {@code avg} gives null; rows that all have weight 0
 * fail, as in the loss layer (the weighted mean is undefined). Immutable; serialisable, as Spark
 * requires.
 */
public final class LossAggregator extends Aggregator<Row, LossBuffer, Row> {

    private static final long serialVersionUID = 1L;

    /**
     * The result's type: {@code mean} (nats; null without rows), {@code sum} Σwℓ, {@code count} (rows
     * added, including weight 0), {@code weight_sum} Σw, {@code clip_count} (rows whose loss the
     * clipping policy changed), {@code skipped} (bad rows skipped under {@code bad_rows=skip}),
     * {@code perplexity} e<sup>mean</sup>, and {@code class_means}, class name → that class's
     * weighted mean (null for a class without rows of positive weight).
     */
    public static final StructType RESULT = new StructType(new StructField[] {
        DataTypes.createStructField("mean", DataTypes.DoubleType, true),
        DataTypes.createStructField("sum", DataTypes.DoubleType, false),
        DataTypes.createStructField("count", DataTypes.LongType, false),
        DataTypes.createStructField("weight_sum", DataTypes.DoubleType, false),
        DataTypes.createStructField("clip_count", DataTypes.LongType, false),
        DataTypes.createStructField("skipped", DataTypes.LongType, false),
        DataTypes.createStructField("perplexity", DataTypes.DoubleType, true),
        DataTypes.createStructField("class_means",
                DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true), false),
    });

    /** The loss. */
    private final LossKind kind;
    /** null when the options come in a column. */
    private final LossSpec spec;
    /** Whether the third column is a sample weight. */
    private final boolean weighted;
    /** The name in messages. */
    private final String function;

    private LossAggregator(LossKind kind, LossSpec spec, boolean weighted, String function) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.spec = spec;
        this.weighted = weighted;
        this.function = function;
        if (spec != null) {
            check(kind, spec);
        }
    }

    /**
     * Builds the loss once, on the driver, so that options that do not fit the kind (a labelled loss
     * without {@code classes}, class weights of the wrong number) fail before any row is read.
     */
    private static void check(LossKind kind, LossSpec spec) {
        int k = spec.fixedClasses();
        if (kind == LossKind.BINARY || kind == LossKind.LABELLED || k > 0) {
            spec.loss(kind, kind == LossKind.BINARY ? 2 : k);
        }
    }

    /**
     * The aggregator of a loss on two columns, target and prediction.
     *
     * @param kind the loss
     * @param options its options (the labelled loss needs {@code classes})
     * @return the aggregator
     */
    public static LossAggregator of(LossKind kind, LossSpec options) {
        return new LossAggregator(kind, Objects.requireNonNull(options, "options"), false,
                kind.sqlName());
    }

    /**
     * The aggregator of a loss on three columns: target, prediction and sample weight.
     *
     * @param kind the loss
     * @param options its options
     * @return the aggregator
     */
    public static LossAggregator weighted(LossKind kind, LossSpec options) {
        return new LossAggregator(kind, Objects.requireNonNull(options, "options"), true,
                kind.sqlName());
    }

    /** The SQL form: the options in the last column (a constant), with or without a weight. */
    static LossAggregator sql(LossKind kind, boolean weighted, String function) {
        return new LossAggregator(kind, null, weighted, function);
    }

    /** The SQL form without a column of options: the defaults. */
    static LossAggregator sqlDefaults(LossKind kind) {
        return new LossAggregator(kind, LossSpec.DEFAULTS, false, kind.sqlName());
    }

    /**
     * The names of the input columns, as they appear in messages: target, prediction, then weight
     * and options when present.
     *
     * @return the names, in order
     */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>(Arrays.asList(
                kind == LossKind.SPARSE || kind == LossKind.LABELLED ? "label" : "target",
                "prediction"));
        if (weighted) {
            names.add("weight");
        }
        if (spec == null) {
            names.add("options");
        }
        return names;
    }

    /**
     * The input columns' types, in order (Spark casts the given columns to them where it can).
     *
     * @return the schema of the input
     */
    public StructType inputSchema() {
        List<StructField> fields = new ArrayList<>();
        List<String> names = inputNames();
        fields.add(DataTypes.createStructField(names.get(0), kind.targetType(), true));
        fields.add(DataTypes.createStructField(names.get(1), kind.predictionType(), true));
        if (weighted) {
            fields.add(DataTypes.createStructField("weight", DataTypes.DoubleType, true));
        }
        if (spec == null) {
            fields.add(DataTypes.createStructField("options", DataTypes.StringType, true));
        }
        return DataTypes.createStructType(fields);
    }

    /**
     * This aggregator as an untyped aggregate function, to apply to columns:
     * {@code agg.toFunction().apply(col("y"), col("p"))}.
     *
     * @return the function
     */
    public UserDefinedFunction toFunction() {
        return functions.udaf(this, Encoders.row(inputSchema())).withName(function);
    }

    /**
     * An empty buffer.
     *
     * @return a buffer with no rows
     */
    @Override
    public LossBuffer zero() {
        LossBuffer b = new LossBuffer();
        b.spec = spec;
        return b;
    }

    /**
     * Adds one row (see the class documentation for bad rows).
     *
     * @param buffer the group's buffer
     * @param row the input columns
     * @return the buffer
     * @throws BadRowException if the row is bad and the options do not say to skip it
     */
    @Override
    public LossBuffer reduce(LossBuffer buffer, Row row) {
        if (spec == null) {
            int at = weighted ? 3 : 2;
            String text = row.isNullAt(at) ? null : row.getString(at);
            if (text == null) {
                throw new IllegalArgumentException(function + ": the options are null: pass ''"
                        + " for the defaults");
            }
            if (buffer.spec == null) {
                buffer.spec = LossSpec.parse(text);
            } else if (!buffer.spec.text().equals(text)) {
                LossSpec other = LossSpec.parse(text);
                if (!buffer.spec.equals(other)) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: the options"
                            + " must be the same on every row (a constant), got %s and %s",
                            function, buffer.spec, other));
                }
            }
        }
        long example = buffer.live == null ? 0 : buffer.live.count();
        try {
            double weight = 1.0;
            if (weighted) {
                weight = Rows.number(row, 2, LossInputException.Input.WEIGHT, "weight", example);
            }
            if (buffer.live == null) {
                if (buffer.loss == null) {
                    int k = buffer.k > 0 ? buffer.k : buffer.spec.fixedClasses();
                    if (k == 0) {
                        k = kind.classesOf(row, example);
                    }
                    buffer.classes(buffer.spec.loss(kind, k));
                }
                buffer.live = XentAccumulators.of(buffer.loss);
            }
            kind.add(buffer.live, row, weight);
        } catch (LossInputException e) {
            if (buffer.spec.skipBadRows()) {
                buffer.skipped++;
            } else {
                throw new BadRowException(function, e, LossKind.describe(row, inputNames()),
                        BadRowException.currentPartition());
            }
        }
        return buffer;
    }

    /**
     * Merges two buffers (of two tasks, or two spills).
     *
     * @param b1 a buffer
     * @param b2 another buffer
     * @return the first, holding both
     */
    @Override
    public LossBuffer merge(LossBuffer b1, LossBuffer b2) {
        b1.fold();
        b2.fold();
        b1.add(b2, function);
        return b1;
    }

    /**
     * The result of a group: a row of {@link #RESULT}.
     *
     * @param buffer the group's buffer, with every row
     * @return the summary
     * @throws IllegalArgumentException if the group's rows all have weight 0
     */
    @Override
    public Row finish(LossBuffer buffer) {
        buffer.fold();
        Map<String, Double> classMeans = new LinkedHashMap<>();
        if (buffer.count == 0) {
            return RowFactory.create(null, 0.0, 0L, 0.0, 0L, buffer.skipped, null,
                    scala.jdk.javaapi.CollectionConverters.asScala(classMeans));
        }
        double w = buffer.weightSum.value();
        if (!(w > 0.0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: all %d examples have"
                    + " weight 0: the weighted mean is undefined", function, buffer.count));
        }
        double sum = buffer.infinite > 0 ? Double.POSITIVE_INFINITY : buffer.sum.value();
        double mean = sum / w;
        for (int c = 0; c < buffer.k; c++) {
            double cw = buffer.classWeight[c].value();
            Double cm = null;
            if (cw > 0.0) {
                cm = buffer.classInfinite[c] > 0 ? Double.POSITIVE_INFINITY
                        : buffer.classSum[c].value() / cw;
            }
            classMeans.put(buffer.classNames[c], cm);
        }
        return RowFactory.create(mean, sum, buffer.count, w, buffer.clipCount, buffer.skipped,
                Math.exp(mean), scala.jdk.javaapi.CollectionConverters.asScala(classMeans));
    }

    /**
     * Spark's encoder of the buffer: Java serialisation of {@link LossBuffer}, which folds the live
     * accumulator first.
     *
     * @return the encoder
     */
    @Override
    public Encoder<LossBuffer> bufferEncoder() {
        return Encoders.javaSerialization(LossBuffer.class);
    }

    /**
     * Spark's encoder of the result, a struct of {@link #RESULT}.
     *
     * @return the encoder
     */
    @Override
    public Encoder<Row> outputEncoder() {
        return Encoders.row(RESULT);
    }
}

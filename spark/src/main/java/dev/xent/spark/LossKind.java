package dev.xent.spark;

import dev.xent.loss.BinaryAccumulator;
import dev.xent.loss.CategoricalAccumulator;
import dev.xent.loss.LabelledAccumulator;
import dev.xent.loss.LossAccumulator;
import dev.xent.loss.LossInputException;
import dev.xent.loss.LossInputException.Input;
import dev.xent.loss.SparseAccumulator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The four losses of the loss layer as Spark sees them: the SQL name, the two input columns (target
 * and prediction) and how one row goes into the loss layer's accumulator.
 *
 * <table>
 *   <caption>The input columns</caption>
 *   <tr><th>kind</th><th>SQL function</th><th>target</th><th>prediction</th></tr>
 *   <tr><td>{@link #BINARY}</td><td>{@code xent_binary_log_loss}</td><td>double y ∈ [0, 1] (label
 *       or soft target)</td><td>double P(class 1)</td></tr>
 *   <tr><td>{@link #CATEGORICAL}</td><td>{@code xent_categorical_log_loss}</td><td>array&lt;double&gt;
 *       target row</td><td>array&lt;double&gt;</td></tr>
 *   <tr><td>{@link #SPARSE}</td><td>{@code xent_log_loss}</td><td>class index (a whole number,
 *       read as double so that 1.5 is refused rather than truncated)</td><td>array&lt;double&gt;</td></tr>
 *   <tr><td>{@link #LABELLED}</td><td>{@code xent_labelled_log_loss}</td><td>string class name</td>
 *       <td>array&lt;double&gt; in the order of the option {@code classes}</td></tr>
 * </table>
 *
 * <p>Spark casts the columns to these types where it can (an int label to double, an array of
 * float to an array of double). A null target, prediction, weight or array entry is a bad row.
 */
public enum LossKind {

    /** Binary cross-entropy ({@code dev.xent.loss.BinaryCrossEntropy}). */
    BINARY("xent_binary_log_loss", DataTypes.DoubleType, DataTypes.DoubleType),

    /** Categorical cross-entropy on target rows ({@code dev.xent.loss.CategoricalCrossEntropy}). */
    CATEGORICAL("xent_categorical_log_loss", Rows.ARRAY, Rows.ARRAY),

    /** Sparse cross-entropy: a class index and a prediction row ({@code SparseCrossEntropy}). */
    SPARSE("xent_log_loss", DataTypes.DoubleType, Rows.ARRAY),

    /** Log loss with the classes named ({@code dev.xent.loss.LabelledLogLoss}). */
    LABELLED("xent_labelled_log_loss", DataTypes.StringType, Rows.ARRAY);

    private final String sqlName;
    private final DataType targetType;
    private final DataType predictionType;

    LossKind(String sqlName, DataType targetType, DataType predictionType) {
        this.sqlName = sqlName;
        this.targetType = targetType;
        this.predictionType = predictionType;
    }

    /**
     * The name of the SQL aggregate function; the form with a weight and options adds {@code _with}.
     *
     * @return e.g. {@code xent_binary_log_loss}
     */
    public String sqlName() {
        return sqlName;
    }

    /** The Spark type of the target column. */
    DataType targetType() {
        return targetType;
    }

    /** The Spark type of the prediction column. */
    DataType predictionType() {
        return predictionType;
    }

    /**
     * The number of classes the first row shows (the length of its prediction row), for the
     * categorical and sparse losses; 2 for binary; 0 when the row cannot say.
     */
    int classesOf(Row row, long example) {
        switch (this) {
            case BINARY:
                return 2;
            case LABELLED:
                return 0;
            default:
                double[] q = Rows.doubles(row, 1, Input.PREDICTION_ROW, "prediction", example);
                if (q.length < 2) {
                    throw new LossInputException(example, -1, Input.PREDICTION_ROW,
                            Integer.toString(q.length), "at least 2 entries",
                            String.format(Locale.ROOT, "example %d: a prediction row of %d"
                                    + " entries: a loss needs at least 2 classes", example,
                                    q.length));
                }
                return q.length;
        }
    }

    /**
     * Adds one row (target at 0, prediction at 1) with the given weight to the accumulator of this
     * kind; throws the loss layer's {@link LossInputException} for a bad row (nothing added).
     */
    void add(LossAccumulator accumulator, Row row, double weight) {
        long n = accumulator.count();
        switch (this) {
            case BINARY:
                ((BinaryAccumulator) accumulator).add(Rows.number(row, 0, Input.TARGET, "target", n),
                        Rows.number(row, 1, Input.PREDICTION, "prediction", n), weight);
                break;
            case CATEGORICAL:
                ((CategoricalAccumulator) accumulator).add(
                        Rows.doubles(row, 0, Input.TARGET_ROW, "target", n),
                        Rows.doubles(row, 1, Input.PREDICTION_ROW, "prediction", n), weight);
                break;
            case SPARSE:
                ((SparseAccumulator) accumulator).add(classIndex(row, n),
                        Rows.doubles(row, 1, Input.PREDICTION_ROW, "prediction", n), weight);
                break;
            default:
                if (row.isNullAt(0)) {
                    throw Rows.isNull(Input.LABEL, "label", n);
                }
                ((LabelledAccumulator) accumulator).add(row.getString(0),
                        Rows.doubles(row, 1, Input.PREDICTION_ROW, "prediction", n), weight);
        }
    }

    private static int classIndex(Row row, long n) {
        double label = Rows.number(row, 0, Input.LABEL, "label", n);
        if (!(label == Math.rint(label) && Math.abs(label) <= Integer.MAX_VALUE)) {
            throw new LossInputException(n, -1, Input.LABEL, Double.toString(label),
                    "a class index (a whole number)", String.format(Locale.ROOT,
                            "example %d: label %s is not a class index (a whole number)", n,
                            label));
        }
        return (int) label;
    }

    /** The values of the row's columns, for a message: {@code target=1.0, prediction=1.5}. */
    static String describe(Row row, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.length() && i < names.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = row.get(i);
            sb.append(names.get(i)).append('=');
            sb.append(v instanceof scala.collection.Iterable
                    ? ((scala.collection.Iterable<?>) v).mkString("[", ", ", "]")
                    : String.valueOf(v));
        }
        return sb.toString();
    }
}

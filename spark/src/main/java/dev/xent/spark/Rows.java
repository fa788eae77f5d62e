package dev.xent.spark;

import dev.xent.loss.LossInputException;
import dev.xent.loss.LossInputException.Input;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;

/** Reading the columns of one input row; a null is a bad row, reported as the loss layer would. */
final class Rows {

    /** array&lt;double&gt;, entries nullable (a null entry is then a bad row, not a cast error). */
    static final ArrayType ARRAY = DataTypes.createArrayType(DataTypes.DoubleType, true);

    private Rows() {
    }

    static LossInputException isNull(Input input, String what, long example) {
        return new LossInputException(example, -1, input, "null", "a value",
                String.format(Locale.ROOT, "example %d: %s is null (a null is a bad row: filter"
                        + " it out, or pass bad_rows=skip)", example, what));
    }

    static double number(Row row, int i, Input input, String what, long example) {
        if (row.isNullAt(i)) {
            throw isNull(input, what, example);
        }
        return row.getDouble(i);
    }

    static double[] doubles(Row row, int i, Input input, String what, long example) {
        if (row.isNullAt(i)) {
            throw isNull(input, what, example);
        }
        List<Object> list = row.getList(i);
        double[] out = new double[list.size()];
        for (int j = 0; j < out.length; j++) {
            Object v = list.get(j);
            if (v == null) {
                throw new LossInputException(example, j, input == Input.TARGET_ROW ? Input.TARGET
                        : Input.PREDICTION, "null", "a number", String.format(Locale.ROOT,
                                "example %d: %s entry %d is null (a null is a bad row)", example,
                                what, j));
            }
            out[j] = ((Number) v).doubleValue();
        }
        return out;
    }
}

package dev.xent.loss;

import dev.xent.loss.LossInputException.Input;
import dev.xent.sum.CompensatedSum;
import java.util.Arrays;
import java.util.Locale;

/**
 * The checks of an example's parts that do not depend on the form of the predictions: weights,
 * binary targets, labels, the shape and the sum of rows, batch lengths. Each is written so that NaN
 * fails it, and throws a {@link LossInputException} with the example's index, the class, the value
 * and what was expected. (What a prediction may be is each {@link Predictions} form's own check.)
 */
final class Checks {

    private Checks() {
    }

    /** A sample weight: finite and ≥ 0. */
    static void weight(double weight, long example) {
        if (!(weight >= 0.0 && weight < Double.POSITIVE_INFINITY)) {
            throw LossInputException.of(example, -1, Input.WEIGHT, weight, "a finite number >= 0",
                    "sample weight %s is not a finite number >= 0", weight);
        }
    }

    /** A binary target y ∈ [0, 1]; a label 0 or 1 when {@code hard}. */
    static void binaryTarget(double y, boolean hard, long example) {
        if (!(y >= 0.0 && y <= 1.0)) {
            throw LossInputException.of(example, -1, Input.TARGET, y, "in [0, 1]",
                    "target %s is not in [0, 1]", y);
        }
        if (hard && y != 0.0 && y != 1.0) {
            throw LossInputException.of(example, -1, Input.TARGET, y,
                    "a label 0 or 1 (class weights are set)",
                    "target %s is soft, but class weights need labels 0 or 1", y);
        }
    }

    /** A class index 0 … K−1. */
    static void label(int label, int k, long example) {
        if (label < 0 || label >= k) {
            throw LossInputException.of(example, -1, Input.LABEL, label,
                    String.format(Locale.ROOT, "a class 0 to %d", k - 1),
                    "label %s is out of range for %d classes (valid: 0 to %d)", label, k, k - 1);
        }
    }

    /** A row is present and has K entries. */
    static void rowShape(double[] row, int k, Input input, String what, long example) {
        if (row == null) {
            throw LossInputException.of(example, -1, input, "null", "a row of " + k,
                    "%s row is missing", what);
        }
        if (row.length != k) {
            throw LossInputException.of(example, -1, input, row.length, "a row of " + k,
                    "%s row has %d entries, but the loss has %d classes", what, row.length, k);
        }
    }

    /** Every entry of a row is a probability in [0, 1]. */
    static void probabilities(double[] row, int k, Input input, String what, long example) {
        for (int i = 0; i < k; i++) {
            if (!(row[i] >= 0.0 && row[i] <= 1.0)) {
                throw LossInputException.of(example, i, input, row[i], "in [0, 1]",
                        "%s %s at class %d is not a probability in [0, 1]", what, row[i], i);
            }
        }
    }

    /**
     * |Σ row − 1| ≤ tolerance, the sum compensated ({@link CompensatedSum}); for log-probabilities
     * the sum of their exponentials.
     */
    static void rowSum(double[] row, int k, boolean logs, double tolerance, Input input,
            String what, long example) {
        double s = 0.0;
        double c = 0.0;
        for (int i = 0; i < k; i++) {
            double x = logs ? Math.exp(row[i]) : row[i];
            double t = s + x;
            c += CompensatedSum.error(s, x, t);
            s = t;
        }
        double sum = CompensatedSum.value(s, c);
        if (!(Math.abs(sum - 1.0) <= tolerance)) {
            String expected = String.format(Locale.ROOT, "1 (tolerance %.3g)", tolerance);
            throw LossInputException.of(example, -1, input, sum, expected,
                    "%s row %s sums to %s%s, not %s; xent does not renormalise: fix the data, or"
                            + " loosen the tolerance with withRowSumTolerance",
                    what, Arrays.toString(row), sum, logs ? " (as probabilities)" : "", expected);
        }
    }

    /** A row that a profile rescales: its sum must be positive (a row of zeros cannot be). */
    static void positiveSum(double[] row, int k, long example) {
        double s = 0.0;
        for (int i = 0; i < k; i++) {
            s += row[i];
        }
        if (!(s > 0.0)) {
            throw LossInputException.of(example, -1, Input.PREDICTION_ROW, s, "a positive sum",
                    "prediction row %s sums to %s: a profile that rescales rows needs a positive sum",
                    Arrays.toString(row), s);
        }
    }

    /** A target row: K probabilities summing to 1. */
    static void targetRow(double[] target, int k, double tolerance, long example) {
        rowShape(target, k, Input.TARGET_ROW, "target", example);
        probabilities(target, k, Input.TARGET, "target", example);
        rowSum(target, k, false, tolerance, Input.TARGET_ROW, "target", example);
    }

    /** The class of a target row: its largest entry, the lowest index on ties; one-hot if {@code hard}. */
    static int classOf(double[] target, int k, boolean hard, long example) {
        int klass = 0;
        for (int i = 1; i < k; i++) {
            if (target[i] > target[klass]) {
                klass = i;
            }
        }
        if (hard && target[klass] != 1.0) {
            throw LossInputException.of(example, klass, Input.TARGET_ROW, target[klass],
                    "a one-hot row (class weights are set)",
                    "target row is soft (largest entry %s), but class weights need one-hot rows",
                    target[klass]);
        }
        return klass;
    }

    /** One target per prediction, and one weight per example if there are weights; returns N. */
    static int lengths(int targets, int predictions, double[] weights) {
        if (targets != predictions) {
            throw LossInputException.of(-1, -1, Input.DATASET, predictions,
                    targets + " predictions",
                    "%d targets but %d predictions: give one of each per example", targets,
                    predictions);
        }
        if (weights != null && weights.length != targets) {
            throw LossInputException.of(-1, -1, Input.DATASET, weights.length,
                    targets + " sample weights",
                    "%d sample weights for %d examples", weights.length, targets);
        }
        return targets;
    }

    /** N rows of K held flat, row-major: exactly N·K entries; returns N. */
    static int rowMajorEntries(int examples, int entries, int k) {
        long expected = (long) examples * k;
        if (entries != expected) {
            throw LossInputException.of(-1, -1, Input.DATASET, entries,
                    expected + " prediction entries",
                    "%d targets and %d classes need %d prediction entries (one row of %d per"
                            + " example, row-major), but there are %d", examples, k, expected, k, entries);
        }
        return examples;
    }

    /** A categorical loss has at least 2 classes (a configuration error, not bad input). */
    static int numClasses(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("a categorical loss needs at least 2 classes, got " + k);
        }
        return k;
    }

    /** Class weights, if set, are one per class (a configuration error, not bad input). */
    static void classWeightCount(LossOptions options, int k) {
        int n = options.classWeightCount();
        if (n != 0 && n != k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d class weights given for %d classes", n, k));
        }
    }
}

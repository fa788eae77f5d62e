package dev.xent.loss;

import java.util.Locale;
import java.util.Objects;

/**
 * An example given to a loss is invalid: a NaN, a prediction outside [0, 1], a row that does not
 * sum to 1, a label out of range, a negative weight, mismatched lengths, an empty dataset.
 *
 * <p>The message names the example's 0-based index and the offending value, e.g.
 * {@code example 3: prediction 1.5 at class 2 is not a probability in [0, 1]}. The same facts are
 * fields, for callers that know more than the library (a CSV reader turns the example index into a
 * line and the class index into a column, and writes its own message) — so nobody has to take the
 * message apart:
 * <ul>
 *   <li>{@link #exampleIndex()}: the example, −1 when the problem is not one example's;</li>
 *   <li>{@link #classIndex()}: the column / class of a row, −1 when none;</li>
 *   <li>{@link #input()}: which part of the example is wrong (prediction, target, weight, …);</li>
 *   <li>{@link #value()}: the offending value as text ({@link Double#toString(double)} for a
 *       number; the row's sum for a row that does not sum to 1);</li>
 *   <li>{@link #expected()}: what was expected, a short phrase such as {@code "in [0, 1]"}, which
 *       reads after "<i>quantity value</i> is not" (e.g. "probability 1.5 is not in [0, 1]").</li>
 * </ul>
 */
public final class LossInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 2L;

    /** Which part of an example (or of a batch) was wrong. */
    public enum Input {
        /** A prediction: one number (binary), or an entry of a prediction row. */
        PREDICTION,
        /** A prediction row as a whole: missing, of the wrong length, or not summing to 1. */
        PREDICTION_ROW,
        /** A binary target y, or an entry of a target row. */
        TARGET,
        /** A target row as a whole: missing, of the wrong length, or not summing to 1. */
        TARGET_ROW,
        /** A class label: an index out of range or an unknown name. */
        LABEL,
        /** A sample weight. */
        WEIGHT,
        /**
         * The batch or the dataset as a whole: mismatched lengths, no examples, all weights 0
         * (the example index is −1).
         */
        DATASET
    }

    /** The 0-based index of the example, or −1 when the problem is not one example's. */
    private final long exampleIndex;
    /** The 0-based class (column) index, or −1. */
    private final int classIndex;
    /** Which input was bad: a prediction, a target, a weight, a label, … */
    private final Input input;
    /** The offending value as text, or empty. */
    private final String value;
    /** What was expected instead, a short phrase, or empty. */
    private final String expected;

    /**
     * Creates the exception.
     *
     * @param exampleIndex the 0-based index of the bad example (within the batch, or within the
     *     accumulator's own sequence of examples), or −1
     * @param classIndex the 0-based class (column) of the bad entry of a row, or −1
     * @param input which part of the example is wrong
     * @param value the offending value as text
     * @param expected what was expected, a short phrase that reads after "is not"
     * @param message the whole message, which names the example's index and the value
     */
    public LossInputException(long exampleIndex, int classIndex, Input input, String value,
            String expected, String message) {
        super(message);
        this.exampleIndex = exampleIndex;
        this.classIndex = classIndex;
        this.input = Objects.requireNonNull(input, "input");
        this.value = Objects.requireNonNull(value, "value");
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    /**
     * The exception for example {@code example}: the message is {@code "example N: "} followed by
     * {@code detail} (formatted in {@link Locale#ROOT}), or the detail alone when the index is −1.
     */
    static LossInputException of(long example, int klass, Input input, Object value,
            String expected, String detail, Object... args) {
        String text = String.format(Locale.ROOT, detail, args);
        String message = example < 0 ? text
                : String.format(Locale.ROOT, "example %d: %s", example, text);
        return new LossInputException(example, klass, input, String.valueOf(value), expected,
                message);
    }

    /**
     * The 0-based index of the bad example: within the arrays given to a batch method, or the
     * number of examples an accumulator had received before it.
     *
     * @return the index, or −1 when the problem is not one example's (e.g. an empty dataset)
     */
    public long exampleIndex() {
        return exampleIndex;
    }

    /**
     * The 0-based class index of the bad entry of a row: its column in a prediction or target
     * row.
     *
     * @return the class, or −1 when the problem is not one entry's (a binary prediction, a weight,
     *     a row that does not sum to 1)
     */
    public int classIndex() {
        return classIndex;
    }

    /**
     * Which part of the example is wrong.
     *
     * @return the input
     */
    public Input input() {
        return input;
    }

    /**
     * The offending value as text: a number as {@link Double#toString(double)} prints it (e.g.
     * {@code "NaN"}, {@code "1.5"}), a label as given, the sum of a row that does not sum to 1, or
     * a length.
     *
     * @return the value
     */
    public String value() {
        return value;
    }

    /**
     * What was expected, a short phrase that reads after "<i>quantity value</i> is not", e.g.
     * {@code "in [0, 1]"} (a probability or a target), {@code "a finite number"} (a logit),
     * {@code "a finite number >= 0"} (a weight), {@code "1 (tolerance 4.44e-16)"} (a row's sum).
     *
     * @return the phrase
     */
    public String expected() {
        return expected;
    }
}

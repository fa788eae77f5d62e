package dev.xent.loss;

/**
 * An example given to a loss is invalid: a NaN, a prediction outside [0, 1], a row that does not
 * sum to 1, a label out of range, a negative weight, mismatched lengths. The message names the
 * example's 0-based index and the offending value; {@link #exampleIndex()} gives the index to
 * callers that know more (a CSV reader adds its file name and line number).
 */
public final class LossInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The 0-based index of the example, or −1 when the problem is not one example's. */
    private final long exampleIndex;

    /**
     * Creates the exception.
     *
     * @param exampleIndex the 0-based index of the bad example (within the batch, or within the
     *     accumulator's own sequence of examples), or −1
     * @param message what is wrong, with the index and the value
     */
    public LossInputException(long exampleIndex, String message) {
        super(message);
        this.exampleIndex = exampleIndex;
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
}

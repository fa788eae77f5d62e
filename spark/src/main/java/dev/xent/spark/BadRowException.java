package dev.xent.spark;

import java.util.Locale;
import java.util.Optional;
import org.apache.spark.TaskContext;

/**
 * A row that xent refuses, and where it is: the loss layer's (or the API's) message, the row's
 * values and the Spark partition. Spark wraps it in the {@code SparkException} that fails the job;
 * its message is part of that exception's message, and it is the exception's cause in local mode.
 *
 * <p>Example: {@code xent_binary_log_loss: example 4: prediction 1.5 is not a probability in [0, 1];
 * row (target=1.0, prediction=1.5) in partition 3}. The example index is the loss layer's: the
 * number of rows of this group the task had aggregated before this one.
 */
public final class BadRowException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The function that read the row. */
    private final String function;
    /** The row's values, as printed. */
    private final String row;
    /** The partition id, or −1. */
    private final int partition;

    /**
     * Creates the exception.
     *
     * @param function the SQL function or column function that read the row
     * @param cause the library's exception, whose message is quoted
     * @param row the row's values, e.g. {@code target=1.0, prediction=1.5}
     * @param partition the partition id, or −1 outside a task
     */
    public BadRowException(String function, IllegalArgumentException cause, String row,
            int partition) {
        super(String.format(Locale.ROOT, "%s: %s; row (%s) in partition %d", function,
                cause.getMessage(), row, partition), cause);
        this.function = function;
        this.row = row;
        this.partition = partition;
    }

    /** The partition id of the running task, or −1 outside a task (on the driver). */
    static int currentPartition() {
        TaskContext task = TaskContext.get();
        return task == null ? -1 : task.partitionId();
    }

    /**
     * The function that read the row.
     *
     * @return e.g. {@code xent_binary_log_loss}
     */
    public String function() {
        return function;
    }

    /**
     * The row's values, as printed in the message.
     *
     * @return e.g. {@code target=1.0, prediction=1.5}
     */
    public String row() {
        return row;
    }

    /**
     * The partition the row was in.
     *
     * @return the partition id, or −1 outside a task
     */
    public int partition() {
        return partition;
    }

    /**
     * The loss layer's exception, with its structured fields (input, value, expected), when the
     * row was refused by a loss.
     *
     * @return the cause as a {@code LossInputException}, or empty (a measure's refusal)
     */
    public Optional<dev.xent.loss.LossInputException> lossInput() {
        return getCause() instanceof dev.xent.loss.LossInputException
                ? Optional.of((dev.xent.loss.LossInputException) getCause()) : Optional.empty();
    }
}

package dev.xent;

import java.util.List;

/**
 * No backend matched a request: the id asked for is unknown, or no backend is installed at all.
 * The message lists the ids that were found and says how to add a backend.
 */
public final class BackendNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The ids found, sorted. */
    private final List<String> available;

    /**
     * Creates the exception.
     *
     * @param message what was asked for and what was found
     * @param available the ids that were found, sorted
     */
    BackendNotFoundException(String message, List<String> available) {
        super(message);
        this.available = List.copyOf(available);
    }

    /**
     * The ids of the backends that were found.
     *
     * @return the ids, sorted; empty when no backend is installed
     */
    public List<String> availableIds() {
        return available;
    }
}

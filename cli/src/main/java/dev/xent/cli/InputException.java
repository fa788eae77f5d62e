package dev.xent.cli;

/**
 * Bad input from the user — a malformed number, a file that cannot be read, a distribution that
 * does not sum to 1 — with a message that says what and where ({@code p.txt:3: …}). The command
 * prints the message on one line and exits with {@link Xent#EXIT_USAGE}.
 */
final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }

    InputException(String message, Throwable cause) {
        super(message, cause);
    }
}

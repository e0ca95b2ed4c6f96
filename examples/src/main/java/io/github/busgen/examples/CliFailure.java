package io.github.busgen.examples;

/**
 * A failure the user should read as one line, not a stack trace: the command prints
 * {@code busgen-examples COMMAND: message} and exits with status 1.
 */
public final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with this message. */
    public CliFailure(String message) {
        super(message);
    }
}

package io.github.busgen.wire;

/**
 * Thrown when bytes received from a peer break the D-Bus wire format: the one exception type that
 * decoding ever lets escape, whatever the input. The message says what was wrong and
 * {@link #offset()} where, counted from the start of the message.
 *
 * <p>A connection that sees this exception closes: the specification asks that invalid protocol
 * drops the connection.
 */
public class DBusProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param message what was wrong
     * @param offset  the byte offset from the start of the message where it was found, or -1
     */
    public DBusProtocolException(String message, long offset) {
        super(offset >= 0 ? message + " (at offset " + offset + ")" : message);
        this.offset = offset;
    }

    /** Creates an exception with a cause, at no particular offset. */
    public DBusProtocolException(String message, Throwable cause) {
        super(message, cause);
        this.offset = -1;
    }

    /** The byte offset from the start of the message where the problem was found, or -1. */
    public long offset() {
        return offset;
    }
}

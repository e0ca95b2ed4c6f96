package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.names.ErrorName;

/**
 * A D-Bus error: an ERROR reply from a peer, or a failure the connection reports in the same terms
 * (for example {@link DBusErrors#NO_REPLY} after a timeout, {@link DBusErrors#DISCONNECTED} when the
 * connection closes). It carries the error name and the error message.
 *
 * <p>Unchecked so that generated proxies can implement user interfaces whose methods declare
 * nothing. Services throw it (or a subclass) to answer a call with that error name.
 */
public class DBusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ErrorName errorName;

    /** An error with this name and message. */
    public DBusException(ErrorName errorName, String message) {
        super(message);
        this.errorName = errorName;
    }

    /** An error with this name, message and cause. */
    public DBusException(ErrorName errorName, String message, Throwable cause) {
        super(message, cause);
        this.errorName = errorName;
    }

    /** The exception for an ERROR reply. */
    public static DBusException fromReply(Message error) {
        String text = error.errorMessage();
        return new DBusException(error.errorName(), text != null ? text : "");
    }

    /** The D-Bus error name. */
    public ErrorName errorName() {
        return errorName;
    }

    /** Whether the error has this name. */
    public boolean is(ErrorName name) {
        return errorName.equals(name);
    }

    @Override
    public String toString() {
        String m = getMessage();
        return errorName + (m == null || m.isEmpty() ? "" : ": " + m);
    }
}

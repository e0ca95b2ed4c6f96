package io.github.busgen.testing;

import io.github.busgen.wire.DBusProtocolException;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions about {@link DBusProtocolException}s: what they say and where. */
public final class ProtocolErrors {
    private ProtocolErrors() {
    }

    /** Something that may throw a protocol error. */
    public interface Decoding<T> {
        T get() throws DBusProtocolException;
    }

    /** Runs {@code action}, failing the test with the message if it throws a protocol error. */
    public static <T> T noProtocolError(Decoding<T> action) {
        try {
            return action.get();
        } catch (DBusProtocolException e) {
            throw new AssertionError("unexpected protocol error: " + e.getMessage(), e);
        }
    }

    /**
     * Asserts that {@code action} throws a {@link DBusProtocolException} at {@code offset} whose message
     * contains every one of {@code words} (case-insensitive) and names the offset.
     */
    public static DBusProtocolException assertProtocolError(long offset, Executable action, String... words) {
        DBusProtocolException e = assertThrows(DBusProtocolException.class, action);
        String message = e.getMessage();
        for (String w : words) {
            assertTrue(message.toLowerCase().contains(w.toLowerCase()),
                    () -> "message \"" + message + "\" should mention \"" + w + "\"");
        }
        assertEquals(offset, e.offset(), () -> "offset of \"" + message + "\"");
        assertTrue(message.endsWith("(at offset " + offset + ")"), () -> "message should name the offset: " + message);
        return e;
    }
}

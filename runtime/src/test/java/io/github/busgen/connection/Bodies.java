package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.wire.DBusProtocolException;

import java.util.List;

/**
 * Reads a received message's body in tests, inside handlers and lambdas where the checked
 * {@link DBusProtocolException} cannot go: a body that does not read is an {@link AssertionError}.
 */
final class Bodies {
    private Bodies() {
    }

    /** The body's values (see {@link Message#body()}). */
    static List<Object> values(Message m) {
        try {
            return m.body();
        } catch (DBusProtocolException e) {
            throw new AssertionError("unreadable body of " + m, e);
        }
    }

    /** The first argument, which is a string. */
    static String text(Message m) {
        try {
            return m.bodyReader().readString();
        } catch (DBusProtocolException e) {
            throw new AssertionError("no string first in the body of " + m, e);
        }
    }
}

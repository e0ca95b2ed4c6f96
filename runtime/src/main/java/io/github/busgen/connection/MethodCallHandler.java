package io.github.busgen.connection;

import io.github.busgen.message.Message;

/**
 * Receives the method calls that arrive on a connection. Called on the reader thread, so an
 * implementation only routes the call and hands user code to the connection's executor.
 */
@FunctionalInterface
interface MethodCallHandler {
    /** Handles (or answers) one incoming call. */
    void handle(Connection connection, Message call);

    /** Until objects are exported: every call gets UnknownObject, unless it asked for no reply. */
    MethodCallHandler NONE = (connection, call) -> {
        if (!call.isNoReplyExpected()) {
            connection.send(Message.error(DBusErrors.UNKNOWN_OBJECT, call)
                    .body(io.github.busgen.wire.Signature.of("s"), "no object is exported at " + call.path()));
        }
    };
}

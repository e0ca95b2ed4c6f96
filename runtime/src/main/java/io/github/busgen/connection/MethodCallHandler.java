package io.github.busgen.connection;

import io.github.busgen.message.Message;

/**
 * Receives the method calls that arrive on a connection. Called by the thread that read the call,
 * so an implementation only routes the call and hands user code to the connection's executor.
 */
@FunctionalInterface
interface MethodCallHandler {
    /** Handles (or answers) one incoming call. */
    void handle(Connection connection, Message call);
}

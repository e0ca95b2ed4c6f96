/**
 * Connections to a bus or a peer: calls (synchronous and asynchronous, with timeouts and flags),
 * errors as {@link io.github.busgen.connection.DBusException}, match rules and signal
 * subscriptions, and the dispatch of incoming calls to exported objects.
 */
package io.github.busgen.connection;

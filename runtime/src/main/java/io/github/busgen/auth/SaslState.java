package io.github.busgen.auth;

/**
 * Where a SASL state machine ({@link SaslClient}, {@link SaslServer}) stands after the lines it has
 * been given. The names are those libdbus's auth scripts check, minus the ones that cannot occur
 * here (output is returned at once, and nothing waits for memory).
 */
public enum SaslState {
    /** The conversation goes on: feed the peer's next line. */
    WAITING_FOR_INPUT,
    /** The client sent BEGIN (or the server received it): the message stream starts. */
    AUTHENTICATED,
    /** Authentication failed for good; send what was returned, then close the connection. */
    NEED_DISCONNECT
}

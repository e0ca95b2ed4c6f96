package io.github.busgen.auth;

import java.io.IOException;

/**
 * Thrown when authentication fails: every mechanism was rejected, the peer broke the protocol,
 * sent too long a line, or took longer than the time limit. The message says which, for example
 * "server rejected every mechanism: it offers [DBUS_COOKIE_SHA1], busgen tried [EXTERNAL]". The
 * channel has been closed by the time this is thrown.
 */
public class AuthenticationException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message saying what failed. */
    public AuthenticationException(String message) {
        super(message);
    }

    /** An exception with a message saying what failed, and its cause. */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}

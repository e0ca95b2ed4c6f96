package io.github.busgen.transport;

import java.io.IOException;

/**
 * Thrown when the environment names no session bus: {@code DBUS_SESSION_BUS_ADDRESS} is unset and
 * {@code $XDG_RUNTIME_DIR/bus} does not exist. The message says what was looked at and how to
 * start or point to a bus.
 */
public class NoBusAddressException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message saying what was looked at and what to do. */
    public NoBusAddressException(String message) {
        super(message);
    }
}

package io.github.busgen.transport;

import java.io.IOException;

/**
 * Thrown when a well-formed address names a transport, or a form of one, that busgen cannot use
 * for the requested purpose: {@code unix:abstract=} (the JDK cannot reach Linux's abstract socket
 * namespace), listen-only keys such as {@code unix:dir=} when connecting, or transports such as
 * {@code launchd:} and {@code nonce-tcp:}. The message names the entry and says what to use instead.
 *
 * <p>Checked, unlike {@link InvalidAddressException}: addresses usually come from the environment
 * (for example {@code DBUS_SESSION_BUS_ADDRESS}), and the caller reports this like any failure to
 * connect.
 */
public class UnsupportedAddressException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message that names the entry and what to use instead. */
    public UnsupportedAddressException(String message) {
        super(message);
    }
}

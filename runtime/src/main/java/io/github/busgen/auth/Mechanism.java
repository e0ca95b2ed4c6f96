package io.github.busgen.auth;

import java.util.Optional;

/**
 * The SASL mechanisms busgen implements (specification, "Authentication mechanisms"). The constant
 * names are the names on the wire.
 */
public enum Mechanism {
    /**
     * The peer's identity comes from the kernel (SO_PEERCRED on a unix socket); the client only
     * names the uid it claims, as decimal ASCII. The recommended mechanism where it works.
     */
    EXTERNAL,
    /**
     * The client proves it can read a secret cookie in the user's {@code ~/.dbus-keyrings}: for
     * TCP, or wherever socket credentials are unavailable.
     */
    DBUS_COOKIE_SHA1,
    /** No authentication at all (RFC 4505). Only for peer-to-peer use, never for a message bus. */
    ANONYMOUS;

    /** The mechanism with this wire name, if busgen implements it. */
    public static Optional<Mechanism> fromWireName(String name) {
        for (Mechanism m : values()) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}

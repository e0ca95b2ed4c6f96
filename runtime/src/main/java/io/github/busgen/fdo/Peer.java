package io.github.busgen.fdo;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;

/**
 * {@code org.freedesktop.DBus.Peer} (specification, "org.freedesktop.DBus.Peer"): every object of
 * every connection answers it. Exported objects get it from the object registry; call it through
 * {@link PeerProxy}.
 *
 * <pre>{@code
 * String machine = PeerProxy.of(bus, BusName.of("org.example.Service"), ObjectPath.ROOT).getMachineId();
 * }</pre>
 */
@DBusInterface("org.freedesktop.DBus.Peer")
public interface Peer {
    /** Does nothing: the reply shows that the peer is alive. */
    void ping();

    /** The hex-encoded UUID of the machine the peer runs on. */
    @DBusMethod(out = "machine_uuid")
    String getMachineId();
}

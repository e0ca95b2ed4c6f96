package io.github.busgen.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A D-Bus address: one or more {@link AddressEntry entries}, tried in order when connecting
 * (specification, "Server Addresses").
 * <pre>
 *   address = entry { ';' entry } [ ';' ]
 *   unix:path=/tmp/dbus-test;tcp:host=127.0.0.1,port=4242
 * </pre>
 * A single trailing ';' is accepted, as libdbus accepts it; an empty entry elsewhere is an error.
 *
 * <p>Immutable; {@link #toString()} is the canonical form.
 */
public final class BusAddress {
    /** The system bus when {@code DBUS_SYSTEM_BUS_ADDRESS} is unset. */
    public static final String DEFAULT_SYSTEM_BUS = "unix:path=/run/dbus/system_bus_socket";

    private final List<AddressEntry> entries;

    private BusAddress(List<AddressEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses an address.
     *
     * @throws InvalidAddressException naming the malformed entry and what is wrong with it
     */
    public static BusAddress parse(String address) {
        Objects.requireNonNull(address, "address");
        if (address.isEmpty()) {
            throw new InvalidAddressException(address, "the address is empty (expected transport:key=value,...)");
        }
        String[] parts = address.split(";", -1);
        List<AddressEntry> entries = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                if (i == parts.length - 1 && i > 0) {
                    break;
                }
                throw new InvalidAddressException(address, "entry " + (i + 1) + " of " + parts.length
                        + " is empty (two ';' in a row, or a leading ';')");
            }
            entries.add(AddressEntry.parse(parts[i]));
        }
        return new BusAddress(entries);
    }

    /** An address of the given entries, in order; at least one. */
    public static BusAddress of(List<AddressEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an address needs at least one entry");
        }
        return new BusAddress(entries);
    }

    /** An address of the given entries, in order; at least one. */
    public static BusAddress of(AddressEntry... entries) {
        return of(List.of(entries));
    }

    /**
     * The session bus of this process's environment; see {@link #sessionBus(Map)}.
     *
     * @throws NoBusAddressException when the environment names no session bus
     */
    public static BusAddress sessionBus() throws NoBusAddressException {
        return sessionBus(System.getenv());
    }

    /**
     * The session bus named by {@code env}: {@code DBUS_SESSION_BUS_ADDRESS} when set and not
     * empty, else {@code unix:path=$XDG_RUNTIME_DIR/bus} when that socket exists (where systemd's
     * user session puts it).
     *
     * @throws NoBusAddressException   when neither is available; the message says what to do
     * @throws InvalidAddressException when {@code DBUS_SESSION_BUS_ADDRESS} is malformed
     */
    public static BusAddress sessionBus(Map<String, String> env) throws NoBusAddressException {
        String value = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (value != null && !value.isEmpty()) {
            return fromVariable("DBUS_SESSION_BUS_ADDRESS", value);
        }
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        String why;
        if (runtimeDir == null || runtimeDir.isEmpty()) {
            why = "XDG_RUNTIME_DIR is not set either";
        } else {
            Path socket = Path.of(runtimeDir, "bus");
            if (isSocket(socket)) {
                return of(AddressEntry.of("unix", Map.of("path", socket.toString())));
            }
            why = Files.exists(socket)
                    ? socket + " exists but is not a socket"
                    : "there is no " + socket + " ($XDG_RUNTIME_DIR/bus)";
        }
        throw new NoBusAddressException("no session bus: DBUS_SESSION_BUS_ADDRESS is not set and " + why
                + ". Run inside a desktop session, start one with \"dbus-run-session -- COMMAND\", or set "
                + "DBUS_SESSION_BUS_ADDRESS to the address a dbus-daemon printed (dbus-daemon --session --print-address)");
    }

    /** The system bus of this process's environment; see {@link #systemBus(Map)}. */
    public static BusAddress systemBus() {
        return systemBus(System.getenv());
    }

    /**
     * The system bus named by {@code env}: {@code DBUS_SYSTEM_BUS_ADDRESS} when set and not empty,
     * else {@value #DEFAULT_SYSTEM_BUS}.
     *
     * @throws InvalidAddressException when {@code DBUS_SYSTEM_BUS_ADDRESS} is malformed
     */
    public static BusAddress systemBus(Map<String, String> env) {
        String value = env.get("DBUS_SYSTEM_BUS_ADDRESS");
        return value != null && !value.isEmpty() ? fromVariable("DBUS_SYSTEM_BUS_ADDRESS", value) : parse(DEFAULT_SYSTEM_BUS);
    }

    private static BusAddress fromVariable(String name, String value) {
        try {
            return parse(value);
        } catch (InvalidAddressException e) {
            throw new InvalidAddressException("environment variable " + name, e);
        }
    }

    /** Whether {@code path} is a unix socket; "unix:mode" carries the file type bits (S_IFSOCK). */
    static boolean isSocket(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode");
            return mode instanceof Integer && ((Integer) mode & 0170000) == 0140000;
        } catch (UnsupportedOperationException | IllegalArgumentException | java.io.IOException e) {
            return false;
        }
    }

    /** The entries, in the order to try them; never empty. */
    public List<AddressEntry> entries() {
        return entries;
    }

    /** The canonical form: the entries' canonical forms joined by ';'. */
    @Override
    public String toString() {
        return entries.stream().map(AddressEntry::toString).collect(Collectors.joining(";"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusAddress && ((BusAddress) o).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }
}

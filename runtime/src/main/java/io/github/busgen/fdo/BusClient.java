package io.github.busgen.fdo;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.DBusErrors;
import io.github.busgen.connection.DBusException;
import io.github.busgen.connection.MatchRule;
import io.github.busgen.connection.Subscription;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Variant;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A typed client for the message bus itself, {@code org.freedesktop.DBus} at
 * {@code /org/freedesktop/DBus} (specification, "Message Bus Messages"): name ownership, name
 * queries, service activation, connection credentials, match rules, and the bus's signals
 * NameOwnerChanged, NameAcquired and NameLost.
 *
 * <p>It wraps the generated {@link DBusProxy} (from the annotated interface {@link DBus}) with
 * validated names and reply enums. Every method is a synchronous call with the connection's
 * default timeout and throws {@link DBusException} with the bus's error name when the bus
 * refuses.
 */
public final class BusClient {
    /** The bus's interface. */
    public static final InterfaceName INTERFACE = InterfaceName.of("org.freedesktop.DBus");
    /** The bus's object path. */
    public static final ObjectPath PATH = ObjectPath.of("/org/freedesktop/DBus");

    /** RequestName flag: let another connection take the name with {@link #REPLACE_EXISTING}. */
    public static final int ALLOW_REPLACEMENT = 0x1;
    /** RequestName flag: take the name from its owner if the owner allowed replacement. */
    public static final int REPLACE_EXISTING = 0x2;
    /** RequestName flag: fail rather than wait in the queue for the name. */
    public static final int DO_NOT_QUEUE = 0x4;

    private final DBusProxy bus;

    /** A client for the bus that {@code connection} is connected to. */
    public BusClient(Connection connection) {
        if (!connection.isBus()) {
            throw new IllegalArgumentException("a peer-to-peer connection has no bus to talk to");
        }
        this.bus = DBusProxy.of(connection, BusName.DBUS, PATH);
    }

    /** The generated proxy this client wraps, for the calls it does not offer. */
    public DBusProxy proxy() {
        return bus;
    }

    /** The reply of RequestName. */
    public enum RequestNameReply {
        /** 1: the caller is now the primary owner. */
        PRIMARY_OWNER,
        /** 2: the caller is queued for the name. */
        IN_QUEUE,
        /** 3: the name has an owner and the caller asked not to queue (or could not replace it). */
        EXISTS,
        /** 4: the caller already owns the name. */
        ALREADY_OWNER
    }

    /** The reply of ReleaseName. */
    public enum ReleaseNameReply {
        /** 1: released (or removed from the queue). */
        RELEASED,
        /** 2: the name has no owner and no queue. */
        NON_EXISTENT,
        /** 3: the caller neither owns nor waits for the name. */
        NOT_OWNER
    }

    /** The reply of StartServiceByName. */
    public enum StartReply {
        /** 1: the service was started. */
        SUCCESS,
        /** 2: the name already had an owner. */
        ALREADY_RUNNING
    }

    private static <E extends Enum<E>> E code(E[] values, long code, String method) {
        if (code < 1 || code > values.length) {
            throw new DBusException(DBusErrors.FAILED, method + " answered an unknown code " + code);
        }
        return values[(int) code - 1];
    }

    /** Asks for a well-known name with RequestName flags ({@link #ALLOW_REPLACEMENT}, ...). */
    public RequestNameReply requestName(BusName name, int flags) {
        return code(RequestNameReply.values(), bus.requestName(name.value(), flags), "RequestName");
    }

    /** Gives up a well-known name (or leaves its queue). */
    public ReleaseNameReply releaseName(BusName name) {
        return code(ReleaseNameReply.values(), bus.releaseName(name.value()), "ReleaseName");
    }

    /** The unique name that owns {@code name}; fails with NameHasNoOwner when none does. */
    public BusName getNameOwner(BusName name) {
        return busName(bus.getNameOwner(name.value()), "GetNameOwner");
    }

    /** Whether {@code name} has an owner. */
    public boolean nameHasOwner(BusName name) {
        return bus.nameHasOwner(name.value());
    }

    /** The names that currently have an owner, unique names included. */
    public List<String> listNames() {
        return bus.listNames();
    }

    /** The names that the bus can start a service for. */
    public List<String> listActivatableNames() {
        return bus.listActivatableNames();
    }

    /** The unique names waiting in the queue for {@code name}, primary owner first. */
    public List<String> listQueuedOwners(BusName name) {
        return bus.listQueuedOwners(name.value());
    }

    /** Starts the service that provides {@code name} (flags are unused, 0). */
    public StartReply startServiceByName(BusName name) {
        return code(StartReply.values(), bus.startServiceByName(name.value(), 0), "StartServiceByName");
    }

    /** The uid of the process that owns {@code name}. */
    public long getConnectionUnixUser(BusName name) {
        return bus.getConnectionUnixUser(name.value());
    }

    /** The pid of the process that owns {@code name}. */
    public long getConnectionUnixProcessID(BusName name) {
        return bus.getConnectionUnixProcessID(name.value());
    }

    /** Everything the bus knows of the owner's credentials (UnixUserID, ProcessID, ...). */
    public Map<String, Variant> getConnectionCredentials(BusName name) {
        return bus.getConnectionCredentials(name.value());
    }

    /** The bus's unique id (32 hex digits). */
    public String getId() {
        return bus.getId();
    }

    /** Adds a match rule directly (prefer {@link Connection#subscribe}, which counts references). */
    public void addMatch(MatchRule rule) {
        bus.addMatch(rule.toString());
    }

    /** Removes a match rule added with {@link #addMatch}. */
    public void removeMatch(MatchRule rule) {
        bus.removeMatch(rule.toString());
    }

    private static BusName busName(String name, String method) {
        try {
            return BusName.of(name);
        } catch (IllegalArgumentException e) {
            throw new DBusException(DBusErrors.INVALID_ARGS, method + " answered an invalid bus name: " + e.getMessage(), e);
        }
    }

    /** NameOwnerChanged: {@code oldOwner} or {@code newOwner} is null when there was or is none. */
    public record NameOwnerChanged(BusName name, BusName oldOwner, BusName newOwner) {
    }

    /** Subscribes to NameOwnerChanged for every name. */
    public Subscription onNameOwnerChanged(Consumer<NameOwnerChanged> handler) {
        return bus.onNameOwnerChanged(s -> {
            NameOwnerChanged change;
            try {
                change = new NameOwnerChanged(BusName.of(s.name()), owner(s.oldOwner()), owner(s.newOwner()));
            } catch (IllegalArgumentException notANameTheSpecificationAllows) {
                return;
            }
            handler.accept(change);
        });
    }

    private static BusName owner(String name) {
        return name.isEmpty() ? null : BusName.of(name);
    }

    /** Subscribes to NameAcquired (names this connection gained). */
    public Subscription onNameAcquired(Consumer<BusName> handler) {
        return bus.onNameAcquired(s -> validName(s.name(), handler));
    }

    /** Subscribes to NameLost (names this connection lost). */
    public Subscription onNameLost(Consumer<BusName> handler) {
        return bus.onNameLost(s -> validName(s.name(), handler));
    }

    private static void validName(String name, Consumer<BusName> handler) {
        if (BusName.isValid(name)) {
            handler.accept(BusName.of(name));
        }
    }
}

package io.github.busgen.fdo;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.MatchRule;
import io.github.busgen.connection.Subscription;
import io.github.busgen.message.Message;
import io.github.busgen.message.MessageBuilder;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Variant;
import io.github.busgen.wire.WireReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A typed client for the message bus itself, {@code org.freedesktop.DBus} at
 * {@code /org/freedesktop/DBus} (specification, "Message Bus Messages"): name ownership, name
 * queries, service activation, connection credentials, match rules, and the bus's signals
 * NameOwnerChanged, NameAcquired and NameLost.
 *
 * <p>Every method is a synchronous call with the connection's default timeout and throws
 * {@link io.github.busgen.connection.DBusException} with the bus's error name when the bus
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

    private static final Signature S = Signature.of("s"), SU = Signature.of("su");

    private final Connection connection;

    /** A client for the bus that {@code connection} is connected to. */
    public BusClient(Connection connection) {
        if (!connection.isBus()) {
            throw new IllegalArgumentException("a peer-to-peer connection has no bus to talk to");
        }
        this.connection = connection;
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

    private static MessageBuilder method(String member) {
        return Message.methodCall(PATH, MemberName.of(member)).interfaceName(INTERFACE).destination(BusName.DBUS);
    }

    private WireReader call(Message m) {
        return connection.call(m).bodyReader();
    }

    private static <T> T decode(Decoder<T> d, WireReader r, String method) {
        try {
            return d.read(r);
        } catch (DBusProtocolException e) {
            throw new io.github.busgen.connection.DBusException(io.github.busgen.connection.DBusErrors.INVALID_SIGNATURE,
                    "unexpected reply to " + method + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T read(WireReader r) throws DBusProtocolException;
    }

    private static <E extends Enum<E>> E code(E[] values, long code, String method) {
        if (code < 1 || code > values.length) {
            throw new io.github.busgen.connection.DBusException(io.github.busgen.connection.DBusErrors.FAILED,
                    method + " answered an unknown code " + code);
        }
        return values[(int) code - 1];
    }

    /** Asks for a well-known name with RequestName flags ({@link #ALLOW_REPLACEMENT}, ...). */
    public RequestNameReply requestName(BusName name, int flags) {
        long code = decode(WireReader::readUInt32, call(method("RequestName").body(SU, name.value(), (long) flags)),
                "RequestName");
        return code(RequestNameReply.values(), code, "RequestName");
    }

    /** Gives up a well-known name (or leaves its queue). */
    public ReleaseNameReply releaseName(BusName name) {
        long code = decode(WireReader::readUInt32, call(method("ReleaseName").body(S, name.value())), "ReleaseName");
        return code(ReleaseNameReply.values(), code, "ReleaseName");
    }

    /** The unique name that owns {@code name}; fails with NameHasNoOwner when none does. */
    public BusName getNameOwner(BusName name) {
        return decode(r -> BusName.of(r.readString()), call(method("GetNameOwner").body(S, name.value())),
                "GetNameOwner");
    }

    /** Whether {@code name} has an owner. */
    public boolean nameHasOwner(BusName name) {
        return decode(WireReader::readBoolean, call(method("NameHasOwner").body(S, name.value())), "NameHasOwner");
    }

    /** The names that currently have an owner, unique names included. */
    public List<String> listNames() {
        return decode(BusClient::strings, call(method("ListNames").build()), "ListNames");
    }

    /** The names that the bus can start a service for. */
    public List<String> listActivatableNames() {
        return decode(BusClient::strings, call(method("ListActivatableNames").build()), "ListActivatableNames");
    }

    /** The unique names waiting in the queue for {@code name}, primary owner first. */
    public List<String> listQueuedOwners(BusName name) {
        return decode(BusClient::strings, call(method("ListQueuedOwners").body(S, name.value())), "ListQueuedOwners");
    }

    private static List<String> strings(WireReader r) throws DBusProtocolException {
        List<String> out = new ArrayList<>();
        int end = r.beginArray(4);
        while (r.hasNext()) {
            out.add(r.readString());
        }
        r.endArray(end);
        return out;
    }

    /** Starts the service that provides {@code name} (flags are unused, 0). */
    public StartReply startServiceByName(BusName name) {
        long code = decode(WireReader::readUInt32, call(method("StartServiceByName").body(SU, name.value(), 0L)),
                "StartServiceByName");
        return code(StartReply.values(), code, "StartServiceByName");
    }

    /** The uid of the process that owns {@code name}. */
    public long getConnectionUnixUser(BusName name) {
        return decode(WireReader::readUInt32, call(method("GetConnectionUnixUser").body(S, name.value())),
                "GetConnectionUnixUser");
    }

    /** The pid of the process that owns {@code name}. */
    public long getConnectionUnixProcessID(BusName name) {
        return decode(WireReader::readUInt32, call(method("GetConnectionUnixProcessID").body(S, name.value())),
                "GetConnectionUnixProcessID");
    }

    /** Everything the bus knows of the owner's credentials (UnixUserID, ProcessID, ...). */
    public Map<String, Variant> getConnectionCredentials(BusName name) {
        return decode(r -> {
            Map<String, Variant> out = new LinkedHashMap<>();
            int end = r.beginArray(8);
            while (r.hasNext()) {
                r.beginStruct();
                out.put(r.readString(), r.readVariant());
            }
            r.endArray(end);
            return out;
        }, call(method("GetConnectionCredentials").body(S, name.value())), "GetConnectionCredentials");
    }

    /** The bus's unique id (32 hex digits). */
    public String getId() {
        return decode(WireReader::readString, call(method("GetId").build()), "GetId");
    }

    /** Adds a match rule directly (prefer {@link Connection#subscribe}, which counts references). */
    public void addMatch(MatchRule rule) {
        call(method("AddMatch").body(S, rule.toString()));
    }

    /** Removes a match rule added with {@link #addMatch}. */
    public void removeMatch(MatchRule rule) {
        call(method("RemoveMatch").body(S, rule.toString()));
    }

    /** NameOwnerChanged: {@code oldOwner} or {@code newOwner} is null when there was or is none. */
    public record NameOwnerChanged(BusName name, BusName oldOwner, BusName newOwner) {
    }

    private MatchRule busSignal(String member) {
        return MatchRule.builder().type(MessageType.SIGNAL).sender(BusName.DBUS).interfaceName(INTERFACE)
                .path(PATH).member(MemberName.of(member)).build();
    }

    /** Subscribes to NameOwnerChanged for every name. */
    public Subscription onNameOwnerChanged(Consumer<NameOwnerChanged> handler) {
        return connection.subscribe(busSignal("NameOwnerChanged"), m -> {
            if (m.signature().value().equals("sss")) {
                try {
                    WireReader r = m.bodyReader();
                    String name = r.readString();
                    String oldOwner = r.readString();
                    String newOwner = r.readString();
                    handler.accept(new NameOwnerChanged(BusName.of(name), oldOwner.isEmpty() ? null : BusName.of(oldOwner),
                            newOwner.isEmpty() ? null : BusName.of(newOwner)));
                } catch (DBusProtocolException | IllegalArgumentException ignored) {
                    // not the signal the specification defines; nothing to report
                }
            }
        });
    }

    /** Subscribes to NameAcquired (names this connection gained). */
    public Subscription onNameAcquired(Consumer<BusName> handler) {
        return nameSignal("NameAcquired", handler);
    }

    /** Subscribes to NameLost (names this connection lost). */
    public Subscription onNameLost(Consumer<BusName> handler) {
        return nameSignal("NameLost", handler);
    }

    private Subscription nameSignal(String member, Consumer<BusName> handler) {
        return connection.subscribe(busSignal(member), m -> {
            if (m.signature().value().equals("s")) {
                try {
                    handler.accept(BusName.of(m.bodyReader().readString()));
                } catch (DBusProtocolException | IllegalArgumentException ignored) {
                    // not the signal the specification defines
                }
            }
        });
    }
}

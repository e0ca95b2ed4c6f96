package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.names.BusName;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.WireReader;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The current unique owner of each well-known name the connection calls or subscribes to, kept up
 * to date from NameOwnerChanged. Replies and signals are checked against it (see the security notes
 * on {@link Connection}).
 *
 * <p>Tracking a name costs one AddMatch (NameOwnerChanged with arg0 = the name) and one
 * GetNameOwner, once per name and connection. Owners change only on the thread reading the
 * socket, in message order: from NameOwnerChanged signals and from the GetNameOwner reply, which
 * is applied where it arrives in the stream so that a later signal cannot be overwritten by an
 * older answer.
 *
 * <p>Lock rule: no locks; entries live in a concurrent map, owners are volatile.
 */
final class NameOwners {
    private static final Signature S = Signature.of("s");

    private static final class Entry {
        volatile BusName owner;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
    }

    private final ConcurrentHashMap<BusName, Entry> entries = new ConcurrentHashMap<>();

    /** The current owner of {@code name}: itself if unique, else the tracked owner or null. */
    BusName current(BusName name) {
        if (name.isUnique()) {
            return name;
        }
        Entry e = entries.get(name);
        return e == null ? null : e.owner;
    }

    /**
     * Makes sure {@code name} is tracked, waiting for the first answer if this is the first use.
     *
     * @throws DBusException when the bus cannot be asked (for example the connection is closed)
     */
    void awaitTracked(BusName name, Connection connection) {
        Entry e = entries.get(name);
        if (e != null && e.ready.isDone() && !e.ready.isCompletedExceptionally()) {
            return;
        }
        Entry fresh = new Entry();
        Entry existing = entries.putIfAbsent(name, fresh);
        if (existing == null) {
            start(name, fresh, connection);
            e = fresh;
        } else {
            e = existing;
        }
        try {
            e.ready.get(connection.defaultTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException ex) {
            entries.remove(name, e);
            Throwable c = ex.getCause();
            throw c instanceof DBusException ? (DBusException) c
                    : new DBusException(DBusErrors.FAILED, "cannot track the owner of " + name, c);
        } catch (TimeoutException ex) {
            entries.remove(name, e);
            throw new DBusException(DBusErrors.NO_REPLY, "the bus did not tell the owner of " + name);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DBusException(DBusErrors.FAILED, "interrupted while asking for the owner of " + name);
        }
    }

    private void start(BusName name, Entry e, Connection connection) {
        try {
            connection.addMatch(MatchRule.builder().type(io.github.busgen.message.MessageType.SIGNAL)
                    .sender(BusName.DBUS).interfaceName(Connection.DBUS_INTERFACE)
                    .member(io.github.busgen.names.MemberName.of("NameOwnerChanged")).path(Connection.DBUS_PATH)
                    .arg(0, name.value()).build());
            Message call = Connection.busMethod("GetNameOwner").body(S, name.value());
            connection.startCall(call, reply -> {
                if (reply.type() == io.github.busgen.message.MessageType.ERROR) {
                    e.owner = null;
                    return;
                }
                try {
                    e.owner = BusName.unique(reply.bodyReader().readString());
                } catch (DBusProtocolException | IllegalArgumentException bad) {
                    e.owner = null;
                }
            }).whenComplete((reply, error) -> {
                // NameHasNoOwner is an answer too: nobody owns it (yet)
                if (error == null || (error instanceof DBusException
                        && ((DBusException) error).is(DBusErrors.NAME_HAS_NO_OWNER))) {
                    e.ready.complete(null);
                } else {
                    e.ready.completeExceptionally(error);
                }
            });
        } catch (RuntimeException ex) {
            e.ready.completeExceptionally(ex);
        }
    }

    /** Applies a NameOwnerChanged(name, old, new) signal from the bus (the thread reading the socket). */
    void onNameOwnerChanged(Message m) {
        if (!m.signature().value().equals("sss")) {
            return;
        }
        try {
            WireReader r = m.bodyReader();
            String name = r.readString();
            r.readString();
            String newOwner = r.readString();
            Entry e = entries.get(BusName.of(name));
            if (e != null) {
                e.owner = newOwner.isEmpty() ? null : BusName.unique(newOwner);
            }
        } catch (DBusProtocolException | IllegalArgumentException ignored) {
            // a malformed signal from the bus changes nothing
        }
    }

    /** Fails everyone waiting for a first answer (the connection closed). */
    void failWaiters(DBusException e) {
        for (Entry entry : entries.values()) {
            entry.ready.completeExceptionally(e);
        }
    }
}

package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.MemberName;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.WireReader;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The current unique owner of each well-known name the connection calls or subscribes to, kept up
 * to date from NameOwnerChanged. Replies and signals are checked against it (see the security notes
 * on {@link Connection}).
 *
 * <p>Tracking a name costs one AddMatch (NameOwnerChanged with arg0 = the name) and one
 * GetNameOwner, once per name and connection, written before the first call to the name without
 * waiting for their answers: the bus answers a connection's messages in order, so both answers
 * arrive before the reply to any call written after them, and the owner is known by the time that
 * reply is checked. Owners change only on the thread reading the socket, in message order: from
 * NameOwnerChanged signals and from the GetNameOwner reply, which is applied where it arrives in
 * the stream so that a later signal cannot be overwritten by an older answer.
 *
 * <p>Lock rule: each entry's monitor orders the writing of its two questions, so that a call to
 * the name is written after them; only callers take it, and under it only the connection's write
 * and lead locks. The entry's {@code state} object guards the answer; the reading thread takes only
 * that one, and nothing is taken under it, so the reading thread never waits for a writer. Entries
 * live in a concurrent map; owners are volatile.
 */
final class NameOwners {
    private static final Signature S = Signature.of("s");
    private static final MemberName NAME_OWNER_CHANGED = MemberName.of("NameOwnerChanged");

    private static final class Entry {
        volatile BusName owner;
        volatile BusName answeredOwner; // the owner GetNameOwner reported (null: none, or not answered yet)
        boolean asked;        // guarded by this: AddMatch and GetNameOwner are written
        final Object state = new Object();
        boolean answered;     // guarded by state: GetNameOwner has been answered
        DBusException failed; // guarded by state: why tracking failed, if it did
    }

    private final ConcurrentHashMap<BusName, Entry> entries = new ConcurrentHashMap<>();
    /**
     * Why the bus last refused to track a name (AddMatch or GetNameOwner failed), until a later
     * GetNameOwner for it succeeds. Written and read by the thread reading the socket only, in
     * message order, so a reply is checked against the failure of the questions written before it.
     */
    private final ConcurrentHashMap<BusName, DBusException> failures = new ConcurrentHashMap<>();

    /** The current owner of {@code name}: itself if unique, else the tracked owner or null. */
    BusName current(BusName name) {
        if (name.isUnique()) {
            return name;
        }
        Entry e = entries.get(name);
        return e == null ? null : e.owner;
    }

    /**
     * The owner the bus reported when {@code name} was first asked about. A call written before
     * that answer arrived went to this owner, or to a later one that NameOwnerChanged reports
     * ({@link #current}); a reply from either is genuine.
     */
    BusName answeredOwner(BusName name) {
        Entry e = entries.get(name);
        return e == null ? null : e.answeredOwner;
    }

    /**
     * Why the bus refused to track {@code name}, if its last attempt failed: a reply to a call
     * written before its owner was known cannot be checked then (reading thread only).
     */
    DBusException trackingFailure(BusName name) {
        return failures.get(name);
    }

    private Entry entry(BusName name) {
        Entry e = entries.get(name);
        if (e == null) {
            Entry fresh = new Entry();
            e = entries.putIfAbsent(name, fresh);
            if (e == null) {
                e = fresh;
            }
        }
        return e;
    }

    /**
     * Makes sure {@code name} is tracked before a call to it is written: the first time, writes
     * AddMatch and GetNameOwner without waiting for their answers (see the class comment).
     *
     * @throws DBusException when the questions cannot be written (the connection is closed)
     */
    void trackBeforeCall(BusName name, Connection connection) {
        Entry e = entry(name);
        synchronized (e) {
            if (e.asked) {
                return;
            }
            ask(name, e, connection);
            e.asked = true;
        }
    }

    /**
     * Makes sure {@code name} is tracked, waiting for the bus's answer if this is the first use (a
     * subscription must know the owner before the first signal is checked).
     *
     * @throws DBusException when the bus cannot be asked (for example the connection is closed)
     */
    void awaitTracked(BusName name, Connection connection) {
        Entry e = entry(name);
        long deadline = System.nanoTime() + connection.defaultTimeout().toNanos();
        synchronized (e) {
            if (!e.asked) {
                ask(name, e, connection);
                e.asked = true;
            }
        }
        synchronized (e.state) {
            boolean interrupted = false;
            try {
                while (!e.answered && e.failed == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        forget(name, e);
                        throw new DBusException(DBusErrors.NO_REPLY, "the bus did not tell the owner of " + name);
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(e.state, left);
                    } catch (InterruptedException ex) {
                        interrupted = true;
                        forget(name, e);
                        throw new DBusException(DBusErrors.FAILED, "interrupted while asking for the owner of " + name);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            if (e.failed != null) {
                throw e.failed;
            }
        }
    }

    /** Writes AddMatch and GetNameOwner for {@code name}; their answers arrive on the reading thread. Under e's monitor. */
    private void ask(BusName name, Entry e, Connection connection) {
        MatchRule rule = MatchRule.builder().type(MessageType.SIGNAL).sender(BusName.DBUS)
                .interfaceName(Connection.DBUS_INTERFACE).member(NAME_OWNER_CHANGED).path(Connection.DBUS_PATH)
                .arg(0, name.value()).build();
        try {
            connection.startInternalCall(Connection.busMethod("AddMatch").body(S, rule.toString()),
                    new Answer(name, e, false));
            connection.startInternalCall(Connection.busMethod("GetNameOwner").body(S, name.value()),
                    new Answer(name, e, true));
        } catch (RuntimeException ex) {
            forget(name, e);
            throw ex;
        }
    }

    /** The bus's answer to one of the two questions, applied on the reading thread. */
    private final class Answer implements Consumer<Message> {
        private final BusName name;
        private final Entry entry;
        private final boolean owner;

        Answer(BusName name, Entry entry, boolean owner) {
            this.name = name;
            this.entry = entry;
            this.owner = owner;
        }

        @Override
        public void accept(Message reply) {
            boolean error = reply.type() == MessageType.ERROR;
            if (!owner) {
                if (error) {
                    // without the match, changes of owner would go unseen: ask again next time
                    fail(name, entry, DBusException.fromReply(reply));
                }
                return;
            }
            // NameHasNoOwner is an answer too: nobody owns it (yet)
            BusName o = null;
            if (!error) {
                try {
                    o = BusName.unique(reply.bodyReader().readString());
                } catch (DBusProtocolException | IllegalArgumentException bad) {
                    o = null;
                }
            } else if (!DBusErrors.NAME_HAS_NO_OWNER.value().equals(reply.errorName().value())) {
                fail(name, entry, DBusException.fromReply(reply));
                return;
            }
            synchronized (entry.state) {
                if (entry.failed != null) {
                    return; // AddMatch failed before: the owner cannot be followed after all
                }
                entry.answeredOwner = o;
                entry.owner = o;
                entry.answered = true;
                entry.state.notifyAll();
            }
            failures.remove(name);
        }
    }

    private void fail(BusName name, Entry e, DBusException why) {
        synchronized (e.state) {
            if (e.failed == null) {
                e.failed = why;
            }
            e.state.notifyAll();
        }
        failures.put(name, why);
        forget(name, e);
    }

    private void forget(BusName name, Entry e) {
        entries.remove(name, e);
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
            synchronized (entry.state) {
                if (entry.failed == null && !entry.answered) {
                    entry.failed = e;
                }
                entry.state.notifyAll();
            }
        }
    }
}

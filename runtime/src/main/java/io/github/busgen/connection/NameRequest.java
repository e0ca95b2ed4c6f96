package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.MemberName;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A well-known name this connection asked the bus for (see {@link Connection#requestName}): the
 * bus's answer, whether the name is owned now, listeners told when it is acquired or lost (the
 * bus's NameAcquired and NameLost signals), and {@link #close()} to release it.
 *
 * <p>Thread-safe: {@code this} guards the ownership flag's updates and the count of signals handled,
 * so that the RequestName reply and the signals (which run one at a time on the executor) agree;
 * listeners are called outside the lock.
 */
public final class NameRequest implements Subscription {
    /** The answers of RequestName (specification: 1..4). */
    public enum Reply {
        /** 1: this connection owns the name. */
        PRIMARY_OWNER,
        /** 2: this connection waits in the queue. */
        IN_QUEUE,
        /** 3: another connection owns it and it could not be taken or queued for. */
        EXISTS,
        /** 4: this connection already owned it. */
        ALREADY_OWNER
    }

    private static final Signature SU = Signature.of("su"), S = Signature.of("s");

    private final Connection connection;
    private final BusName name;
    private final CopyOnWriteArrayList<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean owned;
    private int signalsHandled; // guarded by this
    private volatile Reply reply;
    private Subscription acquired;
    private Subscription lost;

    NameRequest(Connection connection, BusName name) {
        if (name.isUnique()) {
            throw new IllegalArgumentException("only well-known names can be requested, not " + name);
        }
        this.connection = connection;
        this.name = name;
    }

    void request(int flags) {
        // subscribe first: the bus sends NameAcquired before its reply to RequestName
        acquired = connection.subscribe(busSignal("NameAcquired"), m -> changed(m, true));
        lost = connection.subscribe(busSignal("NameLost"), m -> changed(m, false));
        Message answer = connection.call(Connection.busMethod("RequestName").body(SU, name.value(), (long) flags));
        long code;
        try {
            code = answer.bodyReader().readUInt32();
        } catch (DBusProtocolException e) {
            throw new DBusException(DBusErrors.FAILED, "unexpected reply to RequestName: " + e.getMessage(), e);
        }
        if (code < 1 || code > 4) {
            throw new DBusException(DBusErrors.FAILED, "RequestName answered an unknown code " + code);
        }
        reply = Reply.values()[(int) code - 1];
        synchronized (this) {
            // The reply is news only if no signal was handled meanwhile: a NameLost handled before
            // this line is newer than the reply and must not be overwritten.
            if (signalsHandled == 0 && (reply == Reply.PRIMARY_OWNER || reply == Reply.ALREADY_OWNER)) {
                owned = true;
            }
        }
    }

    private MatchRule busSignal(String member) {
        return MatchRule.builder().type(MessageType.SIGNAL).sender(BusName.DBUS)
                .interfaceName(Connection.DBUS_INTERFACE).member(MemberName.of(member)).arg(0, name.value()).build();
    }

    private void changed(Message m, boolean nowOwned) {
        // Only changes reach the listeners. The bus sends NameAcquired just before its answer to
        // RequestName; without this check, whether a listener added after requestName returned
        // heard that first acquisition would depend on which thread ran first.
        synchronized (this) {
            signalsHandled++;
            if (closed.get() || owned == nowOwned) {
                return;
            }
            owned = nowOwned;
        }
        for (Consumer<Boolean> l : listeners) {
            l.accept(nowOwned);
        }
    }

    /** The name requested. */
    public BusName name() {
        return name;
    }

    /** The bus's answer to RequestName. */
    public Reply reply() {
        return reply;
    }

    /** Whether this connection owns the name now. */
    public boolean isOwned() {
        return owned;
    }

    /**
     * Registers a listener told {@code true} when the name is acquired (for example when a queued
     * request reaches the front) and {@code false} when it is lost (for example replaced): the
     * changes after {@link #reply()}, never the acquisition that reply reports.
     */
    public NameRequest onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
        return this;
    }

    void unsubscribe() {
        if (acquired != null) {
            acquired.close();
        }
        if (lost != null) {
            lost.close();
        }
    }

    /** Releases the name (or leaves its queue) and stops listening. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connection.forget(this);
        if (connection.isOpen()) {
            try {
                connection.call(Connection.busMethod("ReleaseName").body(S, name.value()));
            } catch (DBusException e) {
                System.getLogger(NameRequest.class.getName()).log(System.Logger.Level.DEBUG,
                        "ReleaseName " + name + " failed: " + e);
            }
            unsubscribe();
        }
        owned = false;
    }

    @Override
    public String toString() {
        return "NameRequest[" + name + ", " + reply + (owned ? ", owned" : "") + "]";
    }
}

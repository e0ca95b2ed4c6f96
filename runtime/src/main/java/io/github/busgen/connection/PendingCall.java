package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.names.BusName;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A call waiting for its reply. Whichever thread reads the reply (a METHOD_RETURN or ERROR with its
 * serial from the expected sender) completes it: a synchronous call by setting its outcome and
 * waking its caller, an asynchronous one through its future; an internal one only runs its
 * {@link #onReaderThread} callback and records the outcome.
 *
 * <p>Thread-safe: the outcome is set once (the first completion wins) and is volatile.
 */
final class PendingCall {
    /** The unique name or bus name the reply must come from; null where any sender is accepted (peer-to-peer). */
    final BusName expectedDestination;
    /** Runs on the reading thread with the reply, before the call completes (internal bookkeeping). */
    final Consumer<Message> onReaderThread;
    /** The future of an asynchronous call; null for a synchronous or internal one. */
    final CompletableFuture<Message> future;
    /** The thread waiting in a synchronous call; null for an asynchronous or internal one. */
    final Thread waiter;
    /** For a well-known destination, its owner when the call was sent (null if none or not applicable). */
    BusName ownerAtSend;
    /** The serial the call went out with; set before the message is written. */
    int serial;
    /** A synchronous call's outcome: the reply Message, or the DBusException it failed with. */
    private volatile Object outcome;

    private PendingCall(BusName expectedDestination, Consumer<Message> onReaderThread,
                        CompletableFuture<Message> future, Thread waiter) {
        this.expectedDestination = expectedDestination;
        this.onReaderThread = onReaderThread;
        this.future = future;
        this.waiter = waiter;
    }

    /** A call whose outcome completes a future. */
    static PendingCall async(BusName expected, Consumer<Message> onReaderThread) {
        return new PendingCall(expected, onReaderThread, new CompletableFuture<>(), null);
    }

    /** An internal call: {@code onReply} (on the reading thread) is all that happens with its reply. */
    static PendingCall internal(BusName expected, Consumer<Message> onReply) {
        return new PendingCall(expected, onReply, null, null);
    }

    /** A call the current thread waits for. */
    static PendingCall sync(BusName expected) {
        return new PendingCall(expected, null, null, Thread.currentThread());
    }

    boolean isDone() {
        return future != null ? future.isDone() : outcome != null;
    }

    /** The reply or the exception of a completed synchronous or internal call, else null. */
    Object outcome() {
        return outcome;
    }

    /** Completes the call with {@code reply}, an ERROR reply completing it exceptionally. */
    void complete(Message reply, boolean error) {
        if (future != null) {
            if (error) {
                future.completeExceptionally(DBusException.fromReply(reply));
            } else {
                future.complete(reply);
            }
        } else {
            settle(error ? DBusException.fromReply(reply) : reply);
        }
    }

    /** Fails the call with {@code e}. */
    void fail(DBusException e) {
        if (future != null) {
            future.completeExceptionally(e);
        } else {
            settle(e);
        }
    }

    private void settle(Object o) {
        if (outcome == null) {
            outcome = o;
            if (waiter != Thread.currentThread()) {
                LockSupport.unpark(waiter);
            }
        }
    }
}

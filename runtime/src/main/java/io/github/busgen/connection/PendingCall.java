package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.names.BusName;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A call waiting for its reply. The reader thread completes it when a METHOD_RETURN or ERROR with
 * its serial arrives from the expected sender.
 */
final class PendingCall {
    final CompletableFuture<Message> future;
    /** The unique name or bus name the reply must come from; null where any sender is accepted (peer-to-peer). */
    final BusName expectedDestination;
    /** Runs on the reader thread with the reply, before the future completes (internal bookkeeping). */
    final Consumer<Message> onReaderThread;
    /** For a well-known destination, its owner when the call was sent (null if none or not applicable). */
    BusName ownerAtSend;

    PendingCall(CompletableFuture<Message> future, BusName expectedDestination, Consumer<Message> onReaderThread) {
        this.future = future;
        this.expectedDestination = expectedDestination;
        this.onReaderThread = onReaderThread;
    }
}

package io.github.busgen.connection;

import io.github.busgen.internal.LazyLogger;
import io.github.busgen.message.Message;
import io.github.busgen.message.MessageBuilder;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.WireReader;
import io.github.busgen.wire.WireWriter;

import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * One incoming method call being handled: the call, who made it, and the means to answer it once,
 * now or later. When the caller set NO_REPLY_EXPECTED, answers are not sent (the handler still
 * runs).
 *
 * <p>Thread-safe: the first answer wins, from whichever thread; later ones are ignored.
 */
public final class MethodInvocation {
    private static final System.Logger LOG = new LazyLogger(MethodInvocation.class.getName());

    private final Connection connection;
    private final Message call;
    private final AtomicBoolean answered = new AtomicBoolean();
    private volatile boolean deferred;

    MethodInvocation(Connection connection, Message call) {
        this.connection = connection;
        this.call = call;
    }

    /** The connection the call arrived on. */
    public Connection connection() {
        return connection;
    }

    /** The call message. */
    public Message message() {
        return call;
    }

    /** The caller's unique name (null on a peer-to-peer connection, where there is no bus to set it). */
    public BusName sender() {
        return call.sender();
    }

    /** The object path the call went to. */
    public ObjectPath path() {
        return call.path();
    }

    /** The interface named in the call, or null when it named none. */
    public InterfaceName interfaceName() {
        return call.interfaceName();
    }

    /** The method name. */
    public MemberName member() {
        return call.member();
    }

    /** The call's header flags (see {@link io.github.busgen.message.Flags}). */
    public int flags() {
        return call.flags();
    }

    /** Whether the caller asked for no reply. */
    public boolean isNoReplyExpected() {
        return call.isNoReplyExpected();
    }

    /** A reader positioned at the call's arguments. */
    public WireReader arguments() {
        return call.bodyReader();
    }

    /** Whether an answer has been given (or skipped because none is expected). */
    public boolean isAnswered() {
        return answered.get();
    }

    /** Whether the handler promised to answer later. */
    boolean isDeferred() {
        return deferred;
    }

    private boolean claim() {
        return answered.compareAndSet(false, true) && !call.isNoReplyExpected();
    }

    /** Sends an answer; when the connection has closed meanwhile there is nobody left to answer. */
    private void answer(Message m) {
        try {
            connection.send(m);
        } catch (DBusException e) {
            if (connection.isOpen()) {
                throw e;
            }
            LOG.log(Level.DEBUG, "no answer to " + call.member() + ": the connection closed");
        }
    }

    /** Answers with an empty reply. */
    public void reply() {
        if (claim()) {
            answer(Message.methodReturn(call).build());
        }
    }

    /**
     * Answers with a reply of {@code signature} whose values {@code body} writes. The reply is
     * encoded before it counts as the answer, so when {@code body} throws, an error can still be
     * sent instead.
     */
    public void reply(Signature signature, BodyWriter body) {
        if (answered.get()) {
            return;
        }
        if (call.isNoReplyExpected()) {
            answered.set(true);
            return;
        }
        MessageBuilder b = Message.methodReturn(call);
        body.write(b.beginBody(signature));
        Message reply = b.build();
        if (answered.compareAndSet(false, true)) {
            answer(reply);
        }
    }

    /** Answers with generic values (see {@link io.github.busgen.wire.Variant} for the mapping). */
    public void replyValues(Signature signature, Object... values) {
        reply(signature, w -> w.writeValues(signature, Arrays.asList(values)));
    }

    /** Answers with an error. */
    public void replyError(ErrorName name, String message) {
        if (claim()) {
            answer(Message.error(name, call).body(Signature.of("s"), message == null ? "" : message));
        }
    }

    /**
     * Answers with the error for {@code failure}: a {@link DBusException}'s own name, InvalidArgs
     * for an {@link IllegalArgumentException}, Failed for anything else.
     */
    public void replyError(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof DBusException) {
            replyError(((DBusException) t).errorName(), t.getMessage());
        } else if (t instanceof IllegalArgumentException) {
            replyError(DBusErrors.INVALID_ARGS, message(t));
        } else {
            if (!(t instanceof RuntimeException) || t instanceof NullPointerException) {
                LOG.log(Level.DEBUG, "handler of " + call.member() + " failed", t);
            }
            replyError(DBusErrors.FAILED, message(t));
        }
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        return m != null ? m : t.getClass().getName();
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Promises an answer when {@code stage} completes: a reply written by {@code encoder} on
     * success, the error for its failure otherwise. The reply goes out once, on this connection,
     * from the thread that completes the stage.
     */
    public <T> void replyLater(CompletionStage<T> stage, Signature signature, BiConsumer<WireWriter, T> encoder) {
        deferred = true;
        stage.whenComplete((value, error) -> {
            if (error != null) {
                replyError(error);
                return;
            }
            try {
                reply(signature, w -> encoder.accept(w, value));
            } catch (RuntimeException e) {
                replyError(e);
            }
        });
    }

    /** Promises an answer when {@code stage} completes: an empty reply, or the error for its failure. */
    public void replyLater(CompletionStage<?> stage) {
        deferred = true;
        stage.whenComplete((value, error) -> {
            if (error != null) {
                replyError(error);
            } else {
                reply();
            }
        });
    }
}

package io.github.busgen.connection;

import io.github.busgen.internal.LazyLogger;
import io.github.busgen.message.Message;
import io.github.busgen.message.MessageBuilder;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.WireReader;

import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What typed clients (the proxies busgen generates, and any written by hand) share: building
 * calls, checking that a reply has the signature the client expects before decoding it, the
 * standard Properties calls, and typed signal handlers. Stateless.
 *
 * <p>A reply whose signature is not the expected one fails with
 * {@link DBusErrors#INVALID_SIGNATURE} naming both signatures, rather than being decoded as
 * something it is not. Signals whose signature does not match are ignored (logged at DEBUG): a
 * subscription sees only the signals it can decode.
 */
public final class ProxySupport {
    private static final System.Logger LOG = new LazyLogger(ProxySupport.class.getName());

    /** {@code org.freedesktop.DBus.Properties}. */
    public static final InterfaceName PROPERTIES = InterfaceName.of("org.freedesktop.DBus.Properties");
    private static final MemberName GET = MemberName.of("Get");
    private static final MemberName SET = MemberName.of("Set");
    private static final MemberName PROPERTIES_CHANGED = MemberName.of("PropertiesChanged");
    private static final Signature SS = Signature.of("ss"), SSV = Signature.of("ssv"), V = Signature.of("v"),
            PROPERTIES_CHANGED_SIGNATURE = Signature.of("sa{sv}as");

    /** Maps no error: every error reply reaches the caller as the {@link DBusException} it is. */
    public static final Function<DBusException, Throwable> NO_ERRORS = e -> e;

    private ProxySupport() {
    }

    /**
     * A method call to {@code member} of {@code iface} at {@code path}, with the flags of
     * {@code options}; {@code destination} is null on a peer-to-peer connection.
     */
    public static MessageBuilder methodCall(BusName destination, ObjectPath path, InterfaceName iface,
                                            MemberName member, CallOptions options) {
        return options.applyTo(Message.methodCall(path, member).interfaceName(iface).destination(destination));
    }

    /**
     * A reader positioned at the body of {@code reply}, after checking that its signature is
     * {@code expected}.
     *
     * @throws DBusException with {@link DBusErrors#INVALID_SIGNATURE} when it is not
     */
    public static WireReader reader(Message reply, Signature expected) {
        if (!reply.signature().equals(expected)) {
            throw new DBusException(DBusErrors.INVALID_SIGNATURE, "the reply" + from(reply) + " has signature \""
                    + reply.signature() + "\", expected \"" + expected + "\"");
        }
        return reply.bodyReader();
    }

    /** The exception for a reply whose body could not be decoded. */
    public static DBusException malformed(Message reply, DBusProtocolException e) {
        return new DBusException(DBusErrors.INVALID_ARGS, "malformed reply" + from(reply) + ": " + e.getMessage(), e);
    }

    private static String from(Message m) {
        return m.sender() == null ? "" : " from " + m.sender();
    }

    /** Decodes {@code reply}, whose signature must be {@code expected}, with {@code body}. */
    public static <T> T read(Message reply, Signature expected, BodyReader<T> body) {
        WireReader r = reader(reply, expected);
        try {
            return body.read(r);
        } catch (DBusProtocolException e) {
            throw malformed(reply, e);
        }
    }

    /**
     * The future of the decoded reply: {@code reply} decoded with {@code body} after checking its
     * signature, or failed with {@code errors} applied to an error reply (to turn error names into
     * declared exceptions). Cancelling the returned future cancels the call.
     */
    public static <T> CompletableFuture<T> readAsync(CompletableFuture<Message> reply, Signature expected,
                                                     BodyReader<T> body, Function<DBusException, Throwable> errors) {
        return map(reply, m -> read(m, expected, body), errors);
    }

    /**
     * The future of a call whose reply carries nothing the caller wants: completed with null on any
     * METHOD_RETURN, failed with {@code errors} applied to an error reply.
     */
    public static CompletableFuture<Void> completion(CompletableFuture<Message> reply,
                                                     Function<DBusException, Throwable> errors) {
        return map(reply, m -> null, errors);
    }

    private static <T> CompletableFuture<T> map(CompletableFuture<Message> reply, Function<Message, T> decode,
                                                Function<DBusException, Throwable> errors) {
        CompletableFuture<T> result = new CompletableFuture<>();
        reply.whenComplete((m, failure) -> {
            if (failure != null) {
                Throwable cause = unwrap(failure);
                result.completeExceptionally(cause instanceof DBusException ? errors.apply((DBusException) cause) : cause);
                return;
            }
            try {
                result.complete(decode.apply(m));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        result.whenComplete((m, failure) -> {
            if (result.isCancelled()) {
                reply.cancel(false);
            }
        });
        return result;
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    // ---------------------------------------------------------------- properties

    /** An {@code org.freedesktop.DBus.Properties.Get} call for {@code property} of {@code iface}. */
    public static Message getProperty(BusName destination, ObjectPath path, InterfaceName iface, String property,
                                      CallOptions options) {
        MessageBuilder b = methodCall(destination, path, PROPERTIES, GET, options);
        var w = b.beginBody(SS);
        w.writeString(iface.value());
        w.writeString(property);
        return b.build();
    }

    /**
     * An {@code org.freedesktop.DBus.Properties.Set} call giving {@code property} of {@code iface}
     * the value that {@code value} writes, of type {@code type}.
     */
    public static Message setProperty(BusName destination, ObjectPath path, InterfaceName iface, String property,
                                      Signature type, BodyWriter value, CallOptions options) {
        MessageBuilder b = methodCall(destination, path, PROPERTIES, SET, options);
        var w = b.beginBody(SSV);
        w.writeString(iface.value());
        w.writeString(property);
        w.writeSignature(type);
        value.write(w);
        return b.build();
    }

    /**
     * A reader positioned at the value inside the variant of a Get reply, after checking that the
     * reply is one variant holding {@code type}.
     */
    public static WireReader propertyReader(Message reply, Signature type) {
        WireReader r = reader(reply, V);
        Signature actual;
        try {
            actual = r.readSignature();
        } catch (DBusProtocolException e) {
            throw malformed(reply, e);
        }
        if (!actual.equals(type)) {
            throw new DBusException(DBusErrors.INVALID_SIGNATURE, "the property value" + from(reply) + " has type \""
                    + actual + "\", expected \"" + type + "\"");
        }
        return r;
    }

    /** The future of a property's value from the future of a Get reply. */
    public static <T> CompletableFuture<T> readPropertyAsync(CompletableFuture<Message> reply, Signature type,
                                                             BodyReader<T> value) {
        return map(reply, m -> {
            WireReader r = propertyReader(m, type);
            try {
                return value.read(r);
            } catch (DBusProtocolException e) {
                throw malformed(m, e);
            }
        }, NO_ERRORS);
    }

    // ---------------------------------------------------------------- signals

    /**
     * The match rule for signal {@code member} of {@code iface} from the object at {@code path} of
     * {@code sender} (any sender when null, as on a peer-to-peer connection).
     */
    public static MatchRule signalRule(BusName sender, ObjectPath path, InterfaceName iface, MemberName member) {
        MatchRule.Builder b = MatchRule.builder().type(MessageType.SIGNAL).path(path).interfaceName(iface).member(member);
        if (sender != null) {
            b.sender(sender);
        }
        return b.build();
    }

    /** The match rule for PropertiesChanged of {@code iface} at {@code path} of {@code sender}. */
    public static MatchRule propertiesChangedRule(BusName sender, ObjectPath path, InterfaceName iface) {
        MatchRule.Builder b = MatchRule.builder().type(MessageType.SIGNAL).path(path).interfaceName(PROPERTIES)
                .member(PROPERTIES_CHANGED).arg(0, iface.value());
        if (sender != null) {
            b.sender(sender);
        }
        return b.build();
    }

    /**
     * A signal handler that decodes signals of {@code signature} with {@code body} and passes the
     * value to {@code handler}; other signals are ignored.
     */
    public static <T> Consumer<Message> signalHandler(Signature signature, BodyReader<T> body,
                                                      Consumer<? super T> handler) {
        return m -> {
            if (!m.signature().equals(signature)) {
                LOG.log(Level.DEBUG, "ignored {0}.{1} with signature \"{2}\", expected \"{3}\"", m.interfaceName(),
                        m.member(), m.signature(), signature);
                return;
            }
            T value;
            try {
                value = body.read(m.bodyReader());
            } catch (DBusProtocolException | IllegalArgumentException e) {
                LOG.log(Level.DEBUG, "ignored a malformed {0}.{1}: {2}", m.interfaceName(), m.member(), e.getMessage());
                return;
            }
            handler.accept(value);
        };
    }

    /**
     * A PropertiesChanged handler for one property: passes the new value to {@code onValue} when
     * the signal carries it with type {@code type}, and runs {@code onInvalidated} when the signal
     * names the property as invalidated (the value was not sent; fetch it).
     */
    public static <T> Consumer<Message> propertyChangedHandler(String property, Signature type, BodyReader<T> value,
                                                               Consumer<? super T> onValue, Runnable onInvalidated) {
        return m -> {
            if (!m.signature().equals(PROPERTIES_CHANGED_SIGNATURE)) {
                return;
            }
            // PropertiesChanged (s interface, a{sv} changed, as invalidated); user code runs after decoding
            T changed = null;
            boolean hasValue = false;
            boolean invalidated = false;
            try {
                WireReader r = m.bodyReader();
                r.readString();
                int end = r.beginArray(8);
                while (r.hasNext()) {
                    r.beginStruct();
                    String name = r.readString();
                    Signature actual = r.readSignature();
                    if (name.equals(property) && actual.equals(type)) {
                        changed = value.read(r);
                        hasValue = true;
                    } else {
                        r.skipValue(actual.type());
                    }
                }
                r.endArray(end);
                end = r.beginArray(4);
                while (r.hasNext()) {
                    invalidated |= r.readString().equals(property);
                }
                r.endArray(end);
            } catch (DBusProtocolException | IllegalArgumentException e) {
                LOG.log(Level.DEBUG, "ignored a malformed PropertiesChanged: {0}", e.getMessage());
                return;
            }
            if (hasValue) {
                onValue.accept(changed);
            } else if (invalidated) {
                onInvalidated.run();
            }
        };
    }
}

package io.github.busgen.bench;

import io.github.busgen.bench.generated.EchoProxy;
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
import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Variant;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * busgen's client, written against the runtime's low-level API (a message built with
 * {@link MessageBuilder}, values written and read with WireWriter/WireReader), which is what
 * generated proxies call; {@link #proxyEcho()} makes the same Echo call through the generated
 * {@link EchoProxy} instead, so that the two rows show what the generated layer costs.
 */
final class BusgenClient implements BenchClient {
    static final ObjectPath PATH = ObjectPath.of(Bench.PATH);
    static final InterfaceName INTERFACE = InterfaceName.of(Bench.INTERFACE);
    static final MemberName ECHO = MemberName.of("Echo"), ECHO_DICT = MemberName.of("EchoDict"),
            ECHO_BYTES = MemberName.of("EchoBytes"), EMIT = MemberName.of("Emit"), TICK = MemberName.of("Tick");
    static final Signature S = Signature.of("s"), ASV = Signature.of("a{sv}"), AY = Signature.of("ay"),
            U = Signature.of("u");
    static final DBusType ASV_TYPE = ASV.type();

    private final Connection connection;
    private final BusName destination; // null peer-to-peer
    // made on first use: the start-up probe must not pay for the other workloads' payloads
    private Map<String, Variant> dict;
    private byte[] bytes;
    private final Semaphore ticks = new Semaphore(0);
    private Subscription tickSubscription;
    // made on first use, like the payloads: the start-up probe (one echo()) must not pay for it
    private EchoProxy proxy;

    private BusgenClient(Connection connection, BusName destination) {
        this.connection = connection;
        this.destination = destination;
    }

    /** A client of the server {@code destination} on the bus at {@code address}. */
    static BusgenClient onBus(String address, String destination) throws IOException {
        return new BusgenClient(Connection.open(address), BusName.of(destination));
    }

    /** A peer-to-peer client of the busgen server listening at {@code socket}. */
    static BusgenClient peer(Path socket) throws IOException {
        return new BusgenClient(Connection.openPeer("unix:path=" + socket), null);
    }

    private MessageBuilder call(MemberName member) {
        MessageBuilder b = Message.methodCall(PATH, member).interfaceName(INTERFACE);
        return destination != null ? b.destination(destination) : b;
    }

    /** The Echo call, built and encoded afresh each time as a real caller would. */
    Message echoCall() {
        MessageBuilder b = call(ECHO);
        b.beginBody(S).writeString(Bench.ECHO_TEXT);
        return b.build();
    }

    static void checkEcho(Message reply) throws DBusProtocolException {
        if (!Bench.ECHO_TEXT.equals(reply.bodyReader().readString())) {
            throw new IllegalStateException("Echo returned something else");
        }
    }

    @Override
    public void echo() throws Exception {
        checkEcho(connection.call(echoCall()));
    }

    /**
     * The echo row's call through the proxy that busgen generates from
     * src/main/dbus/io.github.busgen.bench.Echo.xml, to the same server, object and interface.
     */
    @Override
    public void proxyEcho() {
        if (proxy == null) {
            // peer-to-peer the proxy, like the hand-written call, names no destination
            proxy = destination != null ? EchoProxy.of(connection, destination, PATH) : EchoProxy.of(connection, PATH);
        }
        if (!Bench.ECHO_TEXT.equals(proxy.echo(Bench.ECHO_TEXT))) {
            throw new IllegalStateException("Echo through the generated proxy returned something else");
        }
    }

    @Override
    public void dict() throws Exception {
        MessageBuilder b = call(ECHO_DICT);
        if (dict == null) {
            dict = Bench.dict(Bench.DICT_ENTRIES, Variant::of);
        }
        b.beginBody(ASV).writeValue(ASV_TYPE, dict);
        Map<?, ?> back = (Map<?, ?>) connection.call(b.build()).bodyReader().readValue(ASV_TYPE);
        if (back.size() != Bench.DICT_ENTRIES) {
            throw new IllegalStateException("EchoDict returned " + back.size() + " entries");
        }
    }

    @Override
    public void bytes() throws Exception {
        MessageBuilder b = call(ECHO_BYTES);
        if (bytes == null) {
            bytes = Bench.bytes();
        }
        b.beginBody(AY).writeByteArray(bytes);
        byte[] back = connection.call(b.build()).bodyReader().readByteArray();
        if (back.length != Bench.BYTES_LENGTH) {
            throw new IllegalStateException("EchoBytes returned " + back.length + " bytes");
        }
    }

    @Override
    public void echoAsync(Runnable done, Consumer<Throwable> failed) {
        connection.callAsync(echoCall()).whenComplete((reply, error) -> {
            try {
                if (error != null) {
                    throw error;
                }
                checkEcho(reply);
                done.run();
            } catch (Throwable t) {
                failed.accept(t);
            }
        });
    }

    @Override
    public void signals(int n) throws Exception {
        if (tickSubscription == null) {
            MatchRule.Builder rule = MatchRule.builder().type(MessageType.SIGNAL).path(PATH).interfaceName(INTERFACE)
                    .member(TICK);
            if (destination != null) {
                rule.sender(destination);
            }
            tickSubscription = connection.subscribe(rule.build(), m -> ticks.release());
        }
        MessageBuilder b = call(EMIT);
        b.beginBody(U).writeUInt32(n);
        connection.call(b.build());
        ticks.acquire(n);
    }

    @Override
    public void close() {
        connection.close();
    }
}

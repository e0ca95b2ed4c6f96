package io.github.busgen.bench;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageBuilder;
import io.github.busgen.message.MessageDecoder;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Variant;
import org.freedesktop.dbus.messages.MessageFactory;
import org.freedesktop.dbus.messages.MethodCall;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Arrays;
import java.util.Map;

/**
 * Marshalling alone, no I/O: build and encode a method call whose body is an a{sv} of 10 entries
 * (or a 64 KiB ay), and decode such a call from its bytes into values, for busgen and dbus-java
 * in the same run. Decoding means: validate the header, then read the body into the values a user
 * gets (a Map of variants; a byte[]).
 */
@State(Scope.Thread)
public class MarshalBench {
    private static final String DEST = "io.github.busgen.bench.busgen";
    private static final ObjectPath PATH = ObjectPath.of(Bench.PATH);
    private static final InterfaceName INTERFACE = InterfaceName.of(Bench.INTERFACE);
    private static final MemberName ECHO_DICT = MemberName.of("EchoDict"), ECHO_BYTES = MemberName.of("EchoBytes");
    private static final BusName DESTINATION = BusName.of(DEST);
    private static final Signature ASV = Signature.of("a{sv}"), AY = Signature.of("ay");
    private static final DBusType ASV_TYPE = ASV.type();

    private final Map<String, Variant> busgenDict = Bench.dict(Bench.SMALL_DICT_ENTRIES, Variant::of);
    private final Map<String, org.freedesktop.dbus.types.Variant<?>> dbusJavaDict =
            Bench.dict(Bench.SMALL_DICT_ENTRIES, (sig, v) -> new org.freedesktop.dbus.types.Variant<>(v, sig));
    private final byte[] bytes = Bench.bytes();
    private final MessageFactory factory = new MessageFactory((byte) 'l');

    private byte[] busgenDictCall, busgenBytesCall;
    private DbusJavaWire dbusJavaDictCall, dbusJavaBytesCall;

    /** A dbus-java message as its reader hands it over: fixed header, header fields, body. */
    private static final class DbusJavaWire {
        final byte type;
        final byte[] fixed, header, body;

        /** Cuts an encoded message the way dbus-java's stream reader does. */
        DbusJavaWire(byte[] m) {
            type = m[1];
            fixed = Arrays.copyOfRange(m, 0, 12);
            int fields = (m[12] & 0xFF) | (m[13] & 0xFF) << 8 | (m[14] & 0xFF) << 16 | (m[15] & 0xFF) << 24;
            int aligned = (fields + 7) & ~7;
            header = new byte[aligned + 8];
            System.arraycopy(m, 12, header, 0, 4);
            System.arraycopy(m, 16, header, 8, aligned);
            body = Arrays.copyOfRange(m, 16 + aligned, m.length);
        }
    }

    @Setup
    public void setup() throws Exception {
        busgenDictCall = busgenEncodeDict().toByteArray();
        busgenBytesCall = busgenEncodeBytes().toByteArray();
        dbusJavaDictCall = new DbusJavaWire(join(dbusJavaEncodeDict().getWireData()));
        dbusJavaBytesCall = new DbusJavaWire(join(dbusJavaEncodeBytes().getWireData()));
        // both libraries must read back what was written
        if (busgenDecodeDict().size() != Bench.SMALL_DICT_ENTRIES || dbusJavaDecodeDict().length != 1
                || busgenDecodeBytes().length != Bench.BYTES_LENGTH || dbusJavaDecodeBytes().length != 1) {
            throw new IllegalStateException("marshalling round trip failed");
        }
    }

    private static byte[] join(byte[][] parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p == null ? 0 : p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            if (p != null) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
        }
        return all;
    }

    private static MessageBuilder busgenCall(MemberName member) {
        return Message.methodCall(PATH, member).interfaceName(INTERFACE).destination(DESTINATION).serial(1);
    }

    @Benchmark
    public Message busgenEncodeDict() {
        MessageBuilder b = busgenCall(ECHO_DICT);
        b.beginBody(ASV).writeValue(ASV_TYPE, busgenDict);
        return b.build();
    }

    @Benchmark
    public Map<?, ?> busgenDecodeDict() throws Exception {
        Message m = MessageDecoder.decode(busgenDictCall);
        return (Map<?, ?>) m.bodyReader().readValue(ASV_TYPE);
    }

    @Benchmark
    public Message busgenEncodeBytes() {
        MessageBuilder b = busgenCall(ECHO_BYTES);
        b.beginBody(AY).writeByteArray(bytes);
        return b.build();
    }

    @Benchmark
    public byte[] busgenDecodeBytes() throws Exception {
        return MessageDecoder.decode(busgenBytesCall).bodyReader().readByteArray();
    }

    @Benchmark
    public MethodCall dbusJavaEncodeDict() throws Exception {
        return factory.createMethodCall(null, DEST, Bench.PATH, Bench.INTERFACE, "EchoDict", (byte) 0, "a{sv}",
                dbusJavaDict);
    }

    @Benchmark
    public Object[] dbusJavaDecodeDict() throws Exception {
        DbusJavaWire w = dbusJavaDictCall;
        return MessageFactory.createMessage(w.type, w.fixed, w.header, w.body, null).getParameters();
    }

    @Benchmark
    public MethodCall dbusJavaEncodeBytes() throws Exception {
        return factory.createMethodCall(null, DEST, Bench.PATH, Bench.INTERFACE, "EchoBytes", (byte) 0, "ay", bytes);
    }

    @Benchmark
    public Object[] dbusJavaDecodeBytes() throws Exception {
        DbusJavaWire w = dbusJavaBytesCall;
        return MessageFactory.createMessage(w.type, w.fixed, w.header, w.body, null).getParameters();
    }
}

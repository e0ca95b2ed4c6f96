package io.github.busgen.message;

import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import io.github.busgen.testing.ValueText;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Struct;
import io.github.busgen.wire.Values;
import io.github.busgen.wire.Variant;
import io.github.busgen.wire.WireWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Messages that busgen encodes are accepted by libdbus: a private dbus-daemon (which validates every
 * message it routes with libdbus and drops a connection that sends an invalid one) delivers
 * signals built by {@link MessageBuilder}, in both byte orders and with every type, to a
 * python-dbus subscriber (libdbus again, on the receiving side), which prints what it got. The
 * values it prints must be the values sent, and a final GetId round trip shows the daemon kept our
 * connection.
 *
 * <p>Our side of the connection is written inline, as little as the bus needs: SASL EXTERNAL with
 * the uid, Hello, then messages, read back with {@link MessageFramer}.
 */
@Timeout(120) // a guard against a hung peer, not a timing assertion
class LibdbusAcceptsOurMessagesTest {
    private static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/Test");
    private static final InterfaceName INTERFACE = InterfaceName.of("io.github.busgen.Test");
    private static final BusName BUS = BusName.of("org.freedesktop.DBus");
    private static final ObjectPath BUS_PATH = ObjectPath.of("/org/freedesktop/DBus");

    /** One signal to send: its member, body signature and values. */
    private static final class Case {
        final String member;
        final Signature signature;
        final List<Object> values;

        Case(String member, String signature, Object... values) {
            this.member = member;
            this.signature = Signature.of(signature);
            this.values = List.of(values);
        }
    }

    private static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static List<Case> cases() {
        String text = "héllo wörld ✓ 😀";
        return List.of(
                new Case("Basics", "ybnqiuxtdsog",
                        (byte) 0xFF, true, Short.MIN_VALUE, 0xFFFF, Integer.MIN_VALUE, 0xFFFFFFFFL, Long.MIN_VALUE,
                        -1L /* UINT64 max */, -0.0, text, ObjectPath.of("/io/github/busgen/a_b/C9"),
                        Signature.of("a{sv}(ii)v")),
                new Case("OtherEnds", "ybnqiuxtdsog",
                        (byte) 0, false, Short.MAX_VALUE, 0, Integer.MAX_VALUE, 0L, Long.MAX_VALUE, 0L, 1e308, "",
                        ObjectPath.ROOT, Signature.EMPTY),
                new Case("Doubles", "ad",
                        (Object) new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                                Double.MIN_VALUE, -Double.MAX_VALUE, -0.0, 1.5}),
                new Case("Arrays", "ayabanaqaiauaxatasaoag",
                        new byte[] {0, 1, (byte) 0xFF}, new boolean[] {true, false},
                        new short[] {Short.MIN_VALUE, -1, Short.MAX_VALUE}, new int[] {0, 0xFFFF},
                        new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, new long[] {0L, 0xFFFFFFFFL},
                        new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, new long[] {-1L, 0L},
                        List.of("a", "", text), List.of(ObjectPath.ROOT, ObjectPath.of("/a/b")),
                        List.of(Signature.of("a{sv}"), Signature.EMPTY)),
                new Case("Nested", "a(sa{sv})a{sa{sv}}aa(ii)(y(dn))aav",
                        List.of(Struct.of("first", map("n", Variant.ofInt32(1), "s", Variant.ofString("é"))),
                                Struct.of("second", map())),
                        map("outer", map("x", Variant.ofUInt64(-1L)), "none", map()),
                        List.of(List.of(Struct.of(1, 2), Struct.of(-3, 4)), List.of()),
                        Struct.of((byte) 7, Struct.of(1e308, Short.MIN_VALUE)),
                        List.of(List.of(Variant.ofByte((byte) 1)), List.of())),
                // each empty array of 8-aligned elements keeps the padding after its length; the
                // last one, after "yi", ends the body with four bytes of padding
                new Case("EmptyArrays", "ata(ii)a{sv}adaxa{sa{sv}}yiat",
                        new long[0], List.of(), map(), new double[0], new long[0], map(), (byte) 42, 7,
                        new long[0]),
                new Case("Variants", "vvvvvv",
                        Variant.ofVariant(Variant.ofVariant(Variant.ofInt32(7))),
                        Variant.ofVariant(Variant.of("(yv)", Struct.of((byte) 1, Variant.ofObjectPath(ObjectPath.ROOT)))),
                        Variant.of("a{sv}", map("k", Variant.ofDouble(1e308), "v", Variant.ofVariant(Variant.ofString(text)))),
                        Variant.of("a(ii)", List.of()),
                        Variant.of("aay", List.of(new byte[] {97, 98}, new byte[0])),
                        Variant.ofInt64(Long.MIN_VALUE)),
                new Case("Dicts", "a{yv}a{nq}a{xs}a{ds}a{os}a{gs}a{tb}a{ib}",
                        map((byte) 0xFF, Variant.ofBoolean(true)), map((short) -1, 0xFFFF),
                        map(Long.MIN_VALUE, "min", Long.MAX_VALUE, "max"), map(-0.0, "minus zero"),
                        map(ObjectPath.ROOT, "root"), map(Signature.of("a{sv}"), "vardict"),
                        map(-1L, true), map(Integer.MIN_VALUE, false)),
                new Case("Text", "sssss",
                        text, "日本語テキスト", "\u00ff\u0100\u07ff\u0800", "\uFFFD \u200B \u0301 \uD83D\uDE00 \uDBFF\uDFFF",
                        "tab\there, newline\nthere, quote ' and backslash \\"),
                new Case("NoBody", ""),
                // the deepest values D-Bus allows: 64 containers, variants included
                new Case("DeepVariants", "v", nestedVariants(64, Variant.ofInt32(7))),
                new Case("DeepSignature", "a".repeat(32) + "(".repeat(32) + "i" + ")".repeat(32),
                        nest(32, List::of, nest(32, Struct::of, 7))),
                new Case("DeepDict", "v", nestedVariants(62, Variant.of("a{si}", map("k", 1)))));
    }

    /** {@code count} variants, the innermost holding {@code inner}'s value: inner counts as one. */
    private static Variant nestedVariants(int count, Variant inner) {
        Variant v = inner;
        for (int i = 1; i < count; i++) {
            v = Variant.ofVariant(v);
        }
        return v;
    }

    private static Object nest(int count, java.util.function.Function<Object, Object> wrap, Object inner) {
        Object o = inner;
        for (int i = 0; i < count; i++) {
            o = wrap.apply(o);
        }
        return o;
    }

    @Test
    void aPrivateDaemonAndPythonDbusAcceptEveryMessageWeBuild() throws Exception {
        String pythonDbus = Programs.python();
        List<Case> cases = cases();
        try (PrivateBus daemon = PrivateBus.start()) {
            Path script = Programs.resource("/interop/signal_subscriber.py");
            Path pythonErrors = daemon.directory().resolve("subscriber.err");
            Process python = new ProcessBuilder(pythonDbus, script.toString(), daemon.address(), INTERFACE.value())
                    .redirectError(pythonErrors.toFile())
                    .start();
            try (RawBusConnection bus = RawBusConnection.open(daemon)) {
                BufferedReader fromPython = new BufferedReader(
                        new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
                String ready = fromPython.readLine();
                assertNotNull(ready, () -> "the python-dbus subscriber did not start: " + read(pythonErrors));
                assertTrue(ready.startsWith("ready :"), ready);
                BusName subscriber = BusName.of(ready.substring("ready ".length()));

                List<String> sentMembers = new ArrayList<>();
                for (Case c : cases) {
                    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
                        String member = c.member + (order == ByteOrder.BIG_ENDIAN ? "Big" : "Little");
                        MessageBuilder b = Message.signal(PATH, INTERFACE, MemberName.of(member))
                                .byteOrder(order).serial(bus.nextSerial());
                        bus.send(c.signature.isEmpty() ? b.build() : b.body(c.signature, c.values));
                        sentMembers.add(member);
                    }
                }
                // one unicast signal, addressed to the subscriber, big-endian
                bus.send(Message.signal(PATH, INTERFACE, MemberName.of("Unicast"))
                        .byteOrder(ByteOrder.BIG_ENDIAN).destination(subscriber).serial(bus.nextSerial())
                        .body(Signature.of("s"), "to " + subscriber));
                bus.send(Message.signal(PATH, INTERFACE, MemberName.of("Done")).serial(bus.nextSerial()).build());

                // The daemon handles one connection's messages in order: had it rejected any of the
                // above, it would have closed the connection before answering this.
                Message reply = bus.getId();
                assertNotNull(reply, "the daemon closed our connection: it rejected one of our messages");
                String id = (String) reply.body().get(0);
                assertTrue(id.matches("[0-9a-f]{32}"), "bus id " + id);

                List<Received> received = readSignals(fromPython, pythonErrors);
                List<String> receivedMembers = new ArrayList<>();
                for (Received r : received) {
                    receivedMembers.add(r.member);
                }
                List<String> expectedMembers = new ArrayList<>(sentMembers);
                expectedMembers.add("Unicast");
                assertEquals(expectedMembers, receivedMembers, "signals python-dbus received");

                for (int i = 0; i < sentMembers.size(); i++) {
                    Case c = cases.get(i / 2);
                    Received r = received.get(i);
                    assertEquals(c.signature.isEmpty() ? "-" : c.signature.value(), r.signature, r.member + " signature");
                    List<Object> got = ValueText.parseAll(c.signature, r.args);
                    assertTrue(Values.deepEquals(c.values, got), () -> r.member + " as python-dbus received it\n  sent     "
                            + Values.toString(c.values) + "\n  received " + Values.toString(got));
                }
                Received unicast = received.get(received.size() - 1);
                assertEquals(List.of("'to " + subscriber + "'"), unicast.args);
            } finally {
                python.destroy();
                python.waitFor();
            }
        }
    }

    /**
     * A value nested 65 deep is one level beyond what the specification allows. libdbus rejects it,
     * so the daemon drops the connection that sends it; MessageBuilder therefore refuses to encode
     * it. (Written through the typed WireWriter API, which cannot see nesting that generic values
     * do not show, the same bytes reach the daemon and show its verdict.)
     */
    @Test
    void aValueNested65DeepIsRefusedByMessageBuilderAsLibdbusRefusesIt() throws Exception {
        MessageBuilder builder = Message.signal(PATH, INTERFACE, MemberName.of("TooDeep"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder.body(Signature.of("v"), nestedVariants(65, Variant.ofInt32(7))));
        assertTrue(e.getMessage().contains("more than 64 deep"), e.getMessage());

        try (PrivateBus daemon = PrivateBus.start(); RawBusConnection bus = RawBusConnection.open(daemon)) {
            MessageBuilder b = Message.signal(PATH, INTERFACE, MemberName.of("TooDeep")).serial(bus.nextSerial());
            WireWriter w = b.beginBody(Signature.of("v"));
            for (int i = 0; i < 64; i++) {
                w.writeSignature(Signature.of("v")); // 64 variants, each holding a variant ...
            }
            w.writeSignature(Signature.of("i")); // ... and the 65th holding 7
            w.writeInt32(7);
            bus.send(b.build());
            assertNull(bus.getId(), "the daemon answered after a message nested 65 deep");
        }
    }

    /** A signal as the subscriber printed it. */
    private static final class Received {
        final String member;
        final String signature;
        final List<String> args = new ArrayList<>();

        Received(String member, String signature) {
            this.member = member;
            this.signature = signature;
        }
    }

    /** Reads the subscriber's report until it says "done". */
    private static List<Received> readSignals(BufferedReader in, Path errors) throws IOException {
        List<Received> out = new ArrayList<>();
        Received current = null;
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("done")) {
                return out;
            }
            if (line.equals("disconnected")) {
                break;
            }
            if (line.startsWith("signal ")) {
                String[] w = line.split(" ");
                current = new Received(w[1], w[2]);
                out.add(current);
            } else if (line.startsWith("arg ")) {
                current.args.add(line.substring(4));
            } else if (!line.equals("end")) {
                fail("unexpected line from the subscriber: " + line);
            }
        }
        return fail("the python-dbus subscriber stopped before the Done signal: the bus or libdbus dropped it."
                + " Its errors: " + read(errors));
    }

    /**
     * Our side of a bus connection, as little as the tests need: a unix socket, SASL EXTERNAL,
     * Hello, then messages written whole and read with {@link MessageFramer}.
     */
    private static final class RawBusConnection implements AutoCloseable {
        private final SocketChannel channel;
        private final MessageFramer framer;
        private int serial;

        private RawBusConnection(SocketChannel channel) {
            this.channel = channel;
            this.framer = new MessageFramer(channel);
        }

        /** Connects, authenticates and says Hello. */
        static RawBusConnection open(PrivateBus daemon) throws Exception {
            RawBusConnection c = new RawBusConnection(SocketChannel.open(UnixDomainSocketAddress.of(daemon.socketPath())));
            c.authenticate();
            Message hello = c.call(busMethod("Hello").serial(c.nextSerial()).build());
            assertNotNull(hello, "the daemon closed the connection instead of answering Hello");
            assertTrue(((String) hello.body().get(0)).startsWith(":"), "unique name " + hello.body());
            return c;
        }

        int nextSerial() {
            return ++serial;
        }

        /**
         * SASL EXTERNAL as the specification's "Authentication protocol" describes it: a NUL byte,
         * AUTH EXTERNAL with the uid's decimal digits in hex, the server's OK, then BEGIN.
         */
        private void authenticate() throws IOException {
            StringBuilder hex = new StringBuilder();
            for (byte b : uid().getBytes(StandardCharsets.US_ASCII)) {
                hex.append(String.format("%02x", b));
            }
            write("\0AUTH EXTERNAL " + hex + "\r\n");
            String reply = readLine();
            assertTrue(reply.startsWith("OK "), "the daemon answered AUTH EXTERNAL with: " + reply);
            write("BEGIN\r\n");
        }

        private void write(String s) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        /** Reads one CRLF-terminated line byte by byte, so that nothing after it is consumed. */
        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (!(line.length() >= 2 && line.charAt(line.length() - 2) == '\r'
                    && line.charAt(line.length() - 1) == '\n')) {
                one.clear();
                if (channel.read(one) < 0) {
                    throw new IOException("the daemon closed the connection during authentication after: " + line);
                }
                line.append((char) (one.get(0) & 0xFF));
            }
            return line.substring(0, line.length() - 2);
        }

        /** Writes the message; false if the daemon has closed the connection. */
        boolean send(Message m) {
            ByteBuffer b = ByteBuffer.wrap(m.encodedBuffer(), 0, m.length());
            try {
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                return true;
            } catch (IOException e) {
                return false; // a broken pipe: the daemon dropped us
            }
        }

        /**
         * Sends {@code call} and reads until its reply, skipping the daemon's signals; null when the
         * daemon closes the connection first. An error reply fails.
         */
        Message call(Message call) throws Exception {
            if (!send(call)) {
                return null;
            }
            while (true) {
                Message m;
                try {
                    m = framer.read();
                } catch (IOException e) {
                    return null; // a reset: the daemon closed the connection with bytes of ours unread
                }
                if (m == null) {
                    return null;
                }
                if (m.replySerial() == call.serial()) {
                    assertEquals(MessageType.METHOD_RETURN, m.type(), () -> call.member() + " failed: "
                            + m.errorName() + ": " + m.errorMessage());
                    return m;
                }
            }
        }

        /** The bus's GetId, big-endian; null if the daemon has closed the connection. */
        Message getId() throws Exception {
            return call(busMethod("GetId").byteOrder(ByteOrder.BIG_ENDIAN).serial(nextSerial()).build());
        }

        private static MessageBuilder busMethod(String member) {
            return Message.methodCall(BUS_PATH, MemberName.of(member))
                    .interfaceName(InterfaceName.of("org.freedesktop.DBus")).destination(BUS);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** The real uid, from /proc/self/status ("Uid:\treal\teffective\t..."). */
    private static String uid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return line.substring(4).trim().split("\\s+")[0];
            }
        }
        throw new IOException("no Uid line in /proc/self/status");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}

package io.github.busgen.message;

import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.DaemonProcess;
import io.github.busgen.testing.ValueText;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Struct;
import io.github.busgen.wire.Values;
import io.github.busgen.wire.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
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
    private static final String PYTHON = "/usr/bin/python3";
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
                new Case("NoBody", ""));
    }

    @Test
    void aPrivateDaemonAndPythonDbusAcceptEveryMessageWeBuild() throws Exception {
        requirePythonDbus();
        List<Case> cases = cases();
        try (DaemonProcess daemon = DaemonProcess.start()) {
            Path script = resource("/interop/signal_subscriber.py");
            Path pythonErrors = daemon.directory().resolve("subscriber.err");
            Process python = new ProcessBuilder(PYTHON, script.toString(), daemon.address(), INTERFACE.value())
                    .redirectError(pythonErrors.toFile())
                    .start();
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(daemon.socketPath()))) {
                BufferedReader fromPython = new BufferedReader(
                        new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
                String ready = fromPython.readLine();
                assertNotNull(ready, () -> "the python-dbus subscriber did not start: " + read(pythonErrors));
                assertTrue(ready.startsWith("ready :"), ready);
                BusName subscriber = BusName.of(ready.substring("ready ".length()));

                authenticate(channel);
                MessageFramer framer = new MessageFramer(channel);
                int serial = 0;

                Message hello = Message.methodCall(BUS_PATH, MemberName.of("Hello"))
                        .interfaceName(InterfaceName.of("org.freedesktop.DBus")).destination(BUS)
                        .serial(++serial).build();
                send(channel, hello);
                String uniqueName = (String) awaitReply(framer, hello).body().get(0);
                assertTrue(uniqueName.startsWith(":"), uniqueName);

                List<String> sentMembers = new ArrayList<>();
                for (Case c : cases) {
                    for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
                        String member = c.member + (order == ByteOrder.BIG_ENDIAN ? "Big" : "Little");
                        MessageBuilder b = Message.signal(PATH, INTERFACE, MemberName.of(member))
                                .byteOrder(order).serial(++serial);
                        send(channel, c.signature.isEmpty() ? b.build() : b.body(c.signature, c.values));
                        sentMembers.add(member);
                    }
                }
                // one unicast signal, addressed to the subscriber, big-endian
                send(channel, Message.signal(PATH, INTERFACE, MemberName.of("Unicast"))
                        .byteOrder(ByteOrder.BIG_ENDIAN).destination(subscriber).serial(++serial)
                        .body(Signature.of("s"), "to " + subscriber));
                send(channel, Message.signal(PATH, INTERFACE, MemberName.of("Done")).serial(++serial).build());

                // The daemon handles one connection's messages in order: had it rejected any of the
                // above, it would have closed the connection before answering this.
                Message getId = Message.methodCall(BUS_PATH, MemberName.of("GetId"))
                        .interfaceName(InterfaceName.of("org.freedesktop.DBus")).destination(BUS)
                        .byteOrder(ByteOrder.BIG_ENDIAN).serial(++serial).build();
                send(channel, getId);
                String id = (String) awaitReply(framer, getId).body().get(0);
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
     * SASL EXTERNAL as the specification's "Authentication protocol" describes it: a NUL byte,
     * AUTH EXTERNAL with the uid's decimal digits in hex, the server's OK, then BEGIN.
     */
    private static void authenticate(SocketChannel channel) throws IOException {
        StringBuilder hex = new StringBuilder();
        for (byte b : uid().getBytes(StandardCharsets.US_ASCII)) {
            hex.append(String.format("%02x", b));
        }
        write(channel, "\0AUTH EXTERNAL " + hex + "\r\n");
        String reply = readLine(channel);
        assertTrue(reply.startsWith("OK "), "the daemon answered AUTH EXTERNAL with: " + reply);
        write(channel, "BEGIN\r\n");
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

    private static void write(SocketChannel channel, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Reads one CRLF-terminated line byte by byte, so that nothing after it is consumed. */
    private static String readLine(SocketChannel channel) throws IOException {
        StringBuilder line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!(line.length() >= 2 && line.charAt(line.length() - 2) == '\r' && line.charAt(line.length() - 1) == '\n')) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("the daemon closed the connection during authentication after: " + line);
            }
            line.append((char) (one.get(0) & 0xFF));
        }
        return line.substring(0, line.length() - 2);
    }

    private static void send(SocketChannel channel, Message m) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(m.encodedBuffer(), 0, m.length());
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Reads until the reply to {@code call}, skipping the daemon's signals; an error reply fails. */
    private static Message awaitReply(MessageFramer framer, Message call) throws Exception {
        while (true) {
            Message m = readOrNull(framer);
            if (m == null) {
                return fail("the daemon closed our connection before answering " + call.member()
                        + ": it rejected one of our messages");
            }
            if (m.replySerial() == call.serial()) {
                assertEquals(MessageType.METHOD_RETURN, m.type(), () -> call.member() + " failed: " + m.errorName()
                        + ": " + m.errorMessage());
                return m;
            }
        }
    }

    /** The next message, or null when the daemon closed the connection (cleanly or by a reset). */
    private static Message readOrNull(MessageFramer framer) throws Exception {
        try {
            return framer.read();
        } catch (IOException e) {
            return null; // a reset: the daemon closed the connection with bytes of ours unread
        }
    }

    private static void requirePythonDbus() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            fail(PYTHON + " is missing; this test needs python-dbus: " + DaemonProcess.INSTALL_HINT);
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import dbus, dbus.mainloop.glib, gi").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail(PYTHON + " cannot import dbus and gi (" + out.trim() + "); " + DaemonProcess.INSTALL_HINT);
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(LibdbusAcceptsOurMessagesTest.class.getResource(name).toURI());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }
}

package io.github.busgen.message;

import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.ChunkedChannel;
import io.github.busgen.testing.Programs;
import io.github.busgen.testing.ValueText;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Values;
import io.github.busgen.wire.WireReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Messages written by programs nobody here wrote (GDBus, sd-bus, libdbus, python-dbus and
 * dbus-daemon itself), captured on a private bus: see {@code src/test/resources/captured/README.md}.
 * Each must decode to what its {@code .expected} file says the producer was asked to send, must
 * come out of {@link MessageFramer} unchanged however the stream is cut, and must be what
 * {@link MessageBuilder} writes for the same content.
 */
class CapturedMessagesTest {

    /** One captured message and its expectation. */
    private static final class Capture {
        final String name;
        final byte[] bytes;
        final Map<String, String> fields = new LinkedHashMap<>();
        final List<String> args = new ArrayList<>();

        Capture(String name, byte[] bytes, List<String> expectedLines) {
            this.name = name;
            this.bytes = bytes;
            for (String line : expectedLines) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.split("\\s+", 2);
                String value = kv.length > 1 ? kv[1].strip() : "";
                if (kv[0].equals("arg")) {
                    args.add(value);
                } else if (fields.put(kv[0], value) != null) {
                    throw new IllegalArgumentException(name + ".expected: '" + kv[0] + "' appears twice");
                }
            }
        }

        /** The value of a key every .expected file must have; null for "-". */
        String get(String key) {
            String v = fields.get(key);
            if (v == null) {
                throw new IllegalArgumentException(name + ".expected lacks '" + key + "'");
            }
            return v.equals("-") ? null : v;
        }

        int getInt(String key) {
            String v = get(key);
            return v == null ? 0 : (int) Long.parseLong(v);
        }

        Signature signature() {
            String s = get("signature");
            return s == null ? Signature.EMPTY : Signature.of(s);
        }

        List<Object> body() {
            return ValueText.parseAll(signature(), args);
        }

        ByteOrder order() {
            return get("byte_order").equals("B") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }

        List<HeaderField> fieldOrder() {
            return Arrays.stream(get("field_order").split("\\s+"))
                    .map(f -> HeaderField.valueOf(f.toUpperCase()))
                    .collect(Collectors.toList());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Path DIR = Programs.resource("/captured/README.md").getParent();

    private static List<Capture> captures() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Capture> out = new ArrayList<>();
            for (Path bin : files.filter(p -> p.toString().endsWith(".bin")).sorted().collect(Collectors.toList())) {
                String name = bin.getFileName().toString().replaceFirst("\\.bin$", "");
                Path expected = DIR.resolve(name + ".expected");
                assertTrue(Files.exists(expected), "missing " + expected);
                out.add(new Capture(name, Files.readAllBytes(bin), Files.readAllLines(expected, StandardCharsets.UTF_8)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<DynamicTest> forEach(String what, ThrowingCheck check) {
        return captures().stream().map(c -> DynamicTest.dynamicTest(what + " " + c.name, () -> check.run(c)));
    }

    @FunctionalInterface
    private interface ThrowingCheck {
        void run(Capture c) throws Exception;
    }

    @Test
    void theCapturesCoverWhatTheReadmePromises() {
        List<Capture> all = captures();
        assertTrue(all.size() >= 30, "only " + all.size() + " captures");
        Set<Character> codes = new HashSet<>();
        Set<String> types = new HashSet<>();
        Set<String> producers = new HashSet<>();
        int flagBits = 0;
        boolean bigEndian = false;
        boolean callWithoutInterface = false;
        for (Capture c : all) {
            assertTrue(c.bytes.length <= 512, c.name + " is " + c.bytes.length + " bytes: keep captures small");
            for (char ch : c.get("signature") == null ? new char[0] : c.get("signature").toCharArray()) {
                codes.add(ch);
            }
            types.add(c.get("type"));
            producers.add(c.name.startsWith("dbus-send-") ? "dbus-send" : c.name.substring(0, c.name.indexOf('-')));
            flagBits |= Integer.decode(c.get("flags"));
            bigEndian |= c.order() == ByteOrder.BIG_ENDIAN;
            callWithoutInterface |= c.get("type").equals("METHOD_CALL") && c.get("interface") == null;
        }
        for (char ch : "ybnqiuxtdsoghva(){}".toCharArray()) {
            assertTrue(codes.contains(ch), "no capture has type code '" + ch + "'");
        }
        assertEquals(Set.of("METHOD_CALL", "METHOD_RETURN", "ERROR", "SIGNAL"), types);
        assertEquals(Set.of("gdbus", "gio", "busctl", "dbus-send", "python", "daemon"), producers);
        assertEquals(Flags.NO_REPLY_EXPECTED | Flags.NO_AUTO_START | Flags.ALLOW_INTERACTIVE_AUTHORIZATION, flagBits);
        assertTrue(bigEndian, "no big-endian capture");
        assertTrue(callWithoutInterface, "no call without an interface");
    }

    @TestFactory
    Stream<DynamicTest> eachCaptureDecodesToItsExpectation() {
        return forEach("decode", c -> {
            Message m = MessageDecoder.decode(c.bytes);
            assertHeader(c, m);
            List<Object> expected = c.body();
            List<Object> actual = m.body();
            assertTrue(Values.deepEquals(expected, actual), () -> c.name + " body\n  expected "
                    + Values.toString(expected) + "\n  decoded  " + Values.toString(actual));
        });
    }

    private static void assertHeader(Capture c, Message m) {
        String n = c.name + ": ";
        assertEquals(c.order(), m.byteOrder(), n + "byte order");
        assertEquals(MessageType.valueOf(c.get("type")), m.type(), n + "type");
        assertEquals(Integer.decode(c.get("flags")), m.flags(), n + "flags");
        assertEquals(Integer.toUnsignedString(c.getInt("serial")), Integer.toUnsignedString(m.serial()), n + "serial");
        assertEquals(c.getInt("reply_serial"), m.replySerial(), n + "reply serial");
        assertEquals(c.get("path"), str(m.path()), n + "path");
        assertEquals(c.get("interface"), str(m.interfaceName()), n + "interface");
        assertEquals(c.get("member"), str(m.member()), n + "member");
        assertEquals(c.get("error_name"), str(m.errorName()), n + "error name");
        assertEquals(c.get("destination"), str(m.destination()), n + "destination");
        assertEquals(c.get("sender"), str(m.sender()), n + "sender");
        assertEquals(c.signature(), m.signature(), n + "signature");
        assertEquals(c.getInt("unix_fds"), m.unixFds(), n + "unix fds");
        assertEquals(c.bytes.length, m.length(), n + "length");
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    @Test
    void theFramerYieldsEveryCaptureFromOneStream() throws Exception {
        List<Capture> all = captures();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Capture c : all) {
            stream.write(c.bytes);
        }
        byte[] bytes = stream.toByteArray();
        assertFramed(all, Channels.newChannel(new ByteArrayInputStream(bytes)));
        assertFramed(all, new ChunkedChannel(bytes, 1)); // one byte per read, the worst cut a socket makes
    }

    private static void assertFramed(List<Capture> all, ReadableByteChannel channel) throws Exception {
        MessageFramer framer = new MessageFramer(channel);
        for (Capture c : all) {
            Message m = framer.read();
            assertNotNull(m, "the stream ended before " + c.name);
            assertArrayEquals(c.bytes, m.toByteArray(), c.name);
            assertHeader(c, m);
            assertTrue(Values.deepEquals(MessageDecoder.decode(c.bytes).body(), m.body()), c.name + " body");
        }
        assertNull(framer.read(), "the stream holds only the captures");
    }

    /**
     * Encodes each message again from its expectation and compares bytes. MessageBuilder writes the
     * header fields in ascending code order; only some producers do (see the README's table), and
     * the daemon appends SENDER after whatever the producer wrote. So for every capture the fixed
     * header, each header field's bytes and the body must be identical, the captured field order
     * must be the one the .expected file records, and where that order is ascending the whole
     * message must be identical byte for byte.
     */
    @TestFactory
    Stream<DynamicTest> messageBuilderWritesTheSameBytes() {
        return forEach("re-encode", c -> {
            byte[] ours = build(c).toByteArray();
            String n = c.name + ": ";
            assertArrayEquals(Arrays.copyOf(c.bytes, 12), Arrays.copyOf(ours, 12),
                    n + "fixed header (byte order, type, flags, version, body length, serial)");

            Map<HeaderField, byte[]> theirFields = headerFields(c.bytes);
            Map<HeaderField, byte[]> ourFields = headerFields(ours);
            assertEquals(c.fieldOrder(), new ArrayList<>(theirFields.keySet()), n + "captured header field order");
            if (c.signature().isEmpty() && theirFields.containsKey(HeaderField.SIGNATURE)) {
                // GDBus writes a SIGNATURE field holding "" for an empty body; MessageBuilder leaves
                // it out, which the specification defines as the same empty signature.
                assertArrayEquals(new byte[] {8, 1, 'g', 0, 0, 0}, theirFields.remove(HeaderField.SIGNATURE),
                        n + "an empty SIGNATURE field");
            }
            assertEquals(theirFields.keySet(), ourFields.keySet(), n + "header fields present");
            for (HeaderField f : theirFields.keySet()) {
                assertArrayEquals(theirFields.get(f), ourFields.get(f), n + "bytes of header field " + f);
            }

            int theirBody = MessageDecoder.decode(c.bytes).bodyOffset();
            int ourBody = MessageDecoder.decode(ours).bodyOffset();
            assertArrayEquals(Arrays.copyOfRange(c.bytes, theirBody, c.bytes.length),
                    Arrays.copyOfRange(ours, ourBody, ours.length), n + "body bytes");

            if (isAscending(c.fieldOrder())) {
                assertArrayEquals(c.bytes, ours, n + "the whole message");
            }
        });
    }

    @Test
    void someCapturesHaveTheCanonicalFieldOrderSoTheirWholeBytesAreCompared() {
        List<String> canonical = captures().stream().filter(c -> isAscending(c.fieldOrder()))
                .map(c -> c.name).collect(Collectors.toList());
        assertEquals(List.of("daemon-name-owner-changed", "dbus-send-signal-no-body"), canonical);
    }

    private static boolean isAscending(List<HeaderField> order) {
        for (int i = 1; i < order.size(); i++) {
            if (order.get(i - 1).code() >= order.get(i).code()) {
                return false;
            }
        }
        return true;
    }

    /** Builds the message the expectation describes, with the captured serial. */
    private static Message build(Capture c) {
        MessageType type = MessageType.valueOf(c.get("type"));
        MessageBuilder b;
        switch (type) {
            case METHOD_CALL:
                b = Message.methodCall(ObjectPath.of(c.get("path")), MemberName.of(c.get("member")));
                break;
            case METHOD_RETURN:
                b = Message.methodReturn(c.getInt("reply_serial"));
                break;
            case ERROR:
                b = Message.error(ErrorName.of(c.get("error_name")), c.getInt("reply_serial"));
                break;
            case SIGNAL:
                b = Message.signal(ObjectPath.of(c.get("path")), InterfaceName.of(c.get("interface")),
                        MemberName.of(c.get("member")));
                break;
            default:
                throw new AssertionError(type);
        }
        b.byteOrder(c.order()).flags(Integer.decode(c.get("flags"))).serial(c.getInt("serial"));
        if (type == MessageType.METHOD_CALL && c.get("interface") != null) {
            b.interfaceName(InterfaceName.of(c.get("interface")));
        }
        if (c.get("destination") != null) {
            b.destination(BusName.of(c.get("destination")));
        }
        if (c.get("sender") != null) {
            b.sender(BusName.of(c.get("sender")));
        }
        b.unixFds(c.getInt("unix_fds"));
        return c.signature().isEmpty() ? b.build() : b.body(c.signature(), c.body());
    }

    /**
     * The bytes of each header field in wire order: from its code byte to the end of its value,
     * without the padding between fields.
     */
    private static Map<HeaderField, byte[]> headerFields(byte[] message) throws DBusProtocolException {
        ByteOrder order = message[0] == 'B' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        WireReader r = new WireReader(message, 0, message.length, order);
        r.seek(12);
        Map<HeaderField, byte[]> out = new LinkedHashMap<>();
        int outer = r.beginArray(8);
        while (r.hasNext()) {
            r.beginStruct();
            int start = r.position();
            HeaderField f = HeaderField.fromCode(r.readByte() & 0xFF);
            r.skipValue(VARIANT);
            assertNotNull(f, "unknown header field");
            assertFalse(out.containsKey(f), f + " twice");
            out.put(f, Arrays.copyOfRange(message, start, r.position()));
        }
        r.endArray(outer);
        return out;
    }

    private static final DBusType VARIANT = DBusType.basic('v');

    @Test
    void unknownProducersWouldBeNoticed() {
        // a .bin without its .expected must fail loudly rather than be skipped
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.collect(Collectors.toList())) {
                String name = p.getFileName().toString();
                if (name.endsWith(".expected")) {
                    assertTrue(Files.exists(DIR.resolve(name.replaceFirst("\\.expected$", ".bin"))),
                            "an .expected without its .bin: " + name);
                } else if (!name.endsWith(".bin") && !name.equals("README.md")) {
                    fail("unexpected file in captured/: " + name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

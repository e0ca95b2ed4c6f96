package io.github.busgen.message;

import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.ChunkedChannel;
import io.github.busgen.testing.Hex;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Struct;
import io.github.busgen.wire.UnixFd;
import io.github.busgen.wire.Variant;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.util.List;

import static io.github.busgen.testing.ProtocolErrors.assertProtocolError;
import static io.github.busgen.testing.ProtocolErrors.noProtocolError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages that break the rules of "Message Format", one rule per test, each rejected with a
 * {@link DBusProtocolException} that names the problem and its offset; and the things receivers
 * must accept and ignore (unknown types, flags and header fields).
 */
class MalformedMessageTest {

    private static DBusProtocolException rejected(byte[] message, long offset, String... words) {
        return assertProtocolError(offset, () -> MessageDecoder.decode(message), words);
    }

    private static byte[] patched(String hex, int at, int... values) {
        byte[] b = Hex.bytes(hex);
        for (int i = 0; i < values.length; i++) {
            b[at + i] = (byte) values[i];
        }
        return b;
    }

    private static final String CALL = MessageVectorsTest.CALL_LE;

    @Test
    void badByteOrderMark() {
        rejected(patched(CALL, 0, 'x'), 0, "byte order mark 0x78");
        rejected(patched(CALL, 0, 'L'), 0, "byte order mark");
        rejected(patched(CALL, 0, 'b'), 0, "byte order mark");
    }

    @Test
    void messageTypeZero() {
        rejected(patched(CALL, 1, 0), 1, "message type 0", "INVALID");
    }

    @Test
    void protocolVersionOtherThanOne() {
        rejected(patched(CALL, 3, 2), 3, "protocol version 2");
        rejected(patched(CALL, 3, 0), 3, "protocol version 0");
        rejected(patched(CALL, 3, 0xff), 3, "protocol version 255");
    }

    @Test
    void serialZero() {
        rejected(patched(CALL, 8, 0, 0, 0, 0), 8, "serial 0");
        rejected(RawMessage.call().serial(0).encode(), 8, "serial 0");
    }

    @Test
    void headerFieldCodeZero() {
        rejected(RawMessage.call().field(0, "u", 1L).encode(), 48, "header field code 0");
    }

    @Test
    void knownFieldWithTheWrongType() {
        rejected(RawMessage.of(1).field(1, "s", "/p").field(3, "s", "M").encode(), 17, "PATH", "must hold 'o', not 's'");
        rejected(RawMessage.of(2).field(5, "i", 1).encode(), 17, "REPLY_SERIAL", "must hold 'u', not 'i'");
        rejected(RawMessage.call().field(8, "s", "i").encode(), 49, "SIGNATURE", "must hold 'g'");
        rejected(RawMessage.call().field(2, "v", Variant.ofString("a.b")).encode(), 49, "INTERFACE", "must hold 's', not 'v'");
        rejected(RawMessage.call().field(6, "as", List.of("a.b")).encode(), 49, "DESTINATION", "not 'as'");
    }

    @Test
    void headerFieldVariantNotOneCompleteType() {
        rejected(RawMessage.call().field(9, "uu", 1L, 2L).encode(), 49, "not a single complete type");
        rejected(RawMessage.call().field(9, "").encode(), 49, "not a single complete type");
        rejected(RawMessage.call().field(200, "(i", 1).encode(), 49, "invalid signature");
    }

    @Test
    void duplicateField() {
        rejected(RawMessage.call().field(3, "s", "N").encode(), 48, "MEMBER", "appears twice");
        rejected(RawMessage.of(2).field(5, "u", 1L).field(5, "u", 1L).encode(), 24, "REPLY_SERIAL", "appears twice");
    }

    @Test
    void missingRequiredFields() {
        ObjectPath p = ObjectPath.of("/p");
        rejected(RawMessage.of(1).field(3, "s", "M").encode(), 12, "METHOD_CALL", "lacks", "PATH");
        rejected(RawMessage.of(1).field(1, "o", p).encode(), 12, "METHOD_CALL", "lacks", "MEMBER");
        rejected(RawMessage.of(2).encode(), 12, "METHOD_RETURN", "lacks", "REPLY_SERIAL");
        rejected(RawMessage.of(3).field(5, "u", 1L).encode(), 12, "ERROR", "lacks", "ERROR_NAME");
        rejected(RawMessage.of(3).field(4, "s", "a.B").encode(), 12, "ERROR", "lacks", "REPLY_SERIAL");
        rejected(RawMessage.of(4).field(2, "s", "a.b").field(3, "s", "M").encode(), 12, "SIGNAL", "lacks", "PATH");
        rejected(RawMessage.of(4).field(1, "o", p).field(3, "s", "M").encode(), 12, "SIGNAL", "lacks", "INTERFACE");
        rejected(RawMessage.of(4).field(1, "o", p).field(2, "s", "a.b").encode(), 12, "SIGNAL", "lacks", "MEMBER");
    }

    @Test
    void invalidNamesInHeaderFields() {
        rejected(RawMessage.call().field(2, "s", "nodots").encode(), 52, "INTERFACE", "invalid interface name");
        rejected(RawMessage.of(1).field(1, "o", ObjectPath.of("/p")).field(3, "s", "a.b").encode(), 36,
                "MEMBER", "invalid member name");
        rejected(RawMessage.of(3).field(4, "s", "Failed").field(5, "u", 1L).encode(), 20, "ERROR_NAME", "invalid error name");
        rejected(RawMessage.call().field(6, "s", "org").encode(), 52, "DESTINATION", "invalid bus name");
        rejected(RawMessage.call().field(7, "s", ":1").encode(), 52, "SENDER", "invalid bus name");
        rejected(RawMessage.of(2).field(5, "u", 0L).encode(), 20, "REPLY_SERIAL 0");
        // a PATH that is not an object path is caught by the reader, at the path's length
        byte[] badPath = RawMessage.call().encode();
        badPath[24] = 'x'; // "/p" -> "xp"
        rejected(badPath, 20, "invalid object path");
    }

    @Test
    void bodyWithoutSignature() {
        byte[] m = RawMessage.call().rawBody((byte) 1, (byte) 2, (byte) 3, (byte) 4).encode();
        rejected(m, 48, "body of 4 bytes but no SIGNATURE");
    }

    @Test
    void trailingBodyBytes() {
        // signature "y" but a body of 2 bytes: body at 56, the extra byte at 57
        byte[] m = RawMessage.call().field(8, "g", io.github.busgen.wire.Signature.of("y"))
                .rawBody((byte) 7, (byte) 8).encode();
        rejected(m, 57, "1 bytes beyond its signature \"y\"");
    }

    @Test
    void bodyShorterThanItsSignature() {
        byte[] m = RawMessage.call().field(8, "g", io.github.busgen.wire.Signature.of("u"))
                .rawBody((byte) 7, (byte) 8).encode();
        rejected(m, 56, "truncated");
    }

    @Test
    void nonZeroPaddingAfterTheHeader() {
        // the fields end at 41 (MEMBER "M"); 41..47 pad to the body at 48
        byte[] m = RawMessage.call().encode();
        assertEquals(48, m.length);
        m[45] = 1;
        rejected(m, 45, "non-zero", "padding");
    }

    @Test
    void declaredLengthsDisagreeingWithTheBytes() {
        byte[] m = RawMessage.call().encode();
        rejected(java.util.Arrays.copyOf(m, m.length + 3), 48, "declares 48 bytes but 51 were given");
        rejected(java.util.Arrays.copyOf(m, 40), 40, "declares 48 bytes but 40 were given");
        rejected(java.util.Arrays.copyOf(m, 10), 10, "shorter than the 16-byte fixed header");
    }

    @Test
    void bodyNestedDeeperThan64() {
        Variant v = Variant.ofByte((byte) 1);
        for (int i = 1; i < 64; i++) {
            v = Variant.ofVariant(v);
        }
        // 64 levels inside the body are fine ...
        byte[] ok = RawMessage.call().body("v", v).encode();
        assertDecodes(ok);
        // ... 65 are not: the writer refuses to make them, so add the 65th level by hand
        // (the body starts at 56: PATH 16..26, MEMBER 32..41, SIGNATURE 48..54, padding 55)
        byte[] deep = RawMessage.call().field(8, "g", io.github.busgen.wire.Signature.of("v"))
                .rawBody(Hex.concat(new byte[] {1, 'v', 0}, java.util.Arrays.copyOfRange(ok, 56, ok.length))).encode();
        rejected(deep, 56 + 64 * 3, "nested more than 64 deep");
    }

    private static Message assertDecodes(byte[] m) {
        return noProtocolError(() -> MessageDecoder.decode(m));
    }

    /** 16 bytes of fixed header: little-endian METHOD_CALL, serial 1, with these two lengths. */
    private static byte[] fixedHeader(ByteOrder order, long bodyLength, long fieldsLength) {
        ByteBuffer b = ByteBuffer.allocate(16).order(order);
        b.put((byte) (order == ByteOrder.BIG_ENDIAN ? 'B' : 'l')).put((byte) 1).put((byte) 0).put((byte) 1);
        b.putInt((int) bodyLength).putInt(1).putInt((int) fieldsLength);
        return b.array();
    }

    @Test
    void declaredLengthsOverTheLimitsAreRejectedFromTheFixedHeaderAlone() throws DBusProtocolException {
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            assertProtocolError(4, () -> MessageDecoder.frameLength(fixedHeader(order, 200L << 20, 0), 0),
                    "body length 209715200", "128 MiB");
            assertProtocolError(4, () -> MessageDecoder.frameLength(fixedHeader(order, 0xFFFFFFFFL, 0), 0),
                    "body length 4294967295");
            assertProtocolError(12, () -> MessageDecoder.frameLength(fixedHeader(order, 0, (64L << 20) + 1), 0),
                    "header field array length 67108865", "64 MiB");
            assertProtocolError(12, () -> MessageDecoder.frameLength(fixedHeader(order, 0, 0xFFFFFFFFL), 0),
                    "header field array length 4294967295");
            // each part within its own limit, the sum over 128 MiB
            assertProtocolError(4, () -> MessageDecoder.frameLength(fixedHeader(order, 64L << 20, 64L << 20), 0),
                    "message length 134217744", "128 MiB");
            // exactly 128 MiB in all is allowed
            assertEquals(1 << 27, MessageDecoder.frameLength(fixedHeader(order, (1 << 27) - 16, 0), 0));
            assertProtocolError(4, () -> MessageDecoder.frameLength(fixedHeader(order, (1 << 27) - 15, 0), 0),
                    "message length 134217729");
            // fields rounded up to 8 before the body: 7 bytes of fields take 8
            assertEquals(16 + 8 + 3, MessageDecoder.frameLength(fixedHeader(order, 3, 7), 0));
        }
    }

    /** A stream of a fixed header declaring a huge message, then zeros for ever, handed out in small reads. */
    private static final class HugeStream implements ReadableByteChannel {
        private final byte[] header;
        private long handedOut;

        HugeStream(byte[] header) {
            this.header = header;
        }

        @Override
        public int read(ByteBuffer dst) {
            int n = Math.min(dst.remaining(), 16);
            for (int i = 0; i < n; i++, handedOut++) {
                dst.put(handedOut < header.length ? header[(int) handedOut] : 0);
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void framerRejectsAHugeDeclaredLengthBeforeReadingOrAllocatingIt() {
        // 200 MiB of body: the framer must stop after the 16-byte header, not allocate 200 MiB and
        // not wait for it to arrive
        HugeStream body = new HugeStream(fixedHeader(ByteOrder.LITTLE_ENDIAN, 200L << 20, 0));
        assertProtocolError(4, () -> new MessageFramer(body).read(), "body length 209715200");
        assertEquals(16, body.handedOut, "read nothing past the fixed header");
        HugeStream fields = new HugeStream(fixedHeader(ByteOrder.BIG_ENDIAN, 0, 65L << 20));
        assertProtocolError(12, () -> new MessageFramer(fields).read(), "header field array length");
        assertEquals(16, fields.handedOut);
    }

    @Test
    void framerStopsAtAnInvalidFixedHeader() {
        byte[] bad = patched(CALL, 3, 2);
        ChunkedChannel c = new ChunkedChannel(bad, 1);
        assertProtocolError(3, () -> new MessageFramer(c).read(), "protocol version 2");
        assertEquals(16, c.consumed());
    }

    @Test
    void unknownMessageTypesAreAcceptedAndIgnored() throws DBusProtocolException {
        for (int type : new int[] {5, 0x2d, 0x8f, 255}) {
            Message m = assertDecodes(RawMessage.of(type).encode());
            assertEquals(MessageType.UNKNOWN, m.type());
            assertEquals(type, m.typeCode());
            assertEquals(-1, MessageType.UNKNOWN.code());
        }
        // no fields are required of them, but whatever they carry must be well-formed
        Message m = assertDecodes(RawMessage.of(9).body("s", "x").encode());
        assertEquals(List.of("x"), m.body());
        rejected(RawMessage.of(9).field(1, "s", "x").encode(), 17, "PATH", "must hold 'o'");
    }

    @Test
    void unknownFlagsAreAcceptedAndKept() {
        Message m = assertDecodes(RawMessage.call().flags(0xF9).encode());
        assertEquals(0xF9, m.flags());
        assertTrue(m.isNoReplyExpected());
        assertFalse(m.isNoAutoStart());
    }

    @Test
    void unknownHeaderFieldsAreAcceptedAndIgnored() throws DBusProtocolException {
        Message m = assertDecodes(RawMessage.call()
                .field(10, "u", 5L)
                .field(0x52, "a(ss)", List.of(Struct.of("a", "b")))
                .field(200, "v", Variant.ofVardict(java.util.Map.of("k", Variant.ofInt32(1))))
                .field(255, "ah", List.of(UnixFd.ofIndex(3)))
                .body("s", "x")
                .encode());
        assertEquals(ObjectPath.of("/p"), m.path());
        assertEquals("M", m.member().value());
        assertNull(m.interfaceName());
        assertEquals(List.of("x"), m.body());
        // but they must be well-formed: an INT64 array of 5 bytes (libdbus's CVE-2022-42011 case)
        byte[] bad = RawMessage.call().field(0x52, "at", new long[] {1}).encode();
        // code 48, signature "at" 49..52, array length at 56 (padded to 4), elements at 64 (padded to 8)
        assertEquals(8, bad[56]);
        bad[56] = 5;
        assertProtocolError(56, () -> MessageDecoder.decode(bad), "not a multiple of 8");
    }

    @Test
    void framerEndOfStreamInsideAMessageIsAnEofException() {
        byte[] m = Hex.bytes(CALL);
        assertThrows(java.io.EOFException.class,
                () -> new MessageFramer(new ChunkedChannel(java.util.Arrays.copyOf(m, 10), 3)).read());
        assertThrows(java.io.EOFException.class,
                () -> new MessageFramer(new ChunkedChannel(java.util.Arrays.copyOf(m, 60), 3)).read());
    }
}

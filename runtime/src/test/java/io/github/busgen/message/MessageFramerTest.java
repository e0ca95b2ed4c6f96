package io.github.busgen.message;

import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.ChunkedChannel;
import io.github.busgen.testing.Hex;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cutting a byte stream into messages: chunkings, buffer boundaries, big messages, end of stream. */
class MessageFramerTest {

    /** {@code count} calls of growing size, alternating byte order, serials 1.. */
    private static List<byte[]> calls(int count, int maxExtra) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Message.methodCall(ObjectPath.of("/p"), MemberName.of("M"))
                    .byteOrder(i % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                    .serial(i + 1)
                    .body(Signature.of("ays"), new byte[i % maxExtra], "n" + i)
                    .toByteArray());
        }
        return out;
    }

    private static List<Message> readAll(MessageFramer f) throws IOException, DBusProtocolException {
        List<Message> out = new ArrayList<>();
        for (Message m; (m = f.read()) != null; ) {
            out.add(m);
        }
        return out;
    }

    /** Asserts that the framer cuts {@code parts}, sent back to back, into exactly them, in every read size. */
    private static void assertFramed(List<byte[]> parts, int... chunks) throws Exception {
        byte[] stream = Hex.concat(parts);
        for (int chunk : chunks) {
            assertSameMessages(parts, readAll(new MessageFramer(new ChunkedChannel(stream, chunk))));
        }
    }

    private static void assertSameMessages(List<byte[]> expected, List<Message> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i).toByteArray(), "message " + i);
        }
    }

    @Test
    void backToBackMessagesInEveryChunking() throws Exception {
        assertFramed(calls(40, 37), 1, 2, 3, 7, 16, 4096, Integer.MAX_VALUE);
    }

    @Test
    void messagesStraddlingTheBufferEnd() throws Exception {
        // well over the framer's 64 KiB buffer in total, so messages cross its end and get compacted
        List<byte[]> parts = calls(1500, 301);
        assertTrue(Hex.concat(parts).length > 3 * 65536);
        assertFramed(parts, 1000, 65536, Integer.MAX_VALUE);
    }

    @Test
    void messagesLargerThanTheBuffer() throws Exception {
        byte[] big = Message.methodCall(ObjectPath.of("/p"), MemberName.of("M")).serial(1)
                .body(Signature.of("ay"), new byte[200_000]).toByteArray();
        assertFramed(List.of(calls(1, 1).get(0), big, calls(2, 1).get(1), big), 1, 5000, Integer.MAX_VALUE);
    }

    @Test
    void leftoverBytesComeFirst() throws Exception {
        List<byte[]> parts = calls(3, 5);
        byte[] stream = Hex.concat(parts);
        byte[] leftover = Arrays.copyOf(stream, 30); // say, read past the end of authentication
        byte[] rest = Arrays.copyOfRange(stream, 30, stream.length);
        assertSameMessages(parts, readAll(new MessageFramer(new ChunkedChannel(rest, 2), leftover)));
        assertThrows(IllegalArgumentException.class,
                () -> new MessageFramer(new ChunkedChannel(rest, 2), new byte[65537]));
    }

    @Test
    void endOfStreamBetweenMessagesIsClean() throws Exception {
        MessageFramer f = new MessageFramer(new ChunkedChannel(new byte[0], 1));
        assertNull(f.read());
        byte[] one = Hex.bytes(MessageVectorsTest.MINIMAL_RETURN_LE);
        MessageFramer g = new MessageFramer(new ChunkedChannel(one, 1));
        assertEquals(2, g.read().serial());
        assertNull(g.read());
        assertNull(g.read(), "and stays at the end");
    }

    @Test
    void endOfStreamInsideAMessageIsAnEofException() {
        byte[] stream = Hex.concat(calls(2, 3));
        for (int cut : new int[] {1, 15, 16, 17, 40, stream.length - 1}) {
            byte[] partial = Arrays.copyOf(stream, cut);
            EOFException e = assertThrows(EOFException.class, () -> readAll(new MessageFramer(new ChunkedChannel(partial, 3))),
                    "cut at " + cut);
            assertTrue(e.getMessage().startsWith("stream ended"), e.getMessage());
        }
    }

    @Test
    void aBadMessageAfterGoodOnesIsRejectedInItsTurn() throws Exception {
        List<byte[]> parts = new ArrayList<>(calls(2, 3));
        byte[] bad = calls(3, 3).get(2);
        bad[3] = 2; // protocol version 2
        parts.add(bad);
        MessageFramer f = new MessageFramer(new ChunkedChannel(Hex.concat(parts), 5));
        assertEquals(1, f.read().serial());
        assertEquals(2, f.read().serial());
        DBusProtocolException e = assertThrows(DBusProtocolException.class, f::read);
        assertEquals(3, e.offset(), "the offset counts from the start of that message");
    }
}

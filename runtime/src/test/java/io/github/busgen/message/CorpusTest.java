package io.github.busgen.message;

import io.github.busgen.testing.Corpus;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.UnixFd;
import io.github.busgen.wire.Variant;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Other implementations' message corpora from the shared corpus folder: sd-bus's fuzz corpus (all
 * 20 must be rejected, see its README) and libdbus's valid and invalid messages, each fed to
 * {@link MessageDecoder} and to {@link MessageFramer} whole, one byte per read and two bytes per read.
 * Nothing but {@link DBusProtocolException} (or, for a stream that stops inside a message,
 * {@link java.io.EOFException}) may escape.
 */
class CorpusTest {

    private static final String SD_BUS = "sd-bus-fuzz-bus-message";

    private static List<Path> sdBusFiles() {
        return Corpus.files(SD_BUS, "").stream()
                .filter(p -> !p.getFileName().toString().endsWith(".md"))
                .collect(Collectors.toList());
    }

    @Test
    void sdBusCorpusHasTwentyFiles() {
        assertEquals(20, sdBusFiles().size(), "the README lists 20 files");
    }

    @TestFactory
    Stream<DynamicTest> sdBusFuzzCorpusIsRejected() {
        return eachFile(sdBusFiles(), CorpusTest::assertRejected);
    }

    @TestFactory
    Stream<DynamicTest> libdbusInvalidMessagesAreRejected() {
        List<Path> files = Corpus.files("libdbus/invalid-messages", ".message-raw");
        assertEquals(6, files.size());
        return eachFile(files, CorpusTest::assertRejected);
    }

    /** One test per file, given the file's bytes and name. */
    private static Stream<DynamicTest> eachFile(List<Path> files, BiConsumer<byte[], String> check) {
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> check.accept(Corpus.read(p), p.getFileName().toString())));
    }

    /** Rejected whole by the decoder; by the framer with a protocol error (or EOF if the stream stops short), in every chunking. */
    private static void assertRejected(byte[] bytes, String name) {
        assertNull(Feeding.decode(bytes, name), name + " must not decode");
        for (int chunk : Feeding.CHUNKS) {
            Feeding.Outcome o = Feeding.frame(bytes, chunk, name);
            assertNotNull(o.error, () -> name + " in reads of " + chunk + " gave " + o.messages + " and no error");
            assertTrue(o.messages.isEmpty(), () -> name + ": framed " + o.messages);
        }
    }

    @TestFactory
    Stream<DynamicTest> libdbusValidMessagesDecode() {
        List<Path> files = Corpus.files("libdbus/valid-messages", ".message-raw");
        assertEquals(2, files.size());
        return eachFile(files, (bytes, name) -> {
            assertNotNull(Feeding.decode(bytes, name), name + " must decode");
            for (int chunk : Feeding.CHUNKS) {
                Feeding.Outcome o = Feeding.frame(bytes, chunk, name);
                assertNull(o.error, () -> name + " in reads of " + chunk + ": " + o.error);
                assertEquals(1, o.messages.size(), "exactly one message, nothing left over");
                assertArrayEquals(bytes, o.messages.get(0).toByteArray());
            }
        });
    }

    @Test
    void minimalMessage() throws DBusProtocolException {
        Message m = MessageDecoder.decode(Corpus.read(Corpus.require("libdbus/valid-messages/minimal.message-raw")));
        assertEquals(MessageType.METHOD_RETURN, m.type());
        assertEquals(ByteOrder.LITTLE_ENDIAN, m.byteOrder());
        assertEquals(2, m.serial());
        assertEquals(1, m.replySerial());
        assertEquals(List.of(), m.body());
        assertArrayEquals(Message.methodReturn(1).serial(2).build().toByteArray(), m.toByteArray());
    }

    @Test
    void byteswapFdIndexIsABigEndianMessageOfAnUnknownType() throws DBusProtocolException {
        // dbus#417 / CVE-2022-42012: an fd index in a non-native byte order, with no fds attached;
        // the type 0x2d and the flag bits 0x31 are undefined and must be ignored
        Message m = MessageDecoder.decode(Corpus.read(
                Corpus.require("libdbus/valid-messages/byteswap-fd-index.message-raw")));
        assertEquals(ByteOrder.BIG_ENDIAN, m.byteOrder());
        assertEquals(MessageType.UNKNOWN, m.type());
        assertEquals(0x2d, m.typeCode());
        assertEquals(0x31, m.flags());
        assertEquals(0x97bc9023, m.serial());
        assertEquals(Signature.of("hv"), m.signature());
        assertEquals(0, m.unixFds());
        List<Object> body = m.body();
        assertEquals(UnixFd.ofIndex(0xf8280208), body.get(0));
        Variant v = assertInstanceOf(Variant.class, body.get(1));
        assertEquals(Signature.of("av"), v.signature());
        assertEquals(List.of(), v.value());
    }

    @Test
    void annotatedHexDumpsMatchTheBlobs() throws Exception {
        // the corpus README says each .hex, comments dropped, is its blob byte for byte
        List<Path> hexes = Stream.concat(
                Corpus.files("libdbus/valid-messages", ".hex").stream(),
                Corpus.files("libdbus/invalid-messages", ".hex").stream()).collect(Collectors.toList());
        assertEquals(7, hexes.size());
        for (Path hex : hexes) {
            StringBuilder digits = new StringBuilder();
            for (String line : Files.readAllLines(hex)) {
                int hash = line.indexOf('#');
                digits.append((hash >= 0 ? line.substring(0, hash) : line).replaceAll("\\s", ""));
            }
            Path raw = hex.resolveSibling(hex.getFileName().toString().replace(".hex", ""));
            assertArrayEquals(Corpus.read(raw), HexFormat.of().parseHex(digits), hex.toString());
        }
    }
}

package io.github.busgen.message;

import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.Hex;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.UnixFd;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole messages encoded by hand ("Message Format"): MessageBuilder must produce them byte for byte
 * and MessageDecoder must read every field back.
 */
class MessageVectorsTest {

    /**
     * A method call: flags NO_AUTO_START, serial 7, PATH /org/x, INTERFACE org.x.Y, MEMBER Ping,
     * DESTINATION org.x, SIGNATURE su, body ("hi", 42). Little-endian.
     */
    static final String CALL_LE = ""
            + "6c 01 02 01 "                           // 'l', METHOD_CALL, NO_AUTO_START, version 1
            + "0c 00 00 00 "                           // body length 12
            + "07 00 00 00 "                           // serial 7
            + "48 00 00 00 "                           // header fields: 72 bytes, 16..87
            + "01 01 6f 00 | 06 00 00 00 2f 6f 72 67 2f 78 00 | 00 "       // 16: PATH 'o' "/org/x", pad 31
            + "02 01 73 00 | 07 00 00 00 6f 72 67 2e 78 2e 59 00 "         // 32: INTERFACE 's' "org.x.Y"
            + "03 01 73 00 | 04 00 00 00 50 69 6e 67 00 | 00 00 00 "       // 48: MEMBER 's' "Ping", pad 61..63
            + "06 01 73 00 | 05 00 00 00 6f 72 67 2e 78 00 | 00 00 "       // 64: DESTINATION 's' "org.x", pad 78..79
            + "08 01 67 00 | 02 73 75 00 "                                  // 80: SIGNATURE 'g' "su"; header ends at 88
            + "02 00 00 00 68 69 00 | 00 | 2a 00 00 00";                  // 88: body "hi", pad 95, 42 at 96

    /** The same call, big-endian: only the mark and the multi-byte numbers change. */
    static final String CALL_BE = ""
            + "42 01 02 01 "                           // 'B'
            + "00 00 00 0c "
            + "00 00 00 07 "
            + "00 00 00 48 "
            + "01 01 6f 00 | 00 00 00 06 2f 6f 72 67 2f 78 00 | 00 "
            + "02 01 73 00 | 00 00 00 07 6f 72 67 2e 78 2e 59 00 "
            + "03 01 73 00 | 00 00 00 04 50 69 6e 67 00 | 00 00 00 "
            + "06 01 73 00 | 00 00 00 05 6f 72 67 2e 78 00 | 00 00 "
            + "08 01 67 00 | 02 73 75 00 "
            + "00 00 00 02 68 69 00 | 00 | 00 00 00 2a";

    /**
     * An error reply, big-endian: serial 3, ERROR_NAME a.B, REPLY_SERIAL 7, SENDER :1.5, SIGNATURE s,
     * UNIX_FDS 1, body "boom".
     */
    static final String ERROR_BE = ""
            + "42 03 00 01 | 00 00 00 09 | 00 00 00 03 | 00 00 00 38 "       // ERROR, body 9, serial 3, fields 56
            + "04 01 73 00 | 00 00 00 03 61 2e 42 00 | 00 00 00 00 "       // 16: ERROR_NAME "a.B", pad 28..31
            + "05 01 75 00 | 00 00 00 07 "                                  // 32: REPLY_SERIAL 7
            + "07 01 73 00 | 00 00 00 04 3a 31 2e 35 00 | 00 00 00 "       // 40: SENDER ":1.5", pad 53..55
            + "08 01 67 00 | 01 73 00 | 00 "                                // 56: SIGNATURE "s", pad 63
            + "09 01 75 00 | 00 00 00 01 "                                  // 64: UNIX_FDS 1; header ends at 72
            + "00 00 00 04 62 6f 6f 6d 00";                                 // 72: body "boom"

    /** The smallest message, as in libdbus's minimal.message-raw: a METHOD_RETURN with REPLY_SERIAL only. */
    static final String MINIMAL_RETURN_LE = "6c 02 00 01 | 00 00 00 00 | 02 00 00 00 | 08 00 00 00 | 05 01 75 00 | 01 00 00 00";

    static Message buildCall(ByteOrder order) {
        return Message.methodCall(ObjectPath.of("/org/x"), MemberName.of("Ping"))
                .interfaceName(InterfaceName.of("org.x.Y"))
                .destination(BusName.of("org.x"))
                .noAutoStart(true)
                .serial(7)
                .byteOrder(order)
                .body(Signature.of("su"), "hi", 42L);
    }

    private static void assertEncodes(String hex, Message m) {
        byte[] expected = Hex.bytes(hex);
        assertEquals(Hex.of(expected), Hex.of(m.toByteArray()));
        assertEquals(expected.length, m.length());
    }

    @Test
    void methodCallIsEncodedByteForByte() {
        assertEncodes(CALL_LE, buildCall(ByteOrder.LITTLE_ENDIAN));
        assertEncodes(CALL_BE, buildCall(ByteOrder.BIG_ENDIAN));
    }

    @Test
    void methodCallIsDecodedFieldByField() throws DBusProtocolException {
        for (String hex : List.of(CALL_LE, CALL_BE)) {
            byte[] bytes = Hex.bytes(hex);
            Message m = MessageDecoder.decode(bytes);
            assertEquals(hex == CALL_LE ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, m.byteOrder());
            assertEquals(MessageType.METHOD_CALL, m.type());
            assertEquals(1, m.typeCode());
            assertEquals(Flags.NO_AUTO_START, m.flags());
            assertTrue(m.isNoAutoStart());
            assertFalse(m.isNoReplyExpected());
            assertFalse(m.isAllowInteractiveAuthorization());
            assertEquals(7, m.serial());
            assertEquals(ObjectPath.of("/org/x"), m.path());
            assertEquals(InterfaceName.of("org.x.Y"), m.interfaceName());
            assertEquals(MemberName.of("Ping"), m.member());
            assertEquals(BusName.of("org.x"), m.destination());
            assertNull(m.sender());
            assertNull(m.errorName());
            assertEquals(0, m.replySerial());
            assertEquals(0, m.unixFds());
            assertEquals(Signature.of("su"), m.signature());
            assertEquals(88, m.bodyOffset());
            assertEquals(12, m.bodyLength());
            assertEquals(100, m.length());
            assertEquals(List.of("hi", 42L), m.body());
            assertEquals("hi", m.bodyReader().readString());
            assertArrayEquals(bytes, m.toByteArray());
            assertEquals(100, MessageDecoder.frameLength(bytes, 0));
        }
    }

    @Test
    void errorReplyBothWays() throws DBusProtocolException {
        Message built = Message.error(ErrorName.of("a.B"), 7)
                .sender(BusName.of(":1.5"))
                .unixFds(1)
                .serial(3)
                .byteOrder(ByteOrder.BIG_ENDIAN)
                .body(Signature.of("s"), "boom");
        assertEncodes(ERROR_BE, built);
        Message m = MessageDecoder.decode(Hex.bytes(ERROR_BE));
        assertEquals(MessageType.ERROR, m.type());
        assertEquals(3, m.serial());
        assertEquals(ErrorName.of("a.B"), m.errorName());
        assertEquals(7, m.replySerial());
        assertEquals(BusName.of(":1.5"), m.sender());
        assertEquals(1, m.unixFds());
        assertEquals(72, m.bodyOffset());
        assertEquals("boom", m.errorMessage());
        assertEquals(List.of("boom"), m.body());
    }

    @Test
    void minimalMethodReturn() throws DBusProtocolException {
        assertEncodes(MINIMAL_RETURN_LE, Message.methodReturn(1).serial(2).build());
        Message m = MessageDecoder.decode(Hex.bytes(MINIMAL_RETURN_LE));
        assertEquals(MessageType.METHOD_RETURN, m.type());
        assertEquals(2, m.serial());
        assertEquals(1, m.replySerial());
        assertTrue(m.signature().isEmpty());
        assertEquals(List.of(), m.body());
        assertEquals(24, m.bodyOffset());
        assertNull(m.errorMessage());
    }

    /**
     * A signal: serial 1, PATH /a, INTERFACE a.b, MEMBER C, SIGNATURE h, body the fd index 0. The
     * field array ends at 71, so its length (55) leaves out the header's last padding byte.
     */
    static final String SIGNAL_LE = ""
            + "6c 04 00 01 | 04 00 00 00 | 01 00 00 00 | 37 00 00 00 "     // SIGNAL, body 4, serial 1, fields 55
            + "01 01 6f 00 | 02 00 00 00 2f 61 00 | 00 00 00 00 00 "       // 16: PATH "/a", pad 27..31
            + "02 01 73 00 | 03 00 00 00 61 2e 62 00 | 00 00 00 00 "       // 32: INTERFACE "a.b", pad 44..47
            + "03 01 73 00 | 01 00 00 00 43 00 | 00 00 00 00 00 00 "       // 48: MEMBER "C", pad 58..63
            + "08 01 67 00 | 01 68 00 | 00 "                                // 64: SIGNATURE "h" to 70, pad 71
            + "00 00 00 00";                                                // 72: UNIX_FD index 0

    @Test
    void signalBothWays() throws DBusProtocolException {
        Message built = Message.signal(ObjectPath.of("/a"), InterfaceName.of("a.b"), MemberName.of("C"))
                .serial(1)
                .body(Signature.of("h"), UnixFd.ofIndex(0));
        assertEncodes(SIGNAL_LE, built);
        Message m = MessageDecoder.decode(Hex.bytes(SIGNAL_LE));
        assertEquals(MessageType.SIGNAL, m.type());
        assertEquals(ObjectPath.of("/a"), m.path());
        assertEquals(InterfaceName.of("a.b"), m.interfaceName());
        assertEquals(MemberName.of("C"), m.member());
        assertEquals(72, m.bodyOffset());
        assertEquals(List.of(UnixFd.ofIndex(0)), m.body());
    }
}

package io.github.busgen.message;

import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.WireWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What MessageBuilder enforces and offers beyond the byte vectors. */
class MessageBuilderTest {
    private static final ObjectPath P = ObjectPath.of("/p");
    private static final MemberName M = MemberName.of("M");
    private static final InterfaceName I = InterfaceName.of("a.b");
    private static final ErrorName E = ErrorName.of("a.Failed");

    private static void requires(String field, Executable build) {
        IllegalStateException e = assertThrows(IllegalStateException.class, build);
        assertTrue(e.getMessage().contains("requires the header field " + field), e::getMessage);
    }

    @Test
    void requiredFieldsOfEachType() {
        requires("PATH", () -> Message.methodCall(null, M).build());
        requires("MEMBER", () -> Message.methodCall(P, null).build());
        requires("REPLY_SERIAL", () -> Message.methodReturn(0).build());
        requires("ERROR_NAME", () -> Message.error(null, 5).build());
        requires("REPLY_SERIAL", () -> Message.error(E, 0).build());
        requires("PATH", () -> Message.signal(null, I, M).build());
        requires("INTERFACE", () -> Message.signal(P, null, M).build());
        requires("MEMBER", () -> Message.signal(P, I, null).build());
        // also when the body is written value by value
        requires("MEMBER", () -> Message.methodCall(P, null).beginBody(Signature.of("i")));
        assertThrows(IllegalArgumentException.class, () -> new MessageBuilder(MessageType.UNKNOWN));
    }

    @Test
    void headerIsFixedOnceTheBodyBegins() {
        MessageBuilder b = Message.methodCall(P, M);
        b.beginBody(Signature.of("i")).writeInt32(1);
        assertThrows(IllegalStateException.class, () -> b.serial(3));
        assertThrows(IllegalStateException.class, () -> b.interfaceName(I));
        b.build();
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IllegalArgumentException.class, () -> Message.methodCall(P, M).flags(0x100));
    }

    @Test
    void bodyWrittenValueByValue() throws DBusProtocolException {
        MessageBuilder b = Message.methodCall(P, M).serial(9).byteOrder(ByteOrder.BIG_ENDIAN);
        WireWriter w = b.beginBody(Signature.of("yt(s)"));
        // PATH 16..26, MEMBER 32..41, SIGNATURE "yt(s)" 48..58, padding to 64
        assertEquals(64, w.position(), "the writer stands at the body's absolute position");
        w.writeByte((byte) 1);
        w.writeUInt64(-1L);
        w.beginStruct();
        w.writeString("s");
        Message m = MessageDecoder.decode(b.build().toByteArray());
        assertEquals(64, m.bodyOffset());
        assertEquals(List.of((byte) 1, -1L, io.github.busgen.wire.Struct.of("s")), m.body());
    }

    @Test
    void flagsHelpers() throws DBusProtocolException {
        Message m = MessageDecoder.decode(Message.methodCall(P, M).serial(1).noReplyExpected(true)
                .allowInteractiveAuthorization(true).noAutoStart(true).noAutoStart(false).build().toByteArray());
        assertEquals(Flags.NO_REPLY_EXPECTED | Flags.ALLOW_INTERACTIVE_AUTHORIZATION, m.flags());
        assertTrue(m.isNoReplyExpected() && m.isAllowInteractiveAuthorization() && !m.isNoAutoStart());
    }

    @Test
    void repliesAddressTheCallersSenderInItsByteOrder() throws DBusProtocolException {
        Message call = MessageDecoder.decode(Message.methodCall(P, M).serial(41).sender(BusName.of(":1.9"))
                .byteOrder(ByteOrder.BIG_ENDIAN).build().toByteArray());
        Message reply = MessageDecoder.decode(Message.methodReturn(call).serial(2).body(Signature.of("i"), 5).toByteArray());
        assertEquals(41, reply.replySerial());
        assertEquals(BusName.of(":1.9"), reply.destination());
        assertEquals(ByteOrder.BIG_ENDIAN, reply.byteOrder());
        Message error = MessageDecoder.decode(Message.error(E, call).serial(3).body(Signature.of("s"), "no").toByteArray());
        assertEquals(41, error.replySerial());
        assertEquals(E, error.errorName());
        assertEquals(BusName.of(":1.9"), error.destination());
        assertEquals("no", error.errorMessage());
    }

    @Test
    void assignSerialRewritesTheBytes() throws DBusProtocolException {
        Message m = Message.methodCall(P, M).build();
        assertEquals(0, m.serial(), "a connection assigns the serial when sending");
        m.assignSerial(0xCAFE);
        assertEquals(0xCAFE, MessageDecoder.decode(m.toByteArray()).serial());
        assertThrows(IllegalArgumentException.class, () -> m.assignSerial(0));
    }

    @Test
    void readableToString() {
        String s = Message.methodCall(P, M).interfaceName(I).serial(3).flags(1)
                .body(Signature.of("i"), 1).toString();
        assertEquals("METHOD_CALL[serial=3, path=/p, interface=a.b, member=M, signature=i, flags=0x1]", s);
    }
}

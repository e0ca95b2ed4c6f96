package io.github.busgen.message;

import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.testing.ChunkedChannel;
import io.github.busgen.testing.RandomValues;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Values;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random messages of every type, with random header fields, flags, byte order and a body of random
 * types and values: built with {@link MessageBuilder}, decoded with {@link MessageDecoder} to the same
 * fields and body, and rebuilt from what was decoded to the same bytes.
 */
class MessageRoundTripPropertyTest {

    /** A message's parts as generated, and the message built from them. */
    record Sample(MessageType type, ByteOrder order, int flags, int serial, Signature signature, List<Object> body,
                  Message message) {
        @Override
        public String toString() {
            return message + " body " + Values.toString(body);
        }
    }

    @Provide
    Arbitrary<Sample> messages() {
        return Arbitraries.randomValue(MessageRoundTripPropertyTest::sample);
    }

    static Sample sample(Random r) {
        RandomValues g = new RandomValues(r);
        MessageType type = List.of(MessageType.METHOD_CALL, MessageType.METHOD_RETURN, MessageType.ERROR,
                MessageType.SIGNAL).get(r.nextInt(4));
        ByteOrder order = r.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int flags = r.nextInt(256);
        int serial = r.nextInt(4) == 0 ? -1 : 1 + r.nextInt(Integer.MAX_VALUE); // -1 is serial 2^32-1
        int replySerial = r.nextBoolean() ? -1 : 1 + r.nextInt(1000);
        MessageBuilder b;
        switch (type) {
            case METHOD_CALL:
                b = Message.methodCall(g.path(), MemberName.of(g.name(1 + r.nextInt(20))));
                if (r.nextBoolean()) {
                    b.interfaceName(InterfaceName.of(g.dotted()));
                }
                break;
            case METHOD_RETURN:
                b = Message.methodReturn(replySerial);
                break;
            case ERROR:
                b = Message.error(ErrorName.of(g.dotted()), replySerial);
                break;
            default:
                b = Message.signal(g.path(), InterfaceName.of(g.dotted()), MemberName.of(g.name(1 + r.nextInt(9))));
        }
        if (r.nextBoolean()) {
            b.destination(BusName.of(r.nextBoolean() ? g.dotted() : ":" + r.nextInt(100) + "." + r.nextInt(1000)));
        }
        if (r.nextBoolean()) {
            b.sender(BusName.of(":1." + r.nextInt(1000)));
        }
        if (r.nextInt(4) == 0) {
            b.unixFds(1 + r.nextInt(10));
        }
        b.byteOrder(order).flags(flags).serial(serial);
        List<DBusType> types = g.types(4, 8);
        Signature signature = Signature.of(RandomValues.joined(types));
        List<Object> body = new ArrayList<>();
        for (DBusType t : types) {
            body.add(g.value(t));
        }
        Message m = types.isEmpty() && r.nextBoolean() ? b.build() : b.body(signature, body);
        return new Sample(type, order, flags, serial, signature, body, m);
    }

    @Property(tries = 300)
    void builtMessagesDecodeToTheirFieldsAndBody(@ForAll("messages") Sample s) throws DBusProtocolException {
        Message built = s.message();
        byte[] bytes = built.toByteArray();
        Message m = MessageDecoder.decode(bytes);
        assertEquals(s.type(), m.type());
        assertEquals(s.order(), m.byteOrder());
        assertEquals(s.flags(), m.flags());
        assertEquals(s.serial(), m.serial());
        assertEquals(built.path(), m.path());
        assertEquals(built.interfaceName(), m.interfaceName());
        assertEquals(built.member(), m.member());
        assertEquals(built.errorName(), m.errorName());
        assertEquals(built.replySerial(), m.replySerial());
        assertEquals(built.destination(), m.destination());
        assertEquals(built.sender(), m.sender());
        assertEquals(built.unixFds(), m.unixFds());
        assertEquals(s.signature(), m.signature());
        assertEquals(built.bodyOffset(), m.bodyOffset());
        assertEquals(0, m.bodyOffset() % 8, "the body starts on an 8-boundary");
        List<Object> body = m.body();
        assertTrue(Values.deepEquals(s.body(), body), () -> "body " + Values.toString(body));
        assertEquals(bytes.length, MessageDecoder.frameLength(bytes, 0));
        assertArrayEquals(bytes, rebuild(m).toByteArray(), "rebuilt from the decoded fields");
    }

    /** A builder fed with everything a decoded message says, in its byte order. */
    private static Message rebuild(Message m) throws DBusProtocolException {
        MessageBuilder b = new MessageBuilder(m.type()).byteOrder(m.byteOrder()).flags(m.flags()).serial(m.serial())
                .path(m.path()).interfaceName(m.interfaceName()).member(m.member()).errorName(m.errorName())
                .replySerial(m.replySerial()).destination(m.destination()).sender(m.sender()).unixFds(m.unixFds());
        return m.signature().isEmpty() ? b.build() : b.body(m.signature(), m.body());
    }

    @Property(tries = 40)
    void streamsOfMessagesFrameInAnyChunking(@ForAll("messages") Sample a, @ForAll("messages") Sample b,
                                             @ForAll("messages") Sample c) throws IOException, DBusProtocolException {
        List<byte[]> parts = List.of(a.message().toByteArray(), b.message().toByteArray(), c.message().toByteArray());
        byte[] stream = io.github.busgen.testing.Hex.concat(parts);
        for (int chunk : new int[] {3, 1000, Integer.MAX_VALUE}) {
            MessageFramer f = new MessageFramer(new ChunkedChannel(stream, chunk));
            for (byte[] p : parts) {
                assertArrayEquals(p, f.read().toByteArray());
            }
            assertNull(f.read());
        }
    }
}

package io.github.busgen.wire;

import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer refuses exactly the generic values the reader refuses for their depth: more than 64
 * containers (variants, arrays, structs, dict entries) in all. LibdbusAcceptsOurMessagesTest shows
 * that libdbus rejects such a message too.
 */
class WireWriterDepthTest {

    /** {@code count} variants, the innermost holding {@code inner}'s value. */
    private static Variant nested(int count, Variant inner) {
        Variant v = inner;
        for (int i = 1; i < count; i++) {
            v = Variant.ofVariant(v);
        }
        return v;
    }

    private static void assertRoundTrip(Variant v) throws DBusProtocolException {
        WireWriter w = new WireWriter(ByteOrder.LITTLE_ENDIAN);
        w.writeVariant(v);
        WireReader r = new WireReader(w.toByteArray(), 0, w.size(), ByteOrder.LITTLE_ENDIAN);
        assertEquals(v, r.readVariant());
    }

    private static void assertRefused(Variant v) {
        WireWriter w = new WireWriter(ByteOrder.LITTLE_ENDIAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.writeVariant(v));
        assertTrue(e.getMessage().contains("more than 64 deep"), e.getMessage());
    }

    @Test
    void sixtyFourContainersAreWrittenAndSixtyFiveAreRefused() throws DBusProtocolException {
        assertRoundTrip(nested(64, Variant.ofInt32(7)));
        assertRefused(nested(65, Variant.ofInt32(7)));

        // variants + array + dict entry: 62 + 2 = 64, 63 + 2 = 65
        Variant dict = Variant.of("a{si}", Map.of("k", 1));
        assertRoundTrip(nested(62, dict));
        assertRefused(nested(63, dict));

        // variants + array + struct + array (of fixed elements): 61 + 3 = 64, 62 + 3 = 65
        Variant structs = Variant.of("a(ai)", List.of(Struct.of((Object) new int[] {1})));
        assertRoundTrip(nested(61, structs));
        assertRefused(nested(62, structs));
    }

    @Test
    void theReaderRefusesWhatTheWriterRefuses() {
        // 65 variants, written through the typed API, which does not count
        WireWriter w = new WireWriter(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 65; i++) {
            w.writeSignature(Signature.of("v"));
        }
        w.writeSignature(Signature.of("i"));
        w.writeInt32(7);
        WireReader r = new WireReader(w.toByteArray(), 0, w.size(), ByteOrder.LITTLE_ENDIAN);
        DBusProtocolException e = assertThrows(DBusProtocolException.class, () -> r.readValue(Signature.of("v").type()));
        assertTrue(e.getMessage().contains("nested more than 64 deep"), e.getMessage());
    }

    @Test
    void aRefusedValueLeavesTheWriterReusable() throws DBusProtocolException {
        WireWriter w = new WireWriter(ByteOrder.LITTLE_ENDIAN);
        assertThrows(IllegalArgumentException.class, () -> w.writeVariant(nested(65, Variant.ofInt32(7))));
        w.reset();
        Variant ok = nested(64, Variant.ofInt32(7));
        w.writeVariant(ok); // the failed write left no depth behind
        assertEquals(ok, new WireReader(w.toByteArray(), 0, w.size(), ByteOrder.LITTLE_ENDIAN).readVariant());
    }
}

package io.github.busgen.wire;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;

import static io.github.busgen.wire.WireVectors.LE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values the wire format cannot carry are refused by {@link WireWriter} with an
 * {@link IllegalArgumentException} that says what and where. (An array over 64 MiB is refused too,
 * but needs that much memory to show, so it is not tested here.)
 */
class WireWriterRejectsTest {

    private static void refused(Executable write, String... words) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, write);
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), () -> "\"" + e.getMessage() + "\" should mention \"" + w + "\"");
        }
    }

    private static Executable write(String signature, Object value) {
        return () -> new WireWriter(LE).writeValue(Signature.single(signature).type(), value);
    }

    @Test
    void unsignedValuesOutOfRange() {
        refused(() -> new WireWriter(LE).writeUInt16(-1), "-1", "out of range for UINT16 'q' (0..65535)");
        refused(() -> new WireWriter(LE).writeUInt16(65536), "65536", "out of range");
        refused(() -> new WireWriter(LE).writeUInt32(-1L), "-1", "out of range for UINT32 'u' (0..4294967295)");
        refused(() -> new WireWriter(LE).writeUInt32(1L << 32), "4294967296", "out of range");
        refused(() -> new WireWriter(LE).writeUInt16Array(new int[] {1, 70000}), "70000", "out of range");
        refused(() -> new WireWriter(LE).writeUInt32Array(new long[] {-5}), "-5", "out of range");
        refused(write("q", 65536), "65536", "'q'");
        refused(write("u", 1L << 32), "4294967296", "'u'");
        refused(write("aq", new int[] {-1}), "-1", "'q'");
        refused(write("a{us}", Map.of(-1L, "x")), "-1", "'u'");
        // the edges themselves are fine
        new WireWriter(LE).writeUInt16(65535);
        new WireWriter(LE).writeUInt32(0xFFFFFFFFL);
    }

    @Test
    void stringsWithNul() {
        refused(() -> new WireWriter(LE).writeString("a\0b"), "NUL", "index 1");
        refused(() -> new WireWriter(LE).writeString("\0"), "NUL", "index 0");
        refused(() -> new WireWriter(LE).writeString("\u00e9\0"), "NUL", "index 1");
        refused(write("as", List.of("ok", "x\0")), "NUL");
        refused(write("v", Variant.ofString("\0")), "NUL");
    }

    @Test
    void unpairedSurrogates() {
        refused(() -> new WireWriter(LE).writeString("a\ud800"), "unpaired surrogate", "index 1");     // high at the end
        refused(() -> new WireWriter(LE).writeString("\ud800b"), "unpaired surrogate", "index 0");     // high, no low
        refused(() -> new WireWriter(LE).writeString("\udc00"), "unpaired surrogate", "index 0");      // low alone
        refused(() -> new WireWriter(LE).writeString("\u00e9\udc00\ud800"), "unpaired surrogate", "index 1");
        refused(() -> new WireWriter(LE).writeString("\ud800\ud800\udc00"), "unpaired surrogate", "index 0");
    }

    @Test
    void valuesOfTheWrongJavaType() {
        refused(write("i", "x"), "'i'", "Integer", "String");
        refused(write("u", 1), "'u'", "Long", "Integer");
        refused(write("ay", List.of((byte) 1)), "byte[]");
        refused(write("ai", new long[] {1}), "int[]");
        refused(write("a{sv}", Map.of("k", 1)), "value[k]", "'v'", "Variant");
        refused(write("(is)", Struct.of(1, 2)), "field1", "'s'", "String");
        refused(write("(is)", Struct.of(1)), "1 fields", "'(is)' has 2");
        refused(write("s", null), "null", "D-Bus has no null");
        refused(write("as", java.util.Arrays.asList("a", null)), "null");
        refused(() -> new WireWriter(LE).writeValues(Signature.of("ii"), List.of(1)), "2 types", "1 values");
    }

    /** {@code n} variants inside each other around the BYTE 1. */
    private static Variant nested(int n) {
        Variant v = Variant.ofByte((byte) 1);
        for (int i = 1; i < n; i++) {
            v = Variant.ofVariant(v);
        }
        return v;
    }

    @Test
    void nestingDeeperThan64() {
        // what the reader accepts, the writer writes ...
        WireWriter w = new WireWriter(LE);
        w.writeVariant(nested(64));
        assertEquals(64 * 3 + 1, w.size());
        // ... and what every receiver must reject, it refuses
        refused(() -> new WireWriter(LE).writeVariant(nested(65)), "nested more than 64");
        refused(write("av", List.of(nested(64))), "nested more than 64");
        refused(write("a{sv}", Map.of("k", nested(63))), "nested more than 64");
        // a chain far too long for the stack is refused as well, not a StackOverflowError
        refused(() -> new WireWriter(LE).writeVariant(nested(100_000)), "nested more than 64");
        // a refusal leaves the writer usable for the next value
        WireWriter again = new WireWriter(LE);
        assertThrows(IllegalArgumentException.class, () -> again.writeVariant(nested(65)));
        again.reset();
        again.writeVariant(nested(64));
    }
}

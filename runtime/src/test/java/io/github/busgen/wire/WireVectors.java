package io.github.busgen.wire;

import io.github.busgen.testing.Hex;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks one hand-written byte vector in both directions. */
final class WireVectors {
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    private WireVectors() {
    }

    /**
     * Asserts that {@code value} of type {@code signature}, written at absolute position
     * {@code start}, gives exactly {@code hex}; that reading (and skipping) those bytes at that
     * position gives the value back and ends at their end; and that every shorter prefix is
     * rejected as a protocol error. The bytes are read from inside a larger array, between garbage,
     * so that the array offset and the message position are independent.
     */
    static void vector(String signature, Object value, ByteOrder order, int start, String hex) {
        DBusType type = Signature.single(signature).type();
        byte[] expected = Hex.bytes(hex);
        String what = signature + " " + Values.toString(value) + " " + order + " at " + start;

        WireWriter w = new WireWriter(order, start, 1); // smallest buffer: growth is exercised too
        w.writeValue(type, value);
        assertEquals(Hex.of(expected), Hex.of(w.toByteArray()), "writer: " + what);
        assertEquals(start + expected.length, w.position(), "writer position: " + what);

        WireReader r = embedded(expected, expected.length, order, start);
        Object read;
        try {
            read = r.readValue(type);
        } catch (DBusProtocolException e) {
            throw new AssertionError("reader: " + what + ": " + e.getMessage(), e);
        }
        assertTrue(Values.deepEquals(value, read), () -> "reader: " + what + " read " + Values.toString(read));
        assertEquals(start + expected.length, r.position(), "reader position: " + what);
        assertTrue(r.atEnd());

        WireReader s = embedded(expected, expected.length, order, start);
        try {
            s.skipValue(type);
        } catch (DBusProtocolException e) {
            throw new AssertionError("skip: " + what + ": " + e.getMessage(), e);
        }
        assertEquals(start + expected.length, s.position(), "skip position: " + what);

        for (int n = 0; n < expected.length; n++) {
            int len = n;
            assertThrows(DBusProtocolException.class, () -> embedded(expected, len, order, start).readValue(type),
                    () -> "reading the first " + len + " bytes of " + what);
            assertThrows(DBusProtocolException.class, () -> embedded(expected, len, order, start).skipValue(type),
                    () -> "skipping the first " + len + " bytes of " + what);
        }
    }

    /** A reader over the first {@code length} of {@code bytes}, copied to offset 7 of a larger array full of 0xEE. */
    static WireReader embedded(byte[] bytes, int length, ByteOrder order, int start) {
        byte[] buf = new byte[bytes.length + 14];
        Arrays.fill(buf, (byte) 0xEE);
        System.arraycopy(bytes, 0, buf, 7, bytes.length);
        return new WireReader(buf, 7, length, order, start);
    }

    /** A map that keeps the order of {@code keysAndValues}, as the wire does. */
    static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}

package io.github.busgen.wire;

import io.github.busgen.testing.Hex;
import org.junit.jupiter.api.Test;

import static io.github.busgen.testing.ProtocolErrors.assertProtocolError;
import static io.github.busgen.wire.WireVectors.BE;
import static io.github.busgen.wire.WireVectors.LE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The value-by-value API that generated code calls: positions, limits, arrays opened and closed by hand. */
class WireReaderApiTest {

    @Test
    void positionsAreAbsolute() throws DBusProtocolException {
        byte[] b = Hex.bytes("ee ee | 00 00 00 | 2a 00 00 00 | ee");
        WireReader r = new WireReader(b, 2, 7, LE, 5); // 7 bytes from array index 2, at message position 5
        assertEquals(5, r.position());
        assertEquals(12, r.limit());
        assertEquals(7, r.remaining());
        assertEquals(42, r.readInt32());
        assertEquals(12, r.position());
        assertTrue(r.atEnd());
        assertEquals(LE, r.order());
        r.seek(5);
        assertEquals(42, r.readInt32());
        // the data is positions 5..12: seeking outside it is refused
        assertThrows(IllegalArgumentException.class, () -> r.seek(13));
        assertThrows(IllegalArgumentException.class, () -> r.seek(4));
        assertThrows(IllegalArgumentException.class, () -> r.seek(0));
        assertThrows(IllegalArgumentException.class, () -> new WireReader(b, 5, 7, LE));
    }

    @Test
    void arraysByHand() throws DBusProtocolException {
        // as{..}: two strings, read element by element
        byte[] b = Hex.bytes("00 00 00 0e | 00 00 00 01 61 00 | 00 00 | 00 00 00 01 62 00");
        WireReader r = new WireReader(b, 0, b.length, BE);
        int outer = r.beginArray(4);
        assertEquals(18, r.limit(), "inside the array the limit is its end");
        assertEquals("a", r.readString());
        assertTrue(r.hasNext());
        assertEquals("b", r.readString());
        assertFalse(r.hasNext());
        r.endArray(outer);
        assertEquals(b.length, r.limit());
    }

    @Test
    void endingAnArrayBeforeItsElementsAreReadIsAProtocolError() throws DBusProtocolException {
        byte[] b = Hex.bytes("08 00 00 00 | 01 00 00 00 02 00 00 00");
        WireReader r = new WireReader(b, 0, b.length, LE);
        int outer = r.beginArray(4);
        assertEquals(1, r.readInt32());
        assertProtocolError(8, () -> r.endArray(outer), "do not fill");
    }

    @Test
    void typedArrayReaders() throws DBusProtocolException {
        byte[] b = Hex.bytes("02 00 00 00 | 05 06 | 00 00 | 04 00 00 00 | ff ff fe ff");
        WireReader r = new WireReader(b, 0, b.length, LE);
        assertArrayEquals(new byte[] {5, 6}, r.readByteArray());
        assertArrayEquals(new int[] {65535, 65534}, r.readUInt16Array());
        assertTrue(r.atEnd());
    }
}

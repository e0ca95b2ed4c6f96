package io.github.busgen.wire;

import io.github.busgen.names.ObjectPath;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.busgen.wire.WireVectors.BE;
import static io.github.busgen.wire.WireVectors.LE;
import static io.github.busgen.wire.WireVectors.map;
import static io.github.busgen.wire.WireVectors.vector;

/**
 * Byte vectors written by hand for every type code, containers and nesting, in both byte orders and
 * at odd start positions ("Marshaling (Wire Format)"). In the hex, '|' separates alignment padding
 * from data; the comment says where each part lies in the message.
 */
class WireVectorsTest {

    @Test
    void byteY() {
        vector("y", (byte) 0xAB, LE, 0, "ab");
        vector("y", (byte) 0xAB, BE, 3, "ab");             // 1-aligned: never padded
        vector("y", (byte) 0, LE, 5, "00");
    }

    @Test
    void booleanB() {
        vector("b", true, LE, 0, "01 00 00 00");           // a UINT32 0 or 1
        vector("b", true, BE, 0, "00 00 00 01");
        vector("b", true, LE, 1, "00 00 00 | 01 00 00 00"); // 1 -> 4
        vector("b", false, BE, 3, "00 | 00 00 00 00");      // 3 -> 4
        vector("b", true, BE, 5, "00 00 00 | 00 00 00 01"); // 5 -> 8
    }

    @Test
    void int16N() {
        vector("n", (short) 0x0102, LE, 0, "02 01");
        vector("n", (short) 0x0102, BE, 0, "01 02");
        vector("n", (short) -2, LE, 1, "00 | fe ff");        // 1 -> 2
        vector("n", (short) -2, BE, 3, "00 | ff fe");        // 3 -> 4
        vector("n", Short.MIN_VALUE, LE, 5, "00 | 00 80");
        vector("n", Short.MAX_VALUE, BE, 5, "00 | 7f ff");
    }

    @Test
    void uint16Q() {
        vector("q", 65535, LE, 0, "ff ff");
        vector("q", 0x0102, BE, 1, "00 | 01 02");
        vector("q", 0x0102, LE, 3, "00 | 02 01");
        vector("q", 0, BE, 5, "00 | 00 00");
        vector("q", 0x8000, BE, 0, "80 00");                 // above Short.MAX_VALUE stays positive
    }

    @Test
    void int32I() {
        vector("i", 0x01020304, LE, 0, "04 03 02 01");
        vector("i", 0x01020304, BE, 0, "01 02 03 04");
        vector("i", -2, LE, 1, "00 00 00 | fe ff ff ff");
        vector("i", -2, BE, 1, "00 00 00 | ff ff ff fe");
        vector("i", Integer.MIN_VALUE, LE, 3, "00 | 00 00 00 80");
        vector("i", Integer.MAX_VALUE, BE, 5, "00 00 00 | 7f ff ff ff");
    }

    @Test
    void uint32U() {
        vector("u", 0xFFFFFFFFL, LE, 0, "ff ff ff ff");      // 4294967295, the largest
        vector("u", 0x80000001L, LE, 1, "00 00 00 | 01 00 00 80");
        vector("u", 0x80000001L, BE, 3, "00 | 80 00 00 01");
        vector("u", 0L, BE, 5, "00 00 00 | 00 00 00 00");
    }

    @Test
    void int64X() {
        vector("x", 0x0102030405060708L, LE, 0, "08 07 06 05 04 03 02 01");
        vector("x", 0x0102030405060708L, BE, 0, "01 02 03 04 05 06 07 08");
        vector("x", Long.MIN_VALUE, LE, 1, "00 00 00 00 00 00 00 | 00 00 00 00 00 00 00 80"); // 1 -> 8
        vector("x", -2L, BE, 3, "00 00 00 00 00 | ff ff ff ff ff ff ff fe");                  // 3 -> 8
        vector("x", Long.MAX_VALUE, LE, 5, "00 00 00 | ff ff ff ff ff ff ff 7f");             // 5 -> 8
    }

    @Test
    void uint64T() {
        vector("t", -1L, BE, 5, "00 00 00 | ff ff ff ff ff ff ff ff");   // 2^64-1 in a long's 64 bits
        vector("t", Long.MIN_VALUE, LE, 0, "00 00 00 00 00 00 00 80");   // 2^63
        vector("t", 1L, BE, 1, "00 00 00 00 00 00 00 | 00 00 00 00 00 00 00 01");
    }

    @Test
    void doubleD() {
        vector("d", 1.0, LE, 0, "00 00 00 00 00 00 f0 3f");
        vector("d", 1.0, BE, 0, "3f f0 00 00 00 00 00 00");
        vector("d", -0.0, LE, 3, "00 00 00 00 00 | 00 00 00 00 00 00 00 80");
        vector("d", Double.POSITIVE_INFINITY, BE, 1, "00 00 00 00 00 00 00 | 7f f0 00 00 00 00 00 00");
        vector("d", Double.MIN_VALUE, LE, 5, "00 00 00 | 01 00 00 00 00 00 00 00");
        vector("d", Double.NaN, BE, 0, "7f f8 00 00 00 00 00 00");
    }

    @Test
    void stringS() {
        vector("s", "", LE, 0, "00 00 00 00 | 00");                          // length 0, then the NUL
        vector("s", "hi", LE, 1, "00 00 00 | 02 00 00 00 | 68 69 00");
        vector("s", "hi", BE, 1, "00 00 00 | 00 00 00 02 | 68 69 00");
        // U+00E9 (2 bytes), U+20AC (3 bytes), U+1F600 (4 bytes, a surrogate pair in Java): 9 bytes
        vector("s", "\u00e9\u20ac\ud83d\ude00", LE, 3, "00 | 09 00 00 00 | c3 a9 e2 82 ac f0 9f 98 80 00");
        // the edges of each UTF-8 length: U+0080, U+07FF, U+0800
        vector("s", "\u0080\u07ff\u0800", BE, 0, "00 00 00 07 | c2 80 df bf e0 a0 80 00");
        // U+10FFFF, the last code point
        vector("s", "\udbff\udfff", LE, 0, "04 00 00 00 | f4 8f bf bf 00");
        // noncharacters are allowed (specification 0.21, Unicode Corrigendum #9)
        vector("s", "\ufffe", BE, 5, "00 00 00 | 00 00 00 03 | ef bf be 00");
    }

    @Test
    void objectPathO() {
        vector("o", ObjectPath.ROOT, LE, 0, "01 00 00 00 | 2f 00");
        vector("o", ObjectPath.of("/a/b"), LE, 5, "00 00 00 | 04 00 00 00 | 2f 61 2f 62 00");
        vector("o", ObjectPath.of("/a/b"), BE, 3, "00 | 00 00 00 04 | 2f 61 2f 62 00");
    }

    @Test
    void signatureG() {
        vector("g", Signature.EMPTY, LE, 0, "00 00");                         // one length byte, NUL
        vector("g", Signature.of("a{sv}"), BE, 3, "05 | 61 7b 73 76 7d 00"); // 1-aligned, length 5
        vector("g", Signature.of("i"), LE, 1, "01 69 00");
    }

    @Test
    void unixFdH() {
        vector("h", UnixFd.ofIndex(3), LE, 1, "00 00 00 | 03 00 00 00");
        vector("h", UnixFd.ofIndex(3), BE, 0, "00 00 00 03");
        vector("h", UnixFd.ofIndex(-1), LE, 5, "00 00 00 | ff ff ff ff");   // index 2^32-1
    }

    @Test
    void variantV() {
        // the specification's example: signature "t", padding to 8, the value
        vector("v", Variant.ofUInt64(5), BE, 0, "01 74 00 | 00 00 00 00 00 | 00 00 00 00 00 00 00 05");
        vector("v", Variant.ofUInt32(7), LE, 1, "01 75 00 | 07 00 00 00");       // value at 4: no padding
        vector("v", Variant.ofUInt32(7), LE, 0, "01 75 00 | 00 | 07 00 00 00");  // value padded 3 -> 4
        vector("v", Variant.ofByte((byte) 0x2a), BE, 5, "01 79 00 | 2a");
        // a variant holding a variant holding "x": signatures at 3 and 6, string length at 12
        vector("v", Variant.ofVariant(Variant.ofString("x")), LE, 3,
                "01 76 00 | 01 73 00 | 00 00 00 | 01 00 00 00 | 78 00");
        // a variant holding the struct (is): signature at 0..5, struct padded to 8
        vector("v", Variant.of("(is)", Struct.of(1, "a")), BE, 0,
                "04 28 69 73 29 00 | 00 00 | 00 00 00 01 | 00 00 00 01 | 61 00");
        // signature "ai" at 5..8, padding 9..11, array length at 12, element at 16
        vector("v", Variant.of("ai", new int[] {1}), LE, 5, "02 61 69 00 | 00 00 00 | 04 00 00 00 | 01 00 00 00");
    }

    @Test
    void fixedArrays() {
        vector("ai", new int[] {1, -1}, LE, 1, "00 00 00 | 08 00 00 00 | 01 00 00 00 ff ff ff ff");
        vector("ai", new int[] {1, -1}, BE, 0, "00 00 00 08 | 00 00 00 01 ff ff ff ff");
        // the specification's example: length 8, padding to 8, the INT64 5
        vector("at", new long[] {5}, BE, 0, "00 00 00 08 | 00 00 00 00 | 00 00 00 00 00 00 00 05");
        vector("at", new long[] {5}, LE, 1, "00 00 00 | 08 00 00 00 | 05 00 00 00 00 00 00 00");   // elements at 8
        vector("at", new long[] {5}, LE, 3, "00 | 08 00 00 00 | 05 00 00 00 00 00 00 00");
        vector("at", new long[] {5}, LE, 5, "00 00 00 | 08 00 00 00 | 00 00 00 00 | 05 00 00 00 00 00 00 00");
        vector("ay", new byte[] {1, 2, 3}, LE, 3, "00 | 03 00 00 00 | 01 02 03");
        vector("ay", new byte[] {1, 2, 3}, BE, 3, "00 | 00 00 00 03 | 01 02 03");
        vector("ab", new boolean[] {true, false}, BE, 1, "00 00 00 | 00 00 00 08 | 00 00 00 01 00 00 00 00");
        vector("an", new short[] {1, -2}, LE, 5, "00 00 00 | 04 00 00 00 | 01 00 fe ff");
        vector("aq", new int[] {65535, 1}, BE, 0, "00 00 00 04 | ff ff 00 01");
        vector("au", new long[] {0xFFFFFFFFL, 2}, LE, 0, "08 00 00 00 | ff ff ff ff 02 00 00 00");
        vector("ax", new long[] {-1, 1}, BE, 3, "00 | 00 00 00 10 | ff ff ff ff ff ff ff ff 00 00 00 00 00 00 00 01");
        vector("ad", new double[] {1.0}, BE, 1, "00 00 00 | 00 00 00 08 | 3f f0 00 00 00 00 00 00");
    }

    @Test
    void emptyArraysKeepThePaddingToTheirElementAlignment() {
        // "the alignment padding for the first element is required even if there is no first element"
        vector("ax", new long[0], LE, 0, "00 00 00 00 | 00 00 00 00");            // length at 0, pad 4 -> 8
        vector("ax", new long[0], BE, 5, "00 00 00 | 00 00 00 00 | 00 00 00 00"); // length at 8, pad 12 -> 16
        vector("ax", new long[0], LE, 1, "00 00 00 | 00 00 00 00");               // length at 4, 8 is aligned
        vector("ad", new double[0], BE, 0, "00 00 00 00 | 00 00 00 00");
        vector("at", new long[0], LE, 3, "00 | 00 00 00 00");
        vector("a(i)", List.of(), LE, 0, "00 00 00 00 | 00 00 00 00");            // structs align to 8
        vector("a(i)", List.of(), LE, 3, "00 | 00 00 00 00");
        vector("a{sv}", map(), BE, 5, "00 00 00 | 00 00 00 00 | 00 00 00 00");     // dict entries too
        vector("ay", new byte[0], LE, 3, "00 | 00 00 00 00");
        vector("as", List.of(), BE, 1, "00 00 00 | 00 00 00 00");
        vector("av", List.of(), LE, 0, "00 00 00 00");
    }

    @Test
    void arraysOfStringLikeAndVariants() {
        // "a" at 4..9, padding 10..11, "bc" at 12..18: 15 bytes of elements
        vector("as", List.of("a", "bc"), LE, 0, "0f 00 00 00 | 01 00 00 00 61 00 | 00 00 | 02 00 00 00 62 63 00");
        vector("as", List.of("a", "bc"), BE, 0, "00 00 00 0f | 00 00 00 01 61 00 | 00 00 | 00 00 00 02 62 63 00");
        vector("ao", List.of(ObjectPath.ROOT, ObjectPath.of("/x")), BE, 3,
                "00 | 00 00 00 0f | 00 00 00 01 2f 00 | 00 00 | 00 00 00 02 2f 78 00");
        vector("ag", List.of(Signature.of("i"), Signature.EMPTY), LE, 0, "05 00 00 00 | 01 69 00 | 00 00");
        vector("ah", List.of(UnixFd.ofIndex(1)), LE, 0, "04 00 00 00 | 01 00 00 00");
        // <y 1> at 8..11; <s ""> signature at 12..14, padding 15, length 16..19, NUL 20
        vector("av", List.of(Variant.ofByte((byte) 1), Variant.ofString("")), LE, 1,
                "00 00 00 | 0d 00 00 00 | 01 79 00 01 | 01 73 00 | 00 | 00 00 00 00 00");
    }

    @Test
    void structs() {
        // padding 3 -> 8, BYTE at 8, padding 9..11, INT32 at 12
        vector("(yi)", Struct.of((byte) 0x2a, 0x01020304), LE, 3, "00 00 00 00 00 | 2a | 00 00 00 | 04 03 02 01");
        vector("(yi)", Struct.of((byte) 0x2a, 0x01020304), BE, 0, "2a | 00 00 00 | 01 02 03 04");
        vector("(y)", Struct.of((byte) 7), LE, 1, "00 00 00 00 00 00 00 | 07");
        vector("(x)", Struct.of(1L), BE, 5, "00 00 00 | 00 00 00 00 00 00 00 01");
        // the second inner struct starts on the next 8-boundary
        vector("((y)(y))", Struct.of(Struct.of((byte) 1), Struct.of((byte) 2)), LE, 0,
                "01 | 00 00 00 00 00 00 00 | 02");
        vector("(sv)", Struct.of("k", Variant.ofInt16((short) 3)), BE, 0,
                "00 00 00 01 6b 00 | 01 6e 00 | 00 | 00 03");
    }

    @Test
    void dictEntries() {
        // entries at 8 and 16; each padded to 8 like a struct, the q after its y padded to 2
        vector("a{yq}", map((byte) 1, 2, (byte) 3, 4), LE, 0,
                "0c 00 00 00 | 00 00 00 00 | 01 00 02 00 | 00 00 00 00 | 03 00 04 00");
        vector("a{yq}", map((byte) 1, 2, (byte) 3, 4), BE, 0,
                "00 00 00 0c | 00 00 00 00 | 01 00 00 02 | 00 00 00 00 | 03 00 00 04");
        // key "k" at 8..13, variant signature "i" at 14..16, padding 17..19, INT32 at 20
        vector("a{sv}", map("k", Variant.ofInt32(1)), LE, 0,
                "10 00 00 00 | 00 00 00 00 | 01 00 00 00 6b 00 | 01 69 00 | 00 00 00 | 01 00 00 00");
        vector("a{sv}", map("k", Variant.ofInt32(1)), BE, 3,
                "00 | 00 00 00 10 | 00 00 00 01 6b 00 | 01 69 00 | 00 00 00 | 00 00 00 01");
    }

    @Test
    void nestedContainers() {
        // GetManagedObjects-like a{oa{sv}} at 5: outer length at 8, entry at 16, inner length at 24,
        // inner entry at 32, BOOLEAN at 44
        vector("a{oa{sv}}", map(ObjectPath.of("/a"), map("n", Variant.ofBoolean(true))), LE, 5,
                "00 00 00 | 20 00 00 00 | 00 00 00 00 | 02 00 00 00 2f 61 00 | 00 | 10 00 00 00 | 00 00 00 00"
                        + " | 01 00 00 00 6e 00 | 01 62 00 | 00 00 00 | 01 00 00 00");
        vector("aai", List.of(new int[] {1}, new int[0]), LE, 0,
                "0c 00 00 00 | 04 00 00 00 | 01 00 00 00 | 00 00 00 00");
        vector("aai", List.of(new int[] {1}, new int[0]), BE, 1,
                "00 00 00 | 00 00 00 0c | 00 00 00 04 | 00 00 00 01 | 00 00 00 00");
        // an empty INT64 array inside a struct keeps its padding, so the next struct starts at 16
        vector("a(ax)", List.of(Struct.of((Object) new long[0]), Struct.of((Object) new long[] {7})), LE, 0,
                "18 00 00 00 | 00 00 00 00 | 00 00 00 00 | 00 00 00 00 | 08 00 00 00 | 00 00 00 00"
                        + " | 07 00 00 00 00 00 00 00");
    }
}

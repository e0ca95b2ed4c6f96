package io.github.busgen.wire;

import io.github.busgen.testing.Hex;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static io.github.busgen.testing.ProtocolErrors.assertProtocolError;
import static io.github.busgen.testing.ProtocolErrors.noProtocolError;
import static io.github.busgen.wire.WireVectors.BE;
import static io.github.busgen.wire.WireVectors.LE;
import static io.github.busgen.wire.WireVectors.embedded;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bytes that break the wire format, one problem per test: the reader must throw
 * {@link DBusProtocolException} saying what is wrong and at which offset, from readValue and
 * skipValue alike. Little-endian at position 0 unless a case says otherwise.
 */
class MalformedWireTest {

    /** Asserts that reading and skipping a {@code signature} value from {@code hex} both fail as described. */
    private static void rejected(String signature, ByteOrder order, int start, String hex, long offset, String... words) {
        DBusType type = Signature.single(signature).type();
        byte[] b = Hex.bytes(hex);
        assertProtocolError(offset, () -> embedded(b, b.length, order, start).readValue(type), words);
        assertProtocolError(offset, () -> embedded(b, b.length, order, start).skipValue(type), words);
    }

    private static void rejected(String signature, String hex, long offset, String... words) {
        rejected(signature, LE, 0, hex, offset, words);
    }

    @Test
    void truncatedValues() {
        rejected("u", "01 02 03", 0, "truncated", "needs 4 bytes, 3 left", "end of the data");
        rejected("x", LE, 1, "00 00 00 00 00 00 00 | 01 02", 8, "truncated", "needs 8 bytes");
        rejected("x", LE, 1, "00 00", 1, "truncated padding");
        rejected("s", "05 00 00 00 | 61 62", 0, "STRING length 5", "runs past the end of the data");
        rejected("s", "01 00", 0, "truncated STRING length");
        rejected("g", "05 69 69", 0, "SIGNATURE length 5", "runs past");
        rejected("(yi)", "2a 00 00 00", 4, "truncated");
        rejected("v", "01 69 00", 3, "truncated");
    }

    @Test
    void nonZeroPadding() {
        rejected("x", LE, 1, "00 00 01 00 00 00 00 | 05 00 00 00 00 00 00 00", 3, "non-zero", "padding");
        rejected("(yi)", "2a 00 ff 00 | 01 00 00 00", 2, "non-zero", "padding");
        rejected("v", "01 75 00 | 01 | 07 00 00 00", 3, "non-zero", "padding");
        // the padding before the first element of an empty array must be zero as well
        rejected("ax", "00 00 00 00 | 00 00 01 00", 6, "non-zero", "padding");
        rejected("a{yy}", BE, 5, "00 00 00 | 00 00 00 00 | 00 00 00 80", 15, "non-zero", "padding");
    }

    @Test
    void booleanOtherThanZeroOrOne() {
        rejected("b", "02 00 00 00", 0, "BOOLEAN value 2", "neither 0 nor 1");
        rejected("b", BE, 1, "00 00 00 | 80 00 00 00", 4, "BOOLEAN value 2147483648");
        rejected("ab", "08 00 00 00 | 01 00 00 00 | 02 00 00 00", 8, "BOOLEAN value 2");
        rejected("(yb)", "01 00 00 00 | 00 01 00 00", 4, "BOOLEAN value 256");
    }

    @Test
    void invalidUtf8() {
        rejected("s", "02 00 00 00 | c0 af 00", 4, "not valid UTF-8");               // overlong '/' in 2 bytes
        rejected("s", "03 00 00 00 | e0 80 af 00", 4, "not valid UTF-8");            // overlong '/' in 3 bytes
        rejected("s", "04 00 00 00 | f0 80 80 af 00", 4, "not valid UTF-8");         // overlong '/' in 4 bytes
        rejected("s", "03 00 00 00 | e0 9f bf 00", 4, "not valid UTF-8");            // overlong U+07FF
        rejected("s", "04 00 00 00 | 61 ed a0 80 00", 5, "not valid UTF-8");         // surrogate U+D800
        rejected("s", "03 00 00 00 | ed bf bf 00", 4, "not valid UTF-8");            // surrogate U+DFFF
        rejected("s", "04 00 00 00 | f4 90 80 80 00", 4, "not valid UTF-8");         // U+110000
        rejected("s", "04 00 00 00 | f5 80 80 80 00", 4, "not valid UTF-8");         // lead byte F5
        rejected("s", "02 00 00 00 | 61 c3 00", 5, "not valid UTF-8");               // truncated at the end
        rejected("s", "03 00 00 00 | e2 82 61 00", 4, "not valid UTF-8");            // truncated before 'a'
        rejected("s", "01 00 00 00 | 80 00", 4, "not valid UTF-8");                  // continuation, no lead
        rejected("s", "01 00 00 00 | ff 00", 4, "not valid UTF-8");
        rejected("as", "08 00 00 00 | 03 00 00 00 | 61 62 c3 00", 10, "not valid UTF-8");
    }

    @Test
    void nulInsideAString() {
        rejected("s", "03 00 00 00 | 61 00 62 00", 5, "contains a NUL");
        rejected("s", "04 00 00 00 | c3 a9 00 62 00", 6, "contains a NUL");         // after non-ASCII
        rejected("o", "03 00 00 00 | 2f 00 61 00", 0, "invalid object path");
        rejected("g", "03 69 00 69 00", 0, "invalid signature");
    }

    @Test
    void missingNulTerminator() {
        rejected("s", "02 00 00 00 | 61 62 63", 6, "not followed by a NUL");
        rejected("o", "02 00 00 00 | 2f 61 62", 6, "not followed by a NUL");
        rejected("g", "01 69 78", 2, "not followed by a NUL");
    }

    @Test
    void invalidObjectPathOnTheWire() {
        rejected("o", "03 00 00 00 | 2f 61 2f 00", 0, "invalid object path", "must not end with '/'");
        rejected("o", "00 00 00 00 | 00", 0, "invalid object path", "must not be empty");
        rejected("o", "03 00 00 00 | 2f c3 a9 00", 0, "invalid object path");
        rejected("ao", BE, 3, "00 | 00 00 00 06 | 00 00 00 01 | 61 00", 8, "invalid object path", "must begin with '/'");
    }

    @Test
    void invalidSignatureOnTheWire() {
        rejected("g", "02 61 29 00", 0, "invalid signature", "element type");
        rejected("g", "01 72 00", 0, "invalid signature", "type codes");
        rejected("g", "02 28 29 00", 0, "invalid signature", "empty struct");
        rejected("g", "01 c3 00", 0, "invalid signature");
    }

    @Test
    void arrayLongerThan64MiB() {
        rejected("ay", "01 00 00 04", 0, "ARRAY length 67108865", "exceeds the limit", "64 MiB");
        rejected("ai", BE, 1, "00 00 00 | ff ff ff ff", 4, "ARRAY length 4294967295", "exceeds the limit");
        // exactly 64 MiB is allowed, but must be there
        rejected("ay", "00 00 00 04", 0, "ARRAY length 67108864", "runs past the end of the data");
    }

    @Test
    void arrayLengthPastTheData() {
        rejected("ai", "08 00 00 00 | 01 00 00 00", 0, "ARRAY length 8", "runs past the end of the data", "4 bytes left");
        rejected("a(y)", "01 00 00 00 | 00 00 00 00", 0, "ARRAY length 1", "runs past");
        rejected("av", "05 00 00 00 | 01 79 00 07", 0, "ARRAY length 5", "runs past");
        // an inner array may not reach past its outer array, although the data goes on
        rejected("aay", "08 00 00 00 | 08 00 00 00 01 02 03 04 05 06 07 08", 4, "ARRAY length 8",
                "runs past the end of its array at offset 12");
    }

    @Test
    void elementsOverrunningTheArray() {
        rejected("as", "05 00 00 00 | 01 00 00 00 61 00", 4, "STRING length 1", "past the end of its array at offset 9");
        rejected("a(ii)", "06 00 00 00 | 00 00 00 00 | 01 00 00 00 02 00 00 00", 12, "truncated INT32",
                "end of its array at offset 14");
        rejected("av", "03 00 00 00 | 01 69 00 | 00 | 07 00 00 00", 7, "truncated padding", "end of its array");
        rejected("a{sv}", "0a 00 00 00 | 00 00 00 00 | 01 00 00 00 6b 00 | 01 69 00 | 00 00 00 | 01 00 00 00", 17,
                "truncated padding", "end of its array at offset 18"); // the INT32's padding at 17 passes 18
    }

    @Test
    void fixedArrayLengthNotAMultipleOfTheElementSize() {
        rejected("ai", "06 00 00 00 | 01 00 00 00 02 00", 0, "length 6", "not a multiple of 4");
        rejected("ax", "0c 00 00 00 | 00 00 00 00 | 01 00 00 00 00 00 00 00 02 00 00 00", 0, "length 12",
                "not a multiple of 8");
        rejected("an", "03 00 00 00 | 01 00 02", 0, "not a multiple of 2");
        rejected("ab", "05 00 00 00 | 01 00 00 00 00", 0, "not a multiple of 4");
        rejected("ad", BE, 5, "00 00 00 | 00 00 00 04 | 00 00 00 00 | 3f f0 00 00", 8, "not a multiple of 8");
        rejected("ah", "02 00 00 00 | 01 00", 0, "not a multiple of 4");
    }

    @Test
    void variantSignatureNotOneCompleteType() {
        rejected("v", "00 00 | 01", 0, "VARIANT signature is empty");
        rejected("v", "02 69 69 00 | 01 00 00 00 02 00 00 00", 0, "VARIANT signature \"ii\"", "not a single complete type");
        rejected("v", "01 72 00", 0, "invalid signature");
        rejected("v", "02 28 69 00", 0, "invalid signature", "close every struct");
        rejected("v", "ff 69 00", 0, "SIGNATURE length 255", "runs past");
    }

    /** {@code n} variants inside each other, the innermost holding the BYTE 1: 3 bytes per signature. */
    private static String nestedVariants(int n) {
        return "01 76 00 ".repeat(n - 1) + "01 79 00 01";
    }

    /**
     * {@code n} variants inside each other, the innermost holding 32 nested structs around the BYTE 7:
     * n - 1 signatures "v", the signature of the structs, zero padding to 8, the byte.
     */
    private static byte[] variantsAroundStructs(int n) {
        String structs = "(".repeat(32) + "y" + ")".repeat(32);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < n - 1; i++) {
            b.writeBytes(new byte[] {1, 'v', 0});
        }
        b.write(structs.length());
        b.writeBytes(structs.getBytes(StandardCharsets.US_ASCII));
        b.write(0);
        while (b.size() % 8 != 0) {
            b.write(0);
        }
        b.write(7);
        return b.toByteArray();
    }

    @Test
    void nestingDeeperThan64ThroughVariants() {
        // 64 levels are allowed ...
        byte[] ok = Hex.bytes(nestedVariants(64));
        DBusType v = Signature.single("v").type();
        Object value = noProtocolError(() -> embedded(ok, ok.length, LE, 0).readValue(v));
        int depth = 0;
        while (value instanceof Variant) {
            value = ((Variant) value).value();
            depth++;
        }
        assertEquals(64, depth);
        assertEquals((byte) 1, value);
        // ... the 65th, at offset 64 * 3, is not
        rejected("v", nestedVariants(65), 192, "nested more than 64 deep");
    }

    @Test
    void nestingDeeperThan64ThroughVariantsAndStructs() {
        // 32 variants around 32 structs make 64 levels: allowed
        byte[] ok = variantsAroundStructs(32);
        DBusType v = Signature.single("v").type();
        noProtocolError(() -> embedded(ok, ok.length, LE, 0).readValue(v));
        noProtocolError(() -> {
            embedded(ok, ok.length, LE, 0).skipValue(v);
            return null;
        });
        // 33 variants: the 32nd struct is level 65; the structs' signature ends at 32 * 3 + 68 = 164,
        // and the structs start at the next 8-boundary, 168
        byte[] deep = variantsAroundStructs(33);
        rejected("v", LE, 0, Hex.of(deep), 168, "nested more than 64 deep");
    }
}

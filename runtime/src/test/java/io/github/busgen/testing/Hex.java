package io.github.busgen.testing;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Hand-written byte vectors: hex digits, with spaces, newlines and '|' (a visual separator) ignored. */
public final class Hex {
    private Hex() {
    }

    /** The bytes spelled by {@code hex}, for example {@code "00 00 00 | 08 00 00 00"}. */
    public static byte[] bytes(String hex) {
        StringBuilder digits = new StringBuilder(hex.length());
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (c != ' ' && c != '|' && c != '\n') {
                digits.append(c);
            }
        }
        return HexFormat.of().parseHex(digits);
    }

    /** The arrays one after the other. */
    public static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The arrays one after the other. */
    public static byte[] concat(byte[]... parts) {
        return concat(Arrays.asList(parts));
    }

    /** {@code b} as space-separated hex pairs, for failure messages. */
    public static String of(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}

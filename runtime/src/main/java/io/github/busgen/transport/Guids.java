package io.github.busgen.transport;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Server GUIDs (specification, "UUIDs"): 128 bits written as exactly 32 hex digits, no hyphens.
 * A server sends its GUID in the {@code OK} line of authentication and puts it in the
 * {@code guid=} key of the addresses it listens on, so that a client can tell whether an address
 * still leads to the server it expects.
 */
public final class Guids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Guids() {
    }

    /**
     * A new GUID: 128 random bits in lowercase hex. The specification allows all-random GUIDs
     * ("probably better"); libdbus puts a timestamp in the last 32 bits instead.
     */
    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code s} is exactly 32 hex digits (either case). */
    public static boolean isValid(String s) {
        if (s == null || s.length() != 32) {
            return false;
        }
        for (int i = 0; i < 32; i++) {
            if (hexValue(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The value of an ASCII hex digit, or -1 ({@code Character.digit} would also take e.g. fullwidth digits). */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /**
     * Checks the GUID a server sent in {@code OK} against the {@code guid=} of the entry the client
     * connected to. An entry without {@code guid=} accepts any server. Hex case is ignored.
     *
     * @throws GuidMismatchException when the entry names a different GUID
     */
    public static void checkServerGuid(AddressEntry entry, String serverGuid) throws GuidMismatchException {
        String expected = entry.guid().orElse(null);
        if (expected != null && !expected.equalsIgnoreCase(serverGuid)) {
            throw new GuidMismatchException(entry, expected, serverGuid);
        }
    }
}

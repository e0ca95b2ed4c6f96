package io.github.busgen.auth;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One line of the authentication protocol, split into its command and arguments (specification,
 * "Protocol Overview"):
 * <pre>
 *   AUTH EXTERNAL 31303030\r\n        command = [A-Z_]+, then one space, then arguments
 *   ^^^^ ^^^^^^^^^^^^^^^^^
 *   name args                         (the \r\n is stripped by the line reader)
 * </pre>
 * Lines arrive as ISO-8859-1 strings, one char per byte, so that a non-ASCII byte or a NUL is still
 * visible here and can be answered with ERROR, as libdbus answers it.
 *
 * @param name the command: the line up to the first space
 * @param args everything after that space; empty when there is none
 */
record SaslCommand(String name, String args) {
    private static final HexFormat HEX = HexFormat.of();

    /** Splits a line (without its \r\n). */
    static SaslCommand parse(String line) {
        int space = line.indexOf(' ');
        return space < 0 ? new SaslCommand(line, "") : new SaslCommand(line.substring(0, space), line.substring(space + 1));
    }

    /** Whether every byte of {@code line} is ASCII and not NUL ("All bytes must be in the ASCII character set"). */
    static boolean isAsciiLine(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Lowercase hex, as DBUS_COOKIE_SHA1 requires and libdbus sends everywhere. */
    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Lowercase hex of the ASCII/UTF-8 bytes of {@code text}. */
    static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes hex (either case), or returns null when {@code s} is not an even number of hex digits.
     */
    static byte[] unhex(String s) {
        if (s.length() % 2 != 0) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return null;
            }
        }
        return HEX.parseHex(s);
    }

    /** {@code name} followed by a space and {@code hexData}, or just {@code name} when it is empty. */
    static String withData(String name, byte[] data) {
        return data.length == 0 ? name : name + ' ' + hex(data);
    }

    /** An ERROR line with its explanation quoted, the way libdbus writes it. */
    static String error(String explanation) {
        return "ERROR \"" + explanation + "\"";
    }

    /** Whether {@code s} is a non-empty run of ASCII digits. */
    static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * A numeric uid from decimal digits: 0..4294967294 (uid_t is 32 bits and (uid_t)-1 means "no
     * uid"), or -1 when {@code s} is not one.
     */
    static long parseUid(String s) {
        if (!isDigits(s) || s.length() > 10) {
            return -1;
        }
        long uid = Long.parseLong(s);
        return uid < 0xFFFF_FFFFL ? uid : -1;
    }

    /** {@code s} with control and non-ASCII characters written as \xNN, cut at 200 characters, for messages. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return s.length() > 200 ? b + "..." : b.toString();
    }
}

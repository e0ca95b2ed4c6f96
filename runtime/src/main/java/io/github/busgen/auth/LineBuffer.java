package io.github.busgen.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts received bytes into authentication lines and keeps what follows the last line taken.
 * <pre>
 *   AUTH EXTERNAL 31303030\r\nBEGIN\r\n l\1\0\1...     lines end at \r\n only (a lone \n stays in the line)
 *   ^^^^^^^^^^^^^^^^^^^^^^    ^^^^^    ^^^^^^^^^^^
 *   line                      line     leftover: the message stream, returned by drain()
 * </pre>
 * A line (without its \r\n) may be at most {@code maxLineLength} bytes; a longer one, complete or
 * not, is refused before it is buffered further, so a peer cannot make the buffer grow without end.
 * Not thread-safe.
 */
final class LineBuffer {
    /** libdbus refuses lines over 16 KiB too; real lines are under 1 KiB. */
    static final int DEFAULT_MAX_LINE_LENGTH = 16 * 1024;

    private final int maxLineLength;
    private byte[] buf = new byte[256];
    private int start;
    private int end;

    LineBuffer(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    /** Appends received bytes. */
    void append(byte[] bytes, int offset, int length) {
        if (end + length > buf.length) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
            if (end + length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + length));
            }
        }
        System.arraycopy(bytes, offset, buf, end, length);
        end += length;
    }

    /**
     * The next complete line without its \r\n, one char per byte; null when none is complete yet.
     *
     * @throws AuthenticationException when the line is longer than the limit
     */
    String nextLine() throws AuthenticationException {
        int limit = Math.min(end, start + maxLineLength + 2);
        for (int i = start; i + 1 < limit; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n') {
                String line = new String(buf, start, i - start, StandardCharsets.ISO_8859_1);
                start = i + 2;
                return line;
            }
        }
        if (end - start > maxLineLength + 1) {
            throw new AuthenticationException("the peer sent an authentication line longer than " + maxLineLength + " bytes");
        }
        return null;
    }

    /** How many bytes are buffered and not yet taken as lines. */
    int buffered() {
        return end - start;
    }

    /** Takes every buffered byte: what came after the last line. */
    byte[] drain() {
        byte[] rest = Arrays.copyOfRange(buf, start, end);
        start = end = 0;
        return rest;
    }
}

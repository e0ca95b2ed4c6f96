package io.github.busgen.wire;

/**
 * Strict UTF-8 validation as the specification asks of D-Bus strings: no overlong forms, no
 * surrogates (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences, and no NUL anywhere.
 * Noncharacters such as U+FFFE are allowed (specification 0.21, Unicode Corrigendum #9).
 */
final class Utf8 {
    /** Returned by {@link #check} for pure ASCII. */
    static final int ASCII = -1;
    /** Returned by {@link #check} for valid text with non-ASCII characters. */
    static final int VALID = -2;

    private Utf8() {
    }

    /**
     * Checks {@code b[from, to)}.
     *
     * @return {@link #ASCII}, {@link #VALID}, or the index of the first byte that is not valid
     */
    static int check(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] > 0) {
            i++;
        }
        if (i == to) {
            return ASCII;
        }
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c == 0) {
                return i;
            }
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return i; // a continuation byte without a lead, C0/C1 (always overlong), or F5..FF
            }
            if (i + need >= to) {
                return i; // truncated sequence
            }
            int cp = c & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return VALID;
    }
}

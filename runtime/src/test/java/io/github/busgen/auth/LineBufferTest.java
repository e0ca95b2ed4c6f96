package io.github.busgen.auth;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Cutting bytes into lines: \r\n only, the leftover after the last line, the length limit. */
class LineBufferTest {
    private static void add(LineBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        b.append(bytes, 0, bytes.length);
    }

    @Test
    void linesEndAtCrLfAndTheRestStays() throws Exception {
        LineBuffer b = new LineBuffer(100);
        add(b, "AUTH EXTERNAL 30\r\nBEG");
        assertEquals("AUTH EXTERNAL 30", b.nextLine());
        assertNull(b.nextLine());
        add(b, "IN\r");
        assertNull(b.nextLine());
        add(b, "\nl\u0001\u0000\r\nx\ny\r\n");
        assertEquals("BEGIN", b.nextLine());
        assertArrayEquals("l\u0001\u0000\r\nx\ny\r\n".getBytes(StandardCharsets.ISO_8859_1), b.drain());
        assertEquals(0, b.buffered());
    }

    @Test
    void aLoneLineFeedDoesNotEndALine() throws Exception {
        LineBuffer b = new LineBuffer(100);
        add(b, "a\nb\r\n");
        assertEquals("a\nb", b.nextLine());
    }

    @Test
    void bytesAreKeptOnePerChar() throws Exception {
        LineBuffer b = new LineBuffer(100);
        b.append(new byte[] {'A', (byte) 0xff, 0, '\r', '\n'}, 0, 5);
        assertEquals("A\u00ff\u0000", b.nextLine());
    }

    @Test
    void lineOfExactlyTheLimitIsAcceptedOneMoreIsNot() throws Exception {
        LineBuffer b = new LineBuffer(10);
        add(b, "0123456789\r\n");
        assertEquals("0123456789", b.nextLine());
        add(b, "0123456789A\r\n");
        AuthenticationException e = assertThrows(AuthenticationException.class, b::nextLine);
        assertEquals("the peer sent an authentication line longer than 10 bytes", e.getMessage());
    }

    @Test
    void incompleteOverlongLineIsRefusedBeforeItEnds() throws Exception {
        LineBuffer b = new LineBuffer(10);
        add(b, "0123456789\r");
        assertNull(b.nextLine(), "the \\n may still come");
        LineBuffer c = new LineBuffer(10);
        add(c, "0123456789AB");
        assertThrows(AuthenticationException.class, c::nextLine);
    }

    @Test
    void growsAcrossManyAppends() throws Exception {
        LineBuffer b = new LineBuffer(LineBuffer.DEFAULT_MAX_LINE_LENGTH);
        String line = "DATA " + "ab".repeat(3000);
        for (char c : (line + "\r\n").toCharArray()) {
            add(b, String.valueOf(c));
        }
        assertEquals(line, b.nextLine());
    }
}

package io.github.busgen.transport;

import java.io.IOException;

/**
 * Thrown when the GUID a server sent in its {@code OK} line differs from the {@code guid=} of the
 * address the client connected to: the address has been taken over by another server (or the
 * server restarted), so the connection must not be used.
 */
public class GuidMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    /**
     * @param entry    the address entry that was connected to
     * @param expected its {@code guid=} value
     * @param actual   the GUID the server sent
     */
    public GuidMismatchException(AddressEntry entry, String expected, String actual) {
        super("server at " + entry + " identified itself with GUID " + actual + ", but the address names GUID "
                + expected + "; the address now belongs to a different server (or it restarted)");
        this.expected = expected;
        this.actual = actual;
    }

    /** The GUID the address names. */
    public String expected() {
        return expected;
    }

    /** The GUID the server sent. */
    public String actual() {
        return actual;
    }
}

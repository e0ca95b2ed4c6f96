package io.github.busgen.transport;

/**
 * Thrown when a string is not a valid D-Bus address (specification, "Server Addresses"). The
 * message quotes the entry at fault and says what is wrong with it, for example
 * {@code invalid D-Bus address entry "unix:path": "path" has no '=' (expected key=value)}.
 *
 * <p>An unchecked exception, like {@link io.github.busgen.names.InvalidNameException}: an address is
 * usually a constant or configuration, and a malformed one is a programming or setup error.
 */
public class InvalidAddressException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String entry;
    private final String problem;

    /**
     * @param entry   the address entry (or the whole address) that is malformed
     * @param problem what is wrong with it
     */
    public InvalidAddressException(String entry, String problem) {
        super("invalid D-Bus address entry \"" + shorten(entry) + "\": " + problem);
        this.entry = entry;
        this.problem = problem;
    }

    /** Wraps {@code cause} to say where the malformed address came from, e.g. an environment variable. */
    public InvalidAddressException(String source, InvalidAddressException cause) {
        super(source + ": " + cause.getMessage(), cause);
        this.entry = cause.entry;
        this.problem = cause.problem;
    }

    private static String shorten(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** The malformed entry, or the whole address when the problem concerns it as a whole. */
    public String entry() {
        return entry;
    }

    /** What is wrong, without the quoted entry. */
    public String problem() {
        return problem;
    }
}

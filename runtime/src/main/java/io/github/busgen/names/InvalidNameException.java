package io.github.busgen.names;

/**
 * Thrown when a string is not a valid D-Bus name, object path or signature. The message says what
 * kind of name was expected, quotes the input, and names the {@link NameRule} that failed.
 */
public class InvalidNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String input;
    private final NameRule rule;
    private final int index;

    /**
     * @param kind  what was being validated, for example "interface name"
     * @param input the rejected string
     * @param rule  the rule it breaks
     * @param index the character index where the problem was found, or -1
     */
    public InvalidNameException(String kind, String input, NameRule rule, int index) {
        super(describe(kind, input, rule, index));
        this.kind = kind;
        this.input = input;
        this.rule = rule;
        this.index = index;
    }

    private static String describe(String kind, String input, NameRule rule, int index) {
        String shown = input.length() > 300 ? input.substring(0, 300) + "..." : input;
        StringBuilder b = new StringBuilder()
                .append("invalid ").append(kind).append(" \"").append(escape(shown)).append("\": ")
                .append("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ").append(kind).append(' ').append(rule.text());
        if (index >= 0) {
            b.append(" (at index ").append(index).append(')');
        }
        return b.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** What was being validated, for example "bus name". */
    public String kind() {
        return kind;
    }

    /** The rejected input. */
    public String input() {
        return input;
    }

    /** The rule that failed. */
    public NameRule rule() {
        return rule;
    }

    /** The index in {@link #input()} where the problem was found, or -1 when it concerns the whole. */
    public int index() {
        return index;
    }
}

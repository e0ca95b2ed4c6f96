package io.github.busgen.names;

/**
 * The character-level rules shared by the name types. Package-private: callers use the value
 * types' factories, which say which kind of name failed.
 */
final class NameChecks {
    static final int MAX_NAME_LENGTH = 255;

    private NameChecks() {
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Whether {@code check} accepts {@code name}: the {@code isValid} of every name type. A null
     * name is no name at all, and throws as {@code check} throws.
     */
    static boolean passes(java.util.function.Consumer<String> check, String name) {
        try {
            check.accept(name);
            return true;
        } catch (InvalidNameException e) {
            return false;
        }
    }

    /** Checks the length rules of bus, interface, error, member and property names: 1 to 255 characters. */
    static void checkLength(String kind, String s) {
        if (s.isEmpty()) {
            throw new InvalidNameException(kind, s, NameRule.EMPTY, -1);
        }
        if (s.length() > MAX_NAME_LENGTH) {
            throw new InvalidNameException(kind, s, NameRule.TOO_LONG, MAX_NAME_LENGTH);
        }
    }

    /** {@code [A-Za-z0-9_]}. */
    static boolean isNameChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '_';
    }

    /**
     * Checks a dotted name: interface names, error names and well-known bus names (and, with
     * {@code unique}, the part of a unique name after ':'). Returns normally when valid.
     *
     * @param minElements 2 for interface and error names; bus names always need a '.', which the
     *                    caller checks with its own rule
     */
    static void checkDotted(String kind, String s, int start, boolean allowHyphen, boolean digitsLead,
                            int minElements) {
        checkLength(kind, s);
        int len = s.length();
        int elements = 1;
        int elementStart = start;
        for (int i = start; i < len; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                // The ':' of a unique name is the content of its first element (libdbus and GLib agree,
                // and the specification only forbids a name *beginning* with '.'), so ":.a" is valid.
                if (i == elementStart && !(start > 0 && i == start)) {
                    throw new InvalidNameException(kind, s, NameRule.EMPTY_ELEMENT, i);
                }
                elements++;
                elementStart = i + 1;
            } else if (isNameChar(c) || (allowHyphen && c == '-')) {
                if (i == elementStart && isDigit(c) && !digitsLead) {
                    throw new InvalidNameException(kind, s, NameRule.LEADING_DIGIT, i);
                }
            } else {
                throw new InvalidNameException(kind, s,
                        allowHyphen ? NameRule.INVALID_BUS_NAME_CHARACTER : NameRule.INVALID_CHARACTER, i);
            }
        }
        // ":" alone is one element (the colon): what it lacks is the period, reported below
        if (elementStart == len && !(start > 0 && elementStart == start)) {
            throw new InvalidNameException(kind, s, NameRule.EMPTY_ELEMENT, len);
        }
        if (elements < minElements) {
            throw new InvalidNameException(kind, s,
                    minElements == 2 && allowHyphen ? NameRule.BUS_NAME_NEEDS_PERIOD : NameRule.TWO_ELEMENTS, -1);
        }
    }
}

package io.github.busgen.names;

/**
 * A D-Bus member name: the name of a method or signal, such as {@code GetNameOwner}. Property names
 * conventionally follow the same rules, but need not: see {@link PropertyName}.
 *
 * <p>Rules (specification, "Valid Names", "Member names"): 1 to 255 characters of
 * {@code [A-Za-z0-9_]}, not beginning with a digit, no '.'.
 *
 * <pre>
 * valid:   Hello   _foobar   foo89
 * invalid: 9Hello   foo-bar   blah.org   ""
 * </pre>
 */
public final class MemberName implements Comparable<MemberName> {
    private final String value;

    private MemberName(String value) {
        this.value = value;
    }

    /**
     * Returns the member name for {@code name}.
     *
     * @throws InvalidNameException naming the rule that failed
     */
    public static MemberName of(String name) {
        check(name);
        return new MemberName(name);
    }

    /** Whether {@code name} is a valid member name. */
    public static boolean isValid(String name) {
        return NameChecks.passes(MemberName::check, name);
    }

    private static void check(String name) {
        if (name == null) {
            throw new NullPointerException("member name");
        }
        NameChecks.checkLength("member name", name);
        if (NameChecks.isDigit(name.charAt(0))) {
            throw new InvalidNameException("member name", name, NameRule.LEADING_DIGIT, 0);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                throw new InvalidNameException("member name", name, NameRule.MEMBER_HAS_PERIOD, i);
            }
            if (!NameChecks.isNameChar(c)) {
                throw new InvalidNameException("member name", name, NameRule.INVALID_CHARACTER, i);
            }
        }
    }

    /** The name as a string. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberName && ((MemberName) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(MemberName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

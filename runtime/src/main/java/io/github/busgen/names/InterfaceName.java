package io.github.busgen.names;

/**
 * A D-Bus interface name such as {@code org.freedesktop.DBus.Properties}.
 *
 * <p>Rules (specification, "Valid Names", "Interface names"): at most 255 characters; two or more
 * elements separated by '.', none empty; elements contain only {@code [A-Za-z0-9_]} and do not
 * begin with a digit.
 *
 * <pre>
 * valid:   org.freedesktop.DBus   a.b   org._7_zip.Plugin
 * invalid: org   org.   org..foo   org.7zip   org.foo-bar   :1.2
 * </pre>
 */
public final class InterfaceName implements Comparable<InterfaceName> {
    private final String value;

    private InterfaceName(String value) {
        this.value = value;
    }

    /**
     * Returns the interface name for {@code name}.
     *
     * @throws InvalidNameException naming the rule that failed
     */
    public static InterfaceName of(String name) {
        check("interface name", name);
        return new InterfaceName(name);
    }

    /** Whether {@code name} is a valid interface name. */
    public static boolean isValid(String name) {
        return NameChecks.passes(n -> check("interface name", n), name);
    }

    static void check(String kind, String name) {
        if (name == null) {
            throw new NullPointerException(kind);
        }
        NameChecks.checkDotted(kind, name, 0, false, false, 2);
    }

    /** The name as a string. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceName && ((InterfaceName) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(InterfaceName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

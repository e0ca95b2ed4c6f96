package io.github.busgen.names;

/**
 * A D-Bus bus name: a unique connection name such as {@code :1.42}, or a well-known name such as
 * {@code org.freedesktop.Notifications}.
 *
 * <p>Rules (specification, "Valid Names", "Bus names"): at most 255 characters; elements separated
 * by '.', at least two of them, none empty; elements contain only {@code [A-Za-z0-9_-]}; elements of
 * well-known names do not begin with a digit, elements of unique names (after the ':') may.
 *
 * <pre>
 * valid:   org.freedesktop.DBus   com.example.Music-Player1   :1.42   :abce.freedesktop.blah
 * invalid: org   .org.example   org..example   9org.example   :1   :   org.example!
 * </pre>
 *
 * <p>libdbus also accepts unique names without a period such as {@code :0}; busgen follows the
 * specification, which requires one (dbus-daemon only hands out {@code :N.M}).
 */
public final class BusName implements Comparable<BusName> {
    /** The bus itself, {@code org.freedesktop.DBus}. */
    public static final BusName DBUS = new BusName("org.freedesktop.DBus");

    private final String value;

    private BusName(String value) {
        this.value = value;
    }

    /**
     * Returns the bus name for {@code name}, unique or well-known.
     *
     * @throws InvalidNameException naming the rule that failed
     */
    public static BusName of(String name) {
        check(name);
        return new BusName(name);
    }

    /** Returns a unique connection name, rejecting well-known names. */
    public static BusName unique(String name) {
        BusName n = of(name);
        if (!n.isUnique()) {
            throw new IllegalArgumentException("not a unique connection name (must start with ':'): \"" + name + "\"");
        }
        return n;
    }

    /** Returns a well-known name, rejecting unique names. */
    public static BusName wellKnown(String name) {
        BusName n = of(name);
        if (n.isUnique()) {
            throw new IllegalArgumentException("not a well-known bus name (must not start with ':'): \"" + name + "\"");
        }
        return n;
    }

    /** Whether {@code name} is a valid bus name. */
    public static boolean isValid(String name) {
        return NameChecks.passes(BusName::check, name);
    }

    private static void check(String name) {
        if (name == null) {
            throw new NullPointerException("bus name");
        }
        boolean unique = !name.isEmpty() && name.charAt(0) == ':';
        NameChecks.checkDotted("bus name", name, unique ? 1 : 0, true, unique, 2);
    }

    /** Whether this is a unique connection name (starts with ':'). */
    public boolean isUnique() {
        return value.charAt(0) == ':';
    }

    /** The name as a string. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BusName && ((BusName) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(BusName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

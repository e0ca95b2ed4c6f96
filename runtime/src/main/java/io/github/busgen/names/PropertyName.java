package io.github.busgen.names;

/**
 * A D-Bus property name, such as {@code Count} or, in GObject style, {@code disable-printing}.
 *
 * <p>The specification sets no syntax for property names; it only asks for member-like ones
 * (section "org.freedesktop.DBus.Properties"):
 * <blockquote>Strictly speaking, D-Bus property names are not required to follow the same naming
 * restrictions as member names, but D-Bus property names that would not be valid member names (in
 * particular, GObject-style dash-separated property names) can cause interoperability problems and
 * should be avoided.</blockquote>
 * Real services use such names (xdg-desktop-portal's {@code org.freedesktop.impl.portal.Lockdown}
 * has {@code disable-printing}, GDBus serves them), so busgen accepts every name that can travel
 * safely where property names go: in the {@code STRING} arguments of Get, Set, GetAll and
 * PropertiesChanged, in introspection XML attributes, and on command lines of tools such as
 * {@code gdbus} and {@code dbus-send}.
 *
 * <p>busgen's rule: 1 to 255 characters (the maximum length of a member name), each a printable
 * ASCII character other than space ({@code '!'} to {@code '~'}). Every member name is a property
 * name; so are names with dashes, dots, colons or a leading digit. Whitespace, control characters,
 * non-ASCII characters and the empty string are not. (libdbus and GDBus pass such names through,
 * and so do {@code busctl get-property} and {@code set-property}; only sd-bus's own helpers,
 * {@code sd_bus_get_property} and the properties an sd-bus service declares, insist on member
 * names.)
 *
 * <pre>
 * valid:   Count   disable-printing   power-saver-enabled   org.example:Level   2fa
 * invalid: ""   "has space"   "tab\there"   "größe"   (256 characters)
 * </pre>
 */
public final class PropertyName implements Comparable<PropertyName> {
    private final String value;

    private PropertyName(String value) {
        this.value = value;
    }

    /**
     * Returns the property name for {@code name}.
     *
     * @throws InvalidNameException naming the rule that failed
     */
    public static PropertyName of(String name) {
        check(name);
        return new PropertyName(name);
    }

    /** Whether {@code name} is a valid property name. */
    public static boolean isValid(String name) {
        return NameChecks.passes(PropertyName::check, name);
    }

    private static void check(String name) {
        if (name == null) {
            throw new NullPointerException("property name");
        }
        NameChecks.checkLength("property name", name);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c > '~') { // printable ASCII without space: '!' (0x21) to '~' (0x7E)
                throw new InvalidNameException("property name", name, NameRule.PROPERTY_CHARACTER, i);
            }
        }
    }

    /** The name as a string. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyName && ((PropertyName) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(PropertyName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.github.busgen.names;

/**
 * A D-Bus error name such as {@code org.freedesktop.DBus.Error.UnknownMethod}.
 *
 * <p>Error names follow the same rules as interface names (specification, "Valid Names", "Error
 * names"): at most 255 characters, two or more non-empty elements of {@code [A-Za-z0-9_]} separated
 * by '.', none beginning with a digit.
 *
 * <pre>
 * valid:   org.freedesktop.DBus.Error.Failed   com.example.Error.NotFound
 * invalid: Failed   com.example.Error.   com.example.404
 * </pre>
 */
public final class ErrorName implements Comparable<ErrorName> {
    private final String value;

    private ErrorName(String value) {
        this.value = value;
    }

    /**
     * Returns the error name for {@code name}.
     *
     * @throws InvalidNameException naming the rule that failed
     */
    public static ErrorName of(String name) {
        InterfaceName.check("error name", name);
        return new ErrorName(name);
    }

    /** Whether {@code name} is a valid error name. */
    public static boolean isValid(String name) {
        return NameChecks.passes(n -> InterfaceName.check("error name", n), name);
    }

    /** The name as a string. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorName && ((ErrorName) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(ErrorName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package io.github.busgen.names;

/**
 * A D-Bus object path such as {@code /org/freedesktop/DBus}.
 *
 * <p>Rules (specification, "Valid Object Paths"): begins with '/'; elements separated by '/' contain
 * only {@code [A-Za-z0-9_]} and are not empty (no '//'); no trailing '/' except for the root path
 * '/'. Any length.
 *
 * <pre>
 * valid:   /   /foo   /org/freedesktop/DBus   /_1/a_b
 * invalid: ""   foo   /foo/   //   /foo//bar   /foo-bar   /foo bar
 * </pre>
 */
public final class ObjectPath implements Comparable<ObjectPath> {
    /** The root path {@code /}. */
    public static final ObjectPath ROOT = new ObjectPath("/");

    private final String value;

    private ObjectPath(String value) {
        this.value = value;
    }

    /**
     * Returns the object path for {@code path}.
     *
     * @throws InvalidNameException naming the rule that failed
     */
    public static ObjectPath of(String path) {
        check(path);
        return path.length() == 1 ? ROOT : new ObjectPath(path);
    }

    /** Whether {@code path} is a valid object path. */
    public static boolean isValid(String path) {
        return NameChecks.passes(ObjectPath::check, path);
    }

    private static void check(String path) {
        if (path == null) {
            throw new NullPointerException("object path");
        }
        int len = path.length();
        if (len == 0) {
            throw new InvalidNameException("object path", path, NameRule.EMPTY, -1);
        }
        if (path.charAt(0) != '/') {
            throw new InvalidNameException("object path", path, NameRule.PATH_START, 0);
        }
        if (len == 1) {
            return;
        }
        for (int i = 1; i < len; i++) {
            char c = path.charAt(i);
            if (c == '/') {
                if (path.charAt(i - 1) == '/') {
                    throw new InvalidNameException("object path", path, NameRule.PATH_EMPTY_ELEMENT, i);
                }
            } else if (!NameChecks.isNameChar(c)) {
                throw new InvalidNameException("object path", path, NameRule.PATH_CHARACTER, i);
            }
        }
        if (path.charAt(len - 1) == '/') {
            throw new InvalidNameException("object path", path, NameRule.PATH_TRAILING_SLASH, len - 1);
        }
    }

    /** The path as a string. */
    public String value() {
        return value;
    }

    /** Whether this is the root path {@code /}. */
    public boolean isRoot() {
        return value.length() == 1;
    }

    /**
     * Whether this path equals {@code ancestor} or lies below it ({@code /a/b} is below {@code /a}
     * and {@code /}, but not below {@code /ab}).
     */
    public boolean startsWith(ObjectPath ancestor) {
        if (ancestor.isRoot()) {
            return true;
        }
        String a = ancestor.value;
        return value.startsWith(a) && (value.length() == a.length() || value.charAt(a.length()) == '/');
    }

    /** The parent path, or {@code null} for the root. */
    public ObjectPath parent() {
        if (isRoot()) {
            return null;
        }
        int slash = value.lastIndexOf('/');
        return slash == 0 ? ROOT : new ObjectPath(value.substring(0, slash));
    }

    /**
     * The child path with one more element.
     *
     * @throws InvalidNameException when {@code element} is not a valid path element
     */
    public ObjectPath child(String element) {
        // Check the element on its own: "" on the root gave "/" back, and "b/c" added two elements.
        if (element.isEmpty()) {
            throw new InvalidNameException("object path element", element, NameRule.EMPTY, -1);
        }
        for (int i = 0; i < element.length(); i++) {
            if (!NameChecks.isNameChar(element.charAt(i))) {
                throw new InvalidNameException("object path element", element, NameRule.PATH_CHARACTER, i);
            }
        }
        return new ObjectPath(isRoot() ? "/" + element : value + "/" + element);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectPath && ((ObjectPath) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public int compareTo(ObjectPath o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

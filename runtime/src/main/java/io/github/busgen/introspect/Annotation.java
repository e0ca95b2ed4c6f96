package io.github.busgen.introspect;

import java.util.Objects;

/**
 * An introspection annotation: a name and a value attached to an interface, member or argument,
 * such as {@code org.freedesktop.DBus.Deprecated = true}.
 *
 * @param name  the annotation's name, a dotted name by convention
 * @param value its value
 */
public record Annotation(String name, String value) {
    /** {@code org.freedesktop.DBus.Deprecated} */
    public static final String DEPRECATED = "org.freedesktop.DBus.Deprecated";
    /** {@code org.freedesktop.DBus.Method.NoReply} */
    public static final String NO_REPLY = "org.freedesktop.DBus.Method.NoReply";
    /** {@code org.freedesktop.DBus.Property.EmitsChangedSignal} */
    public static final String EMITS_CHANGED_SIGNAL = "org.freedesktop.DBus.Property.EmitsChangedSignal";

    /** Checks that neither part is null. */
    public Annotation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}

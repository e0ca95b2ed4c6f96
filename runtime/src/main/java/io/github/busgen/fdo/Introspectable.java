package io.github.busgen.fdo;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;

/**
 * {@code org.freedesktop.DBus.Introspectable} (specification, "org.freedesktop.DBus.Introspectable"):
 * an object's description as introspection XML. Exported objects get it from the object registry;
 * call it through {@link IntrospectableProxy}.
 */
@DBusInterface("org.freedesktop.DBus.Introspectable")
public interface Introspectable {
    /** The object's interfaces and child nodes as introspection XML. */
    @DBusMethod(out = "xml_data")
    String introspect();
}

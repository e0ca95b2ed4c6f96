package io.github.busgen.fdo;

import io.github.busgen.annotation.DBusArg;
import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusSignal;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Variant;

import java.util.List;
import java.util.Map;

/**
 * {@code org.freedesktop.DBus.ObjectManager} (specification, "org.freedesktop.DBus.ObjectManager"):
 * the objects below a path with their interfaces and properties, and announcements as they come and
 * go. Services get it from {@link io.github.busgen.connection.Connection#exportObjectManager};
 * clients call it through {@link ObjectManagerProxy}.
 */
@DBusInterface("org.freedesktop.DBus.ObjectManager")
public interface ObjectManager {
    /** Every object below the manager: its path, its interfaces, and their properties. */
    @DBusMethod(out = "object_paths_interfaces_and_properties")
    Map<ObjectPath, Map<String, Map<String, Variant>>> getManagedObjects();

    /** An object appeared, or gained interfaces. */
    @DBusSignal
    record InterfacesAdded(@DBusArg("object_path") ObjectPath objectPath,
                           @DBusArg("interfaces_and_properties") Map<String, Map<String, Variant>> interfaces) {
    }

    /** An object lost interfaces, or went away. */
    @DBusSignal
    record InterfacesRemoved(@DBusArg("object_path") ObjectPath objectPath, List<String> interfaces) {
    }
}

package io.github.busgen.fdo;

import io.github.busgen.annotation.DBusArg;
import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusSignal;
import io.github.busgen.wire.Variant;

import java.util.List;
import java.util.Map;

/**
 * {@code org.freedesktop.DBus.Properties} (specification, "org.freedesktop.DBus.Properties"): the
 * properties of an object's interfaces, read and written generically. Generated proxies give typed
 * access to one interface's properties; {@link PropertiesProxy} gives the untyped calls, for
 * example to read every property at once.
 *
 * <pre>{@code
 * Map<String, Variant> all = PropertiesProxy.of(bus, service, path).getAll("org.example.Player");
 * }</pre>
 */
@DBusInterface("org.freedesktop.DBus.Properties")
public interface Properties {
    /** The value of one property. */
    @DBusMethod(out = "value")
    Variant get(@DBusArg("interface_name") String interfaceName, @DBusArg("property_name") String propertyName);

    /** Sets one property. */
    void set(@DBusArg("interface_name") String interfaceName, @DBusArg("property_name") String propertyName,
             Variant value);

    /** Every readable property of an interface, by name. */
    @DBusMethod(out = "props")
    Map<String, Variant> getAll(@DBusArg("interface_name") String interfaceName);

    /**
     * Properties of an interface changed: with their new values, or named as invalidated when the
     * value is not sent.
     */
    @DBusSignal
    record PropertiesChanged(@DBusArg("interface_name") String interfaceName,
                             @DBusArg("changed_properties") Map<String, Variant> changedProperties,
                             @DBusArg("invalidated_properties") List<String> invalidatedProperties) {
    }
}

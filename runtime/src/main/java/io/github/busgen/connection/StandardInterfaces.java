package io.github.busgen.connection;

import io.github.busgen.introspect.ArgInfo;
import io.github.busgen.introspect.InterfaceInfo;
import io.github.busgen.introspect.MethodInfo;
import io.github.busgen.introspect.SignalInfo;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;

import java.util.List;

/**
 * The descriptions of the standard interfaces that the object registry serves for every exported
 * object (specification, "Standard Interfaces").
 */
public final class StandardInterfaces {
    private StandardInterfaces() {
    }

    /** {@code org.freedesktop.DBus.Peer} */
    public static final InterfaceName PEER = InterfaceName.of("org.freedesktop.DBus.Peer");
    /** {@code org.freedesktop.DBus.Introspectable} */
    public static final InterfaceName INTROSPECTABLE = InterfaceName.of("org.freedesktop.DBus.Introspectable");
    /** {@code org.freedesktop.DBus.Properties} */
    public static final InterfaceName PROPERTIES = InterfaceName.of("org.freedesktop.DBus.Properties");
    /** {@code org.freedesktop.DBus.ObjectManager} */
    public static final InterfaceName OBJECT_MANAGER = InterfaceName.of("org.freedesktop.DBus.ObjectManager");

    private static MethodInfo method(String name, List<ArgInfo> in, List<ArgInfo> out) {
        return new MethodInfo(MemberName.of(name), in, out, List.of());
    }

    private static SignalInfo signal(String name, List<ArgInfo> args) {
        return new SignalInfo(MemberName.of(name), args, List.of());
    }

    /** Peer: Ping, GetMachineId. */
    public static final InterfaceInfo PEER_INFO = new InterfaceInfo(PEER, List.of(
            method("Ping", List.of(), List.of()),
            method("GetMachineId", List.of(), List.of(ArgInfo.of("machine_uuid", "s")))),
            List.of(), List.of(), List.of());

    /** Introspectable: Introspect. */
    public static final InterfaceInfo INTROSPECTABLE_INFO = new InterfaceInfo(INTROSPECTABLE, List.of(
            method("Introspect", List.of(), List.of(ArgInfo.of("xml_data", "s")))),
            List.of(), List.of(), List.of());

    /** Properties: Get, Set, GetAll, PropertiesChanged. */
    public static final InterfaceInfo PROPERTIES_INFO = new InterfaceInfo(PROPERTIES, List.of(
            method("Get", List.of(ArgInfo.of("interface_name", "s"), ArgInfo.of("property_name", "s")),
                    List.of(ArgInfo.of("value", "v"))),
            method("Set", List.of(ArgInfo.of("interface_name", "s"), ArgInfo.of("property_name", "s"),
                    ArgInfo.of("value", "v")), List.of()),
            method("GetAll", List.of(ArgInfo.of("interface_name", "s")), List.of(ArgInfo.of("props", "a{sv}")))),
            List.of(signal("PropertiesChanged", List.of(ArgInfo.of("interface_name", "s"),
                    ArgInfo.of("changed_properties", "a{sv}"), ArgInfo.of("invalidated_properties", "as")))),
            List.of(), List.of());

    /** ObjectManager: GetManagedObjects, InterfacesAdded, InterfacesRemoved. */
    public static final InterfaceInfo OBJECT_MANAGER_INFO = new InterfaceInfo(OBJECT_MANAGER, List.of(
            method("GetManagedObjects", List.of(),
                    List.of(ArgInfo.of("object_paths_interfaces_and_properties", "a{oa{sa{sv}}}")))),
            List.of(signal("InterfacesAdded", List.of(ArgInfo.of("object_path", "o"),
                            ArgInfo.of("interfaces_and_properties", "a{sa{sv}}"))),
                    signal("InterfacesRemoved", List.of(ArgInfo.of("object_path", "o"),
                            ArgInfo.of("interfaces", "as")))),
            List.of(), List.of());
}

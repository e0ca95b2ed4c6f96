package io.github.busgen.introspect;

import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;

import java.util.List;
import java.util.Objects;

/**
 * What an interface offers: its methods, signals, properties and annotations. Exported objects
 * describe themselves with it, the object registry checks calls against it, and Introspect prints
 * it as XML.
 *
 * @param name        the interface's name
 * @param methods     its methods
 * @param signals     its signals
 * @param properties  its properties
 * @param annotations its annotations
 */
public record InterfaceInfo(InterfaceName name, List<MethodInfo> methods, List<SignalInfo> signals,
                            List<PropertyInfo> properties, List<Annotation> annotations) {
    /** Copies the lists. */
    public InterfaceInfo {
        Objects.requireNonNull(name, "name");
        methods = List.copyOf(methods);
        signals = List.copyOf(signals);
        properties = List.copyOf(properties);
        annotations = List.copyOf(annotations);
    }

    /** The method named {@code member}, or null. */
    public MethodInfo method(MemberName member) {
        for (MethodInfo m : methods) {
            if (m.name().equals(member)) {
                return m;
            }
        }
        return null;
    }

    /** The signal named {@code member}, or null. */
    public SignalInfo signal(MemberName member) {
        for (SignalInfo s : signals) {
            if (s.name().equals(member)) {
                return s;
            }
        }
        return null;
    }

    /** The property named {@code name}, or null. */
    public PropertyInfo property(String name) {
        for (PropertyInfo p : properties) {
            if (p.name().value().equals(name)) {
                return p;
            }
        }
        return null;
    }
}

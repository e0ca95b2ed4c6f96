package io.github.busgen.processor.frontend.xml.tree;

import jakarta.xml.bind.annotation.XmlElement;

import java.util.ArrayList;
import java.util.List;

/** {@code <interface name="...">}: methods, signals, properties and annotations, each kind in document order. */
public final class XmlInterface extends XmlNamed {
    @XmlElement(name = "method")
    List<XmlMethod> methods = new ArrayList<>();
    @XmlElement(name = "signal")
    List<XmlSignal> signals = new ArrayList<>();
    @XmlElement(name = "property")
    List<XmlProperty> properties = new ArrayList<>();

    XmlInterface() {
    }

    /** Its {@code <method>} children, in order. */
    public List<XmlMethod> methods() {
        return List.copyOf(methods);
    }

    /** Its {@code <signal>} children, in order. */
    public List<XmlSignal> signals() {
        return List.copyOf(signals);
    }

    /** Its {@code <property>} children, in order. */
    public List<XmlProperty> properties() {
        return List.copyOf(properties);
    }
}

package io.github.busgen.processor.frontend.xml.tree;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;

import java.util.ArrayList;
import java.util.List;

/** {@code <node name="...">}, the root of an introspection document: interfaces and child nodes. */
@XmlRootElement(name = "node")
public final class XmlNode extends XmlPart {
    @XmlAttribute
    String name;
    @XmlElement(name = "interface")
    List<XmlInterface> interfaces = new ArrayList<>();
    @XmlElement(name = "node")
    List<XmlNode> nodes = new ArrayList<>();

    XmlNode() {
    }

    /** The {@code name} attribute (an object path, absolute or relative to the parent), or null. */
    public String name() {
        return name;
    }

    /** Its {@code <interface>} children, in order. */
    public List<XmlInterface> interfaces() {
        return List.copyOf(interfaces);
    }

    /** Its child {@code <node>}s, in order. */
    public List<XmlNode> nodes() {
        return List.copyOf(nodes);
    }
}

package io.github.busgen.processor.frontend.xml.tree;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <arg name="..." type="..." direction="..."/>} of a method or signal. */
public final class XmlArg extends XmlNamed {
    @XmlAttribute
    String type;
    @XmlAttribute
    String direction;

    XmlArg() {
    }

    /** The {@code type} attribute (a signature), or null when missing. */
    public String type() {
        return type;
    }

    /** The {@code direction} attribute ({@code in} or {@code out}), or null when missing. */
    public String direction() {
        return direction;
    }
}

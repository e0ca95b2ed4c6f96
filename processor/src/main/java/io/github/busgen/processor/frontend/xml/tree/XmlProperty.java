package io.github.busgen.processor.frontend.xml.tree;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <property name="..." type="..." access="..."/>}. */
public final class XmlProperty extends XmlNamed {
    @XmlAttribute
    String type;
    @XmlAttribute
    String access;

    XmlProperty() {
    }

    /** The {@code type} attribute (a signature), or null when missing. */
    public String type() {
        return type;
    }

    /** The {@code access} attribute ({@code read}, {@code write} or {@code readwrite}), or null when missing. */
    public String access() {
        return access;
    }
}

package io.github.busgen.processor.frontend.xml.tree;

import jakarta.xml.bind.annotation.XmlAttribute;

/** {@code <annotation name="..." value="..."/>}. */
public final class XmlAnnotation extends XmlPart {
    @XmlAttribute
    String name;
    @XmlAttribute
    String value;

    XmlAnnotation() {
    }

    /** The {@code name} attribute, or null when missing. */
    public String name() {
        return name;
    }

    /** The {@code value} attribute, or null when missing. */
    public String value() {
        return value;
    }
}

package io.github.busgen.processor.frontend.xml.tree;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlTransient;

import java.util.ArrayList;
import java.util.List;

/** An element with a {@code name} attribute and {@code <annotation>} children. */
@XmlTransient
public abstract class XmlNamed extends XmlPart {
    @XmlAttribute
    String name;

    @XmlElement(name = "annotation")
    List<XmlAnnotation> annotations = new ArrayList<>();

    XmlNamed() {
    }

    /** The {@code name} attribute, or null when missing. */
    public String name() {
        return name;
    }

    /** Its {@code <annotation>} children, in order. */
    public List<XmlAnnotation> annotations() {
        return List.copyOf(annotations);
    }
}

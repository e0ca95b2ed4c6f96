package io.github.busgen.processor.frontend.xml.tree;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlTransient;

/**
 * What every element of the parse tree has: where it starts in its file, the XML comment just
 * before it (where GLib-style files keep their documentation), and its {@code <doc:doc>} child.
 * Filled by {@link XmlReader}; read-only for everyone else.
 */
@XmlTransient
@XmlAccessorType(XmlAccessType.FIELD)
public abstract class XmlPart {
    /** The namespace of GLib-style documentation elements. */
    public static final String DOC_NAMESPACE = "http://www.freedesktop.org/dbus/1.0/doc.dtd";

    @XmlTransient
    int line = -1;
    @XmlTransient
    int column = -1;
    @XmlTransient
    String comment;

    @XmlElement(name = "doc", namespace = DOC_NAMESPACE)
    XmlDoc doc;

    XmlPart() {
    }

    /** The line of the element's start tag, counted from 1, or -1 when unknown. */
    public int line() {
        return line;
    }

    /** The column of the element's start tag, counted from 1, or -1 when unknown. */
    public int column() {
        return column;
    }

    /** The text of the XML comment right before the element (nothing but white space between), or null. */
    public String comment() {
        return comment;
    }

    /** Its {@code <doc:doc>} child, or null. */
    public XmlDoc doc() {
        return doc;
    }
}

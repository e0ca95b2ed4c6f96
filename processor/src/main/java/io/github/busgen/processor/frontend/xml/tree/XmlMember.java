package io.github.busgen.processor.frontend.xml.tree;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlTransient;

import java.util.ArrayList;
import java.util.List;

/** A method or a signal: a named element with {@code <arg>} children. */
@XmlTransient
public abstract class XmlMember extends XmlNamed {
    @XmlElement(name = "arg")
    List<XmlArg> args = new ArrayList<>();

    XmlMember() {
    }

    /** Its {@code <arg>} children, in order. */
    public List<XmlArg> args() {
        return List.copyOf(args);
    }
}

package io.github.busgen.processor.frontend.xml.tree;

/** {@code <method name="...">}: args with a direction ({@code in} when missing), annotations. */
public final class XmlMethod extends XmlMember {
    XmlMethod() {
    }
}

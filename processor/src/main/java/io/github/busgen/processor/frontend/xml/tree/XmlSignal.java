package io.github.busgen.processor.frontend.xml.tree;

/** {@code <signal name="...">}: args (never with a direction other than {@code out}), annotations. */
public final class XmlSignal extends XmlMember {
    XmlSignal() {
    }
}

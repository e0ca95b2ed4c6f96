package io.github.busgen.processor.frontend.xml.tree;

import java.util.List;

/**
 * One parsed introspection file.
 *
 * @param file     the file's name as it is to appear in diagnostics
 * @param root     its {@code <node>}, or null when it could not be read (then a problem says why)
 * @param problems what the reader met, in document order
 */
public record XmlDocument(String file, XmlNode root, List<XmlProblem> problems) {
    public XmlDocument {
        problems = List.copyOf(problems);
    }
}

package io.github.busgen.processor.frontend.xml.tree;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlAnyElement;
import jakarta.xml.bind.annotation.XmlMixed;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A GLib-style {@code <doc:doc>} element ({@value XmlPart#DOC_NAMESPACE}): a summary, a
 * description made of paragraphs, lists of terms and definitions. Kept as mixed content; only its
 * text matters.
 */
@XmlAccessorType(XmlAccessType.FIELD)
public final class XmlDoc {
    /** Elements whose text stands in a paragraph of its own. */
    private static final Set<String> BLOCKS = Set.of("summary", "description", "para", "list", "item", "term",
            "definition", "errors", "error", "permission", "since", "deprecated", "example", "seealso");

    @XmlMixed
    @XmlAnyElement
    List<Object> content = new ArrayList<>();

    XmlDoc() {
    }

    /** The text, paragraphs separated by one empty line, white space within a paragraph collapsed. */
    public String text() {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (Object o : content) {
            collect(o, paragraphs, current);
        }
        flush(paragraphs, current);
        return String.join("\n\n", paragraphs);
    }

    private static void collect(Object o, List<String> paragraphs, StringBuilder current) {
        if (o instanceof String s) {
            current.append(s);
        } else if (o instanceof Element e) {
            boolean block = BLOCKS.contains(e.getLocalName());
            if (block) {
                flush(paragraphs, current);
            }
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                    current.append(n.getNodeValue());
                } else if (n instanceof Element child) {
                    collect(child, paragraphs, current);
                }
            }
            if (block) {
                flush(paragraphs, current);
            }
        }
    }

    private static void flush(List<String> paragraphs, StringBuilder current) {
        String p = current.toString().strip().replaceAll("\\s+", " ");
        if (!p.isEmpty()) {
            paragraphs.add(p);
        }
        current.setLength(0);
    }
}

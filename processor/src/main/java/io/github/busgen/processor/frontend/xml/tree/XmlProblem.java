package io.github.busgen.processor.frontend.xml.tree;

/**
 * Something the reader met that is not a well-formed introspection document.
 *
 * @param kind   what it is
 * @param line   the line, counted from 1, or -1 when unknown
 * @param column the column, counted from 1, or -1 when unknown
 * @param detail the parser's words (for {@link Kind#MALFORMED}) or the element's name (for
 *               {@link Kind#UNKNOWN_ELEMENT})
 */
public record XmlProblem(Kind kind, int line, int column, String detail) {
    /** The kinds of problem. */
    public enum Kind {
        /** Not well-formed XML, or not a {@code <node>} document: nothing was read. */
        MALFORMED,
        /** An element busgen does not know; it was skipped. */
        UNKNOWN_ELEMENT
    }
}

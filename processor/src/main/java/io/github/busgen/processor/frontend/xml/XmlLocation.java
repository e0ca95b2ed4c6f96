package io.github.busgen.processor.frontend.xml;

import io.github.busgen.processor.diag.Location;

/**
 * A place in an introspection XML file or an overlay file. Prints as {@code file:line:column},
 * the form terminals and IDEs turn into links.
 *
 * @param file   the file, as it was named to busgen
 * @param line   the line, counted from 1, or -1 when unknown
 * @param column the column, counted from 1, or -1 when unknown
 */
public record XmlLocation(String file, int line, int column) implements Location {
    /** The file as a whole. */
    public static XmlLocation of(String file) {
        return new XmlLocation(file, -1, -1);
    }

    @Override
    public String toString() {
        if (line < 0) {
            return file;
        }
        return column < 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}

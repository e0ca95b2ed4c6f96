package io.github.busgen.processor.diag;

/**
 * Where a part of the model came from, for diagnostics: an element and annotation value of a Java
 * interface, or a file, line and column of an XML document. The model only carries it; the front
 * end that made it knows how to point at it.
 */
public interface Location {
    /** A location that points nowhere in particular (for models built by hand). */
    Location NONE = new Location() {
        @Override
        public String toString() {
            return "(no location)";
        }
    };
}

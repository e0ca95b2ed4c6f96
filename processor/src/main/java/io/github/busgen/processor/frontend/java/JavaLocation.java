package io.github.busgen.processor.frontend.java;

import io.github.busgen.processor.diag.Location;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * A place in Java source: an element, optionally one of its annotations, optionally one value of
 * that annotation, so that javac's caret lands on exactly what is wrong.
 *
 * @param element    the element
 * @param annotation an annotation on it, or null
 * @param value      a value of that annotation, or null
 */
public record JavaLocation(Element element, AnnotationMirror annotation, AnnotationValue value) implements Location {
    /** The element itself. */
    public static JavaLocation of(Element element) {
        return new JavaLocation(element, null, null);
    }

    /**
     * An annotation on the element, pointing at its attribute {@code name} when it is given
     * explicitly (at the whole annotation when {@code name} is null).
     */
    public static JavaLocation of(Element element, AnnotationMirror annotation, String name) {
        if (annotation == null) {
            return of(element);
        }
        return new JavaLocation(element, annotation, name == null ? null : Mirrors.explicit(annotation, name));
    }
}

package io.github.busgen.processor.model;

import io.github.busgen.introspect.Annotation;

import java.util.List;
import java.util.Objects;

/**
 * An argument of a method or signal, or an out-argument of a result record.
 *
 * @param name        the D-Bus name in the introspection data, or null when it has none
 * @param javaName    the Java name as declared: the parameter, or the record component (and so its
 *                    accessor)
 * @param paramName   the name to give it as a parameter of generated code, which never clashes
 *                    with the generated code's own locals (see {@link JavaNames#parameters})
 * @param type        its type
 * @param deprecated  whether it is deprecated
 * @param annotations its other introspection annotations
 */
public record ArgModel(String name, String javaName, String paramName, TypeModel type, boolean deprecated,
                       List<Annotation> annotations) {
    public ArgModel {
        Objects.requireNonNull(javaName, "javaName");
        Objects.requireNonNull(paramName, "paramName");
        Objects.requireNonNull(type, "type");
        annotations = List.copyOf(annotations);
    }

    /** All its introspection annotations: Deprecated first, then the others. */
    public List<Annotation> dbusAnnotations() {
        return Members.annotations(deprecated, null, null, annotations);
    }
}

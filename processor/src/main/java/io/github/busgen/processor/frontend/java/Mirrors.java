package io.github.busgen.processor.frontend.java;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads busgen's annotations through {@link AnnotationMirror}s, which also serve as locations for
 * diagnostics. Values not given explicitly read as the annotations' documented defaults.
 */
final class Mirrors {
    private Mirrors() {
    }

    static final String PACKAGE = "io.github.busgen.annotation.";
    static final String INTERFACE = PACKAGE + "DBusInterface";
    static final String METHOD = PACKAGE + "DBusMethod";
    static final String SIGNAL = PACKAGE + "DBusSignal";
    static final String PROPERTY = PACKAGE + "DBusProperty";
    static final String TYPE = PACKAGE + "DBusType";
    static final String ERROR = PACKAGE + "DBusError";
    static final String ARG = PACKAGE + "DBusArg";
    static final String RESULT = PACKAGE + "DBusResult";
    static final String ANNOTATION = PACKAGE + "DBusAnnotation";
    static final String ANNOTATIONS = PACKAGE + "DBusAnnotations";

    /** The annotation of type {@code name} on {@code e}, or null. */
    static AnnotationMirror find(Element e, String name) {
        return find(e.getAnnotationMirrors(), name);
    }

    /** The annotation of type {@code name} among {@code mirrors} (for example a type's), or null. */
    static AnnotationMirror find(List<? extends AnnotationMirror> mirrors, String name) {
        for (AnnotationMirror m : mirrors) {
            if (qualifiedName(m).equals(name)) {
                return m;
            }
        }
        return null;
    }

    static String qualifiedName(AnnotationMirror m) {
        return ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
    }

    /** The value of attribute {@code name} if it was given explicitly, else null. */
    static AnnotationValue explicit(AnnotationMirror m, String name) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
            if (e.getKey().getSimpleName().contentEquals(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** A string attribute, or {@code otherwise} when not given. */
    static String string(AnnotationMirror m, String name, String otherwise) {
        AnnotationValue v = m == null ? null : explicit(m, name);
        return v == null ? otherwise : (String) v.getValue();
    }

    /** A boolean attribute, or false when not given. */
    static boolean bool(AnnotationMirror m, String name) {
        AnnotationValue v = m == null ? null : explicit(m, name);
        return v != null && (Boolean) v.getValue();
    }

    /** The simple name of an enum constant attribute, or null when not given. */
    static String enumConstant(AnnotationMirror m, String name) {
        AnnotationValue v = m == null ? null : explicit(m, name);
        return v == null ? null : ((VariableElement) v.getValue()).getSimpleName().toString();
    }

    /** The {@code @DBusAnnotation}s on {@code e}, single or repeated, as name/value pairs in order. */
    static List<io.github.busgen.introspect.Annotation> dbusAnnotations(Element e) {
        List<io.github.busgen.introspect.Annotation> out = new ArrayList<>();
        AnnotationMirror single = find(e, ANNOTATION);
        if (single != null) {
            out.add(pair(single));
        }
        AnnotationMirror container = find(e, ANNOTATIONS);
        if (container != null) {
            for (Object o : (List<?>) explicit(container, "value").getValue()) {
                out.add(pair((AnnotationMirror) ((AnnotationValue) o).getValue()));
            }
        }
        return out;
    }

    private static io.github.busgen.introspect.Annotation pair(AnnotationMirror m) {
        return new io.github.busgen.introspect.Annotation(string(m, "name", ""), string(m, "value", ""));
    }

    /** The element of a declared type, or null for other types. */
    static TypeElement element(TypeMirror t) {
        return t instanceof DeclaredType d ? (TypeElement) d.asElement() : null;
    }
}

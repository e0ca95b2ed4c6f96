package io.github.busgen.processor.frontend.java;

import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import java.util.stream.Collectors;

/** Prints Java types for diagnostics: simple names, no annotations ({@code List<Long>}, {@code long[]}). */
final class Display {
    private Display() {
    }

    static String of(TypeMirror t) {
        switch (t.getKind()) {
            case ARRAY:
                return of(((ArrayType) t).getComponentType()) + "[]";
            case DECLARED: {
                DeclaredType d = (DeclaredType) t;
                String name = ((TypeElement) d.asElement()).getSimpleName().toString();
                if (d.getTypeArguments().isEmpty()) {
                    return name;
                }
                return name + d.getTypeArguments().stream().map(Display::of).collect(Collectors.joining(", ", "<", ">"));
            }
            case WILDCARD: {
                WildcardType w = (WildcardType) t;
                return w.getExtendsBound() != null ? "? extends " + of(w.getExtendsBound())
                        : w.getSuperBound() != null ? "? super " + of(w.getSuperBound()) : "?";
            }
            default:
                return t.getKind().isPrimitive() ? t.getKind().name().toLowerCase(java.util.Locale.ROOT) : t.toString();
        }
    }
}

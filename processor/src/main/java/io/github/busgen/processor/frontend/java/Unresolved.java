package io.github.busgen.processor.frontend.java;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds a type an interface refers to that does not exist yet: one another processor may generate
 * in a later round. The processor defers such an interface rather than report a type it cannot see.
 */
public final class Unresolved {
    private Unresolved() {
    }

    /**
     * A reference to a missing type in the signatures of {@code type} (methods, signal records and
     * the records they use), or null when every type is there.
     *
     * @return the element whose signature refers to it, and the type
     */
    public static Reference find(TypeElement type) {
        return new Finder().inInterface(type);
    }

    /**
     * A missing type and where it is used.
     *
     * @param where the element whose signature refers to it
     * @param type  the missing type
     */
    public record Reference(Element where, TypeMirror type) {
    }

    private static final class Finder {
        private final Set<String> visited = new HashSet<>();

        Reference inInterface(TypeElement type) {
            for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
                Reference r = in(m.getReturnType(), m);
                for (VariableElement p : m.getParameters()) {
                    r = r != null ? r : in(p.asType(), p);
                }
                for (TypeMirror t : m.getThrownTypes()) {
                    r = r != null ? r : in(t, m);
                }
                if (r != null) {
                    return r;
                }
            }
            for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
                Reference r = inRecord(nested);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }

        private Reference inRecord(TypeElement record) {
            if (record.getKind() != ElementKind.RECORD || !visited.add(record.getQualifiedName().toString())) {
                return null;
            }
            for (RecordComponentElement c : record.getRecordComponents()) {
                Reference r = in(c.asType(), c);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }

        private Reference in(TypeMirror t, Element where) {
            if (t.getKind() == TypeKind.ERROR) {
                return new Reference(where, t);
            }
            if (t instanceof ArrayType a) {
                return in(a.getComponentType(), where);
            }
            if (t instanceof DeclaredType d) {
                for (TypeMirror arg : d.getTypeArguments()) {
                    Reference r = in(arg, where);
                    if (r != null) {
                        return r;
                    }
                }
                return inRecord((TypeElement) d.asElement());
            }
            return null;
        }
    }
}

package io.github.busgen.introspect;

import java.util.List;

/** Looks up well-known annotations. */
final class Annotations {
    private Annotations() {
    }

    static boolean isTrue(List<Annotation> annotations, String name) {
        for (Annotation a : annotations) {
            if (a.name().equals(name)) {
                return a.value().equals("true");
            }
        }
        return false;
    }

    static PropertyInfo.EmitsChangedSignal emits(List<Annotation> annotations) {
        for (Annotation a : annotations) {
            if (a.name().equals(Annotation.EMITS_CHANGED_SIGNAL)) {
                return PropertyInfo.EmitsChangedSignal.fromXml(a.value());
            }
        }
        return null;
    }
}

package io.github.busgen.processor.model;

import io.github.busgen.introspect.Annotation;
import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;

import java.util.ArrayList;
import java.util.List;

/** What the member records share. */
final class Members {
    private Members() {
    }

    /** The introspection annotations in their fixed order: Deprecated, NoReply, EmitsChangedSignal, the others. */
    static List<Annotation> annotations(boolean deprecated, Boolean noReply, EmitsChangedSignal emits,
                                        List<Annotation> others) {
        List<Annotation> out = new ArrayList<>();
        if (deprecated) {
            out.add(new Annotation(Annotation.DEPRECATED, "true"));
        }
        if (noReply != null && noReply) {
            out.add(new Annotation(Annotation.NO_REPLY, "true"));
        }
        if (emits != null) {
            out.add(new Annotation(Annotation.EMITS_CHANGED_SIGNAL, emits.xml()));
        }
        out.addAll(others);
        return List.copyOf(out);
    }

    static String signature(List<ArgModel> args) {
        StringBuilder b = new StringBuilder();
        for (ArgModel a : args) {
            b.append(a.type().signature());
        }
        return b.toString();
    }
}

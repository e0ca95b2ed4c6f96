package io.github.busgen.processor.model;

import com.palantir.javapoet.ClassName;
import io.github.busgen.introspect.Annotation;
import io.github.busgen.processor.diag.Location;

import java.util.List;
import java.util.Objects;

/**
 * A D-Bus signal and the record that carries its arguments.
 *
 * @param name        the D-Bus member name (checked by the validator)
 * @param location    where the name was given, or the record
 * @param javaType    the record, whose components are {@code args}
 * @param args        the arguments, in order
 * @param deprecated  whether it is deprecated
 * @param annotations its other introspection annotations
 */
public record SignalModel(String name, Location location, ClassName javaType, List<ArgModel> args,
                          boolean deprecated, List<Annotation> annotations) {
    public SignalModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaType, "javaType");
        args = List.copyOf(args);
        annotations = List.copyOf(annotations);
    }

    /** The signature of the signal's body. */
    public String signature() {
        return Members.signature(args);
    }

    /** All its introspection annotations. */
    public List<Annotation> dbusAnnotations() {
        return Members.annotations(deprecated, null, null, annotations);
    }

    /** The proxy's subscription method, {@code on<Record>}. */
    public String subscribeName() {
        return "on" + javaType.simpleName();
    }

    /** The skeleton's emitter, {@code emit<Record>}. */
    public String emitName() {
        return "emit" + javaType.simpleName();
    }
}

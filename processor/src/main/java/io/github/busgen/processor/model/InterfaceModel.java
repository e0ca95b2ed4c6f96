package io.github.busgen.processor.model;

import com.palantir.javapoet.ClassName;
import io.github.busgen.introspect.Annotation;
import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;
import io.github.busgen.processor.diag.Location;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One D-Bus interface and every decision about the code generated for it: the one model that both
 * front ends (annotated Java, introspection XML) produce and that the emitters only print. Free of
 * {@code javax.lang.model}; names are kept as given and checked by the validator.
 *
 * @param name               the D-Bus interface name
 * @param location           where the name was given
 * @param javaType           the Java interface
 * @param source             what it came from, for the header of generated files
 * @param methods            its methods, in order
 * @param signals            its signals, in order
 * @param properties         its properties, in order
 * @param errors             every error its methods declare, subclasses before their superclasses
 * @param emitsChangedSignal how its properties announce changes when given explicitly, else null
 * @param deprecated         whether it is deprecated
 * @param annotations        its other introspection annotations
 */
public record InterfaceModel(String name, Location location, ClassName javaType, String source,
                             List<MethodModel> methods, List<SignalModel> signals, List<PropertyModel> properties,
                             List<ErrorModel> errors, EmitsChangedSignal emitsChangedSignal, boolean deprecated,
                             List<Annotation> annotations) {
    /** The generator named in {@code @Generated}. */
    public static final String GENERATOR = "io.github.busgen.processor";

    public InterfaceModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaType, "javaType");
        Objects.requireNonNull(source, "source");
        methods = List.copyOf(methods);
        signals = List.copyOf(signals);
        properties = List.copyOf(properties);
        errors = List.copyOf(errors);
        annotations = List.copyOf(annotations);
    }

    /** All its introspection annotations. */
    public List<Annotation> dbusAnnotations() {
        return Members.annotations(deprecated, null, emitsChangedSignal, annotations);
    }

    private ClassName generated(String suffix) {
        return ClassName.get(javaType.packageName(), String.join("_", javaType.simpleNames()) + suffix);
    }

    /** The client class, {@code FooProxy}. */
    public ClassName proxyType() {
        return generated("Proxy");
    }

    /** The server class, {@code FooSkeleton}. */
    public ClassName skeletonType() {
        return generated("Skeleton");
    }

    /** The class of codec methods for its lists, maps and structs, {@code FooCodec}. */
    public ClassName codecType() {
        return generated("Codec");
    }

    /** The class-path resource of its introspection XML (DESIGN section 4). */
    public String resourcePath() {
        return "META-INF/dbus/interfaces/" + name + ".xml";
    }

    /** The names of the constants for its members. */
    public Constants constants() {
        return new Constants(this);
    }

    /**
     * The types that need codec methods (lists, maps, structs), each once, every type after the
     * types it contains, in the order of first use.
     */
    public List<TypeModel> codecTypes() {
        Set<TypeModel> out = new LinkedHashSet<>();
        for (TypeModel t : allTypes()) {
            collect(t, out);
        }
        return List.copyOf(out);
    }

    private static void collect(TypeModel t, Set<TypeModel> out) {
        for (TypeModel child : t.children()) {
            collect(child, out);
        }
        if (!t.inline()) {
            out.add(t);
        }
    }

    private List<TypeModel> allTypes() {
        List<TypeModel> all = new ArrayList<>();
        for (MethodModel m : methods) {
            m.in().forEach(a -> all.add(a.type()));
            m.out().forEach(a -> all.add(a.type()));
        }
        for (SignalModel s : signals) {
            s.args().forEach(a -> all.add(a.type()));
        }
        for (PropertyModel p : properties) {
            all.add(p.type());
        }
        return all;
    }
}

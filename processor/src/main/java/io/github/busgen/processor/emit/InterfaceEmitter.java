package io.github.busgen.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.busgen.introspect.Annotation;
import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;
import io.github.busgen.processor.model.ArgModel;
import io.github.busgen.processor.model.Docs;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.JavaNames;
import io.github.busgen.processor.model.MethodModel;
import io.github.busgen.processor.model.PropertyModel;
import io.github.busgen.processor.model.RuntimeTypes;
import io.github.busgen.processor.model.ScalarType;
import io.github.busgen.processor.model.SignalModel;
import io.github.busgen.processor.model.TypeModel;

import javax.lang.model.element.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the annotated Java interface of a model read from introspection XML: the interface with
 * busgen's annotations, its signals as nested {@code @DBusSignal} records, the {@code @DBusResult}
 * records of methods with several out-arguments and the records of its structs. The processor then
 * reads this interface like any hand-written one and generates its proxy, skeleton and
 * introspection resource, so both front ends meet in one model. Annotation attributes are written
 * only where the processor's default would differ; {@code @DBusType} only where the Java type's
 * default D-Bus type is not the one wanted ({@code q}, {@code u}, {@code t}).
 */
public final class InterfaceEmitter {
    private InterfaceEmitter() {
    }

    private static final ClassName DBUS_INTERFACE = annotation("DBusInterface");
    private static final ClassName DBUS_METHOD = annotation("DBusMethod");
    private static final ClassName DBUS_SIGNAL = annotation("DBusSignal");
    private static final ClassName DBUS_PROPERTY = annotation("DBusProperty");
    private static final ClassName DBUS_TYPE = annotation("DBusType");
    private static final ClassName DBUS_ARG = annotation("DBusArg");
    private static final ClassName DBUS_RESULT = annotation("DBusResult");
    private static final ClassName DBUS_ANNOTATION = annotation("DBusAnnotation");
    private static final ClassName EMITS = RuntimeTypes.PROPERTY_INFO.nestedClass("EmitsChangedSignal");

    private static ClassName annotation(String simpleName) {
        return ClassName.get("io.github.busgen.annotation", simpleName);
    }

    /** The source file of the interface. */
    public static JavaFile emit(InterfaceModel model, Docs docs) {
        TypeSpec.Builder t = TypeSpec.interfaceBuilder(model.javaType())
                .addModifiers(Modifier.PUBLIC);
        javadoc(docs.ofInterface(), List.of(), null).ifPresent(t::addJavadoc);
        t.addAnnotation(GeneratedFiles.generated(model));
        AnnotationSpec.Builder iface = AnnotationSpec.builder(DBUS_INTERFACE).addMember("value", "$S", model.name());
        if (model.emitsChangedSignal() != null) {
            iface.addMember("emitsChangedSignal", "$T.$L", EMITS, model.emitsChangedSignal().name());
        }
        t.addAnnotation(iface.build());
        if (model.deprecated()) {
            t.addAnnotation(RuntimeTypes.DEPRECATED);
        }
        model.annotations().forEach(a -> t.addAnnotation(dbusAnnotation(a)));

        for (MethodModel m : model.methods()) {
            t.addMethod(method(m, docs));
        }
        for (PropertyModel p : model.properties()) {
            accessors(p, docs).forEach(t::addMethod);
        }
        for (SignalModel s : model.signals()) {
            t.addType(signal(s, docs));
        }
        for (MethodModel m : model.methods()) {
            if (m.resultType() != null) {
                t.addType(record(m.resultType(), m.out(), docs, "method " + m.name(), "out", null)
                        .addJavadoc("The out-arguments of {@link #$L}.\n", m.javaName())
                        .addAnnotation(DBUS_RESULT).build());
            }
        }
        for (TypeModel c : model.codecTypes()) {
            if (c instanceof TypeModel.StructType s && model.javaType().equals(s.javaType().enclosingClassName())) {
                t.addType(struct(s));
            }
        }
        return GeneratedFiles.file(model, t.build());
    }

    // ------------------------------------------------------------------ members

    private static MethodSpec method(MethodModel m, Docs docs) {
        MethodSpec.Builder b = MethodSpec.methodBuilder(m.javaName()).addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT);
        List<String> params = new ArrayList<>();
        for (int i = 0; i < m.in().size(); i++) {
            String d = docs.of(Docs.key("method", m.name(), "in", i));
            if (d != null) {
                params.add("@param " + m.in().get(i).javaName() + " " + Snippets.sanitize(d));
            }
        }
        String ret = null;
        if (m.resultType() == null && m.out().size() == 1) {
            ret = docs.of(Docs.key("method", m.name(), "out", 0));
        }
        javadoc(docs.of(Docs.key("method", m.name())), params, ret).ifPresent(b::addJavadoc);
        AnnotationSpec.Builder a = AnnotationSpec.builder(DBUS_METHOD);
        if (!m.name().equals(JavaNames.upperFirst(m.javaName()))) {
            a.addMember("name", "$S", m.name());
        }
        if (m.noReply()) {
            a.addMember("noReply", "true");
        }
        if (m.resultType() == null && m.out().size() == 1 && m.out().get(0).name() != null) {
            a.addMember("out", "$S", m.out().get(0).name());
        }
        AnnotationSpec built = a.build();
        if (!built.members().isEmpty()) {
            b.addAnnotation(built);
        }
        if (m.deprecated()) {
            b.addAnnotation(RuntimeTypes.DEPRECATED);
        }
        m.annotations().forEach(x -> b.addAnnotation(dbusAnnotation(x)));
        for (ArgModel arg : m.in()) {
            b.addParameter(parameter(arg));
        }
        if (m.resultType() != null) {
            b.returns(m.resultType());
        } else if (m.out().size() == 1) {
            b.returns(javaType(m.out().get(0).type()));
        }
        return b.build();
    }

    private static List<MethodSpec> accessors(PropertyModel p, Docs docs) {
        List<MethodSpec> out = new ArrayList<>();
        String doc = docs.of(Docs.key("property", p.name()));
        AnnotationSpec.Builder a = AnnotationSpec.builder(DBUS_PROPERTY);
        if (!p.name().equals(p.javaName())) {
            a.addMember("name", "$S", p.name());
        }
        if (p.emitsChangedSignal() != null) {
            a.addMember("emitsChangedSignal", "$T.$L", EMITS, p.emitsChangedSignal().name());
        }
        AnnotationSpec property = a.build();
        boolean first = true;
        if (p.getter() != null) {
            MethodSpec.Builder g = MethodSpec.methodBuilder(p.getter()).addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .returns(javaType(p.type()));
            javadoc(doc, List.of(), null).ifPresent(g::addJavadoc);
            out.add(accessor(g, property, p, first).build());
            first = false;
        }
        if (p.setter() != null) {
            MethodSpec.Builder s = MethodSpec.methodBuilder(p.setter()).addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
                    .addParameter(javaType(p.type()), p.setterParam());
            javadoc(doc, List.of(), null).ifPresent(s::addJavadoc);
            out.add(accessor(s, property, p, first).build());
        }
        return out;
    }

    /** Annotates an accessor; the property's own introspection annotations go on the first only. */
    private static MethodSpec.Builder accessor(MethodSpec.Builder b, AnnotationSpec property, PropertyModel p,
                                               boolean first) {
        b.addAnnotation(property);
        if (p.deprecated()) {
            b.addAnnotation(RuntimeTypes.DEPRECATED);
        }
        if (first) {
            p.annotations().forEach(x -> b.addAnnotation(dbusAnnotation(x)));
        }
        return b;
    }

    private static TypeSpec signal(SignalModel s, Docs docs) {
        TypeSpec.Builder r = record(s.javaType(), s.args(), docs, "signal " + s.name(), "args",
                docs.of(Docs.key("signal", s.name())));
        AnnotationSpec.Builder a = AnnotationSpec.builder(DBUS_SIGNAL);
        if (!s.name().equals(s.javaType().simpleName())) {
            a.addMember("name", "$S", s.name());
        }
        r.addAnnotation(a.build());
        if (s.deprecated()) {
            r.addAnnotation(RuntimeTypes.DEPRECATED);
        }
        s.annotations().forEach(x -> r.addAnnotation(dbusAnnotation(x)));
        return r.build();
    }

    /** A record whose components are {@code args}: a signal or a method's result. */
    private static TypeSpec.Builder record(ClassName name, List<ArgModel> args, Docs docs, String member,
                                           String list, String doc) {
        String[] kindAndName = member.split(" ", 2);
        List<String> params = new ArrayList<>();
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        for (int i = 0; i < args.size(); i++) {
            ArgModel arg = args.get(i);
            String d = docs.of(Docs.key(kindAndName[0], kindAndName[1], list, i));
            if (d != null) {
                params.add("@param " + arg.javaName() + " " + Snippets.sanitize(d));
            }
            ctor.addParameter(parameter(arg));
        }
        TypeSpec.Builder r = TypeSpec.recordBuilder(name.simpleName()).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .recordConstructor(ctor.build());
        javadoc(doc, params, null).ifPresent(r::addJavadoc);
        return r;
    }

    private static TypeSpec struct(TypeModel.StructType s) {
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        for (TypeModel.Field f : s.fields()) {
            ctor.addParameter(javaType(f.type()), f.accessor());
        }
        return TypeSpec.recordBuilder(s.javaType().simpleName()).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("The D-Bus struct {@code $L}.\n", Snippets.sanitize(s.signature()))
                .recordConstructor(ctor.build())
                .build();
    }

    private static ParameterSpec parameter(ArgModel arg) {
        ParameterSpec.Builder p = ParameterSpec.builder(javaType(arg.type()), arg.javaName());
        if (arg.name() != null && !arg.name().equals(arg.javaName())) {
            p.addAnnotation(AnnotationSpec.builder(DBUS_ARG).addMember("value", "$S", arg.name()).build());
        }
        if (arg.deprecated()) {
            p.addAnnotation(RuntimeTypes.DEPRECATED);
        }
        arg.annotations().forEach(x -> p.addAnnotation(dbusAnnotation(x)));
        return p.build();
    }

    private static AnnotationSpec dbusAnnotation(Annotation a) {
        return AnnotationSpec.builder(DBUS_ANNOTATION).addMember("name", "$S", a.name())
                .addMember("value", "$S", a.value()).build();
    }

    // ------------------------------------------------------------------ types

    /**
     * The Java type as it is to be declared: the model's type, with {@code @DBusType} on each
     * number whose D-Bus type is not its Java type's default.
     */
    static TypeName javaType(TypeModel t) {
        if (t instanceof TypeModel.Scalar s) {
            return marked(s.javaType(), s.kind());
        }
        if (t instanceof TypeModel.PrimitiveArray a) {
            return ArrayTypeName.of(marked(a.element().javaType(), a.element()));
        }
        if (t instanceof TypeModel.ListType l) {
            return ParameterizedTypeName.get(RuntimeTypes.LIST, javaType(l.element()).box());
        }
        if (t instanceof TypeModel.MapType m) {
            return ParameterizedTypeName.get(RuntimeTypes.MAP, javaType(m.key()).box(), javaType(m.value()).box());
        }
        return t.javaType();
    }

    private static TypeName marked(TypeName type, ScalarType kind) {
        boolean notDefault = kind == ScalarType.UINT16 || kind == ScalarType.UINT32 || kind == ScalarType.UINT64;
        return notDefault ? type.annotated(AnnotationSpec.builder(DBUS_TYPE)
                .addMember("value", "$S", String.valueOf(kind.code())).build()) : type;
    }

    // ------------------------------------------------------------------ javadoc

    /** The Javadoc of a text, its {@code @param} lines and its {@code @return} text; empty when there is none. */
    private static java.util.Optional<CodeBlock> javadoc(String text, List<String> params, String returns) {
        if (text == null && params.isEmpty() && returns == null) {
            return java.util.Optional.empty();
        }
        StringBuilder b = new StringBuilder();
        if (text != null) {
            // an empty line separates paragraphs in the source; <p> does in the HTML
            b.append(Snippets.sanitize(text).replaceAll("\n[ \t]*\n+", "\n\n<p>")).append('\n');
        }
        if (!params.isEmpty() || returns != null) {
            if (text != null) {
                b.append('\n');
            }
            params.forEach(p -> b.append(p).append('\n'));
            if (returns != null) {
                b.append("@return ").append(Snippets.sanitize(returns)).append('\n');
            }
        }
        return java.util.Optional.of(CodeBlock.of("$L", b.toString()));
    }
}

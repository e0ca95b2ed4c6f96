package io.github.busgen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import io.github.busgen.introspect.Annotation;
import io.github.busgen.introspect.ArgInfo;
import io.github.busgen.introspect.InterfaceInfo;
import io.github.busgen.introspect.MethodInfo;
import io.github.busgen.introspect.PropertyInfo;
import io.github.busgen.introspect.SignalInfo;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.PropertyName;
import io.github.busgen.processor.model.ArgModel;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.MethodModel;
import io.github.busgen.processor.model.PropertyModel;
import io.github.busgen.processor.model.RuntimeTypes;
import io.github.busgen.processor.model.SignalModel;
import io.github.busgen.wire.Signature;

import java.util.List;
import java.util.function.Function;

/**
 * The runtime's introspection data ({@link InterfaceInfo}) of a validated model, and the Java code
 * that builds the same data in a skeleton. The XML resource and the skeleton's {@code INFO} both
 * come from {@link #of(InterfaceModel)}, so they cannot disagree.
 */
final class InterfaceInfos {
    private InterfaceInfos() {
    }

    /** The introspection data of {@code model}, whose names the validator has accepted. */
    static InterfaceInfo of(InterfaceModel model) {
        return new InterfaceInfo(InterfaceName.of(model.name()),
                model.methods().stream().map(InterfaceInfos::method).toList(),
                model.signals().stream().map(InterfaceInfos::signal).toList(),
                model.properties().stream().map(InterfaceInfos::property).toList(),
                model.dbusAnnotations());
    }

    private static MethodInfo method(MethodModel m) {
        return new MethodInfo(MemberName.of(m.name()), args(m.in()), args(m.out()), m.dbusAnnotations());
    }

    private static SignalInfo signal(SignalModel s) {
        return new SignalInfo(MemberName.of(s.name()), args(s.args()), s.dbusAnnotations());
    }

    private static PropertyInfo property(PropertyModel p) {
        return new PropertyInfo(PropertyName.of(p.name()), Signature.of(p.type().signature()), p.access(),
                p.dbusAnnotations());
    }

    private static List<ArgInfo> args(List<ArgModel> args) {
        return args.stream().map(a -> new ArgInfo(a.name(), Signature.of(a.type().signature()), a.dbusAnnotations()))
                .toList();
    }

    /** The expression that builds {@code info}. */
    static CodeBlock code(InterfaceInfo info) {
        return CodeBlock.builder()
                .add("new $T($T.of($S),\n", RuntimeTypes.INTERFACE_INFO, RuntimeTypes.INTERFACE_NAME, info.name().value())
                .indent().indent()
                .add("$L,\n", list(info.methods(), InterfaceInfos::code))
                .add("$L,\n", list(info.signals(), InterfaceInfos::code))
                .add("$L,\n", list(info.properties(), InterfaceInfos::code))
                .add("$L)", annotations(info.annotations()))
                .unindent().unindent()
                .build();
    }

    private static CodeBlock code(MethodInfo m) {
        return CodeBlock.of("new $T($T.of($S), $L, $L, $L)", RuntimeTypes.METHOD_INFO, RuntimeTypes.MEMBER_NAME,
                m.name().value(), list(m.in(), InterfaceInfos::code), list(m.out(), InterfaceInfos::code),
                annotations(m.annotations()));
    }

    private static CodeBlock code(SignalInfo s) {
        return CodeBlock.of("new $T($T.of($S), $L, $L)", RuntimeTypes.SIGNAL_INFO, RuntimeTypes.MEMBER_NAME,
                s.name().value(), list(s.args(), InterfaceInfos::code), annotations(s.annotations()));
    }

    private static CodeBlock code(PropertyInfo p) {
        return CodeBlock.of("new $T($T.of($S), $T.of($S), $T.$L, $L)", RuntimeTypes.PROPERTY_INFO,
                RuntimeTypes.PROPERTY_NAME, p.name().value(), RuntimeTypes.SIGNATURE, p.type().value(),
                RuntimeTypes.ACCESS, p.access().name(), annotations(p.annotations()));
    }

    private static CodeBlock code(ArgInfo a) {
        if (a.annotations().isEmpty()) {
            return CodeBlock.of("$T.of($S, $S)", RuntimeTypes.ARG_INFO, a.name(), a.type().value());
        }
        return CodeBlock.of("new $T($S, $T.of($S), $L)", RuntimeTypes.ARG_INFO, a.name(), RuntimeTypes.SIGNATURE,
                a.type().value(), annotations(a.annotations()));
    }

    private static CodeBlock annotations(List<Annotation> annotations) {
        return list(annotations, a -> CodeBlock.of("new $T($S, $S)", RuntimeTypes.ANNOTATION, a.name(), a.value()));
    }

    private static <T> CodeBlock list(List<T> items, Function<T, CodeBlock> code) {
        if (items.isEmpty()) {
            return CodeBlock.of("$T.of()", RuntimeTypes.LIST);
        }
        CodeBlock.Builder b = CodeBlock.builder().add("$T.of(", RuntimeTypes.LIST);
        if (items.size() == 1) {
            return b.add("$L)", code.apply(items.get(0))).build();
        }
        b.add("\n").indent().indent();
        for (int i = 0; i < items.size(); i++) {
            b.add("$L$L", code.apply(items.get(i)), i + 1 < items.size() ? ",\n" : ")");
        }
        return b.unindent().unindent().build();
    }
}

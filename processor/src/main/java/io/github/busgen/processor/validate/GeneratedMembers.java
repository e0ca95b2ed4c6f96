package io.github.busgen.processor.validate;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.github.busgen.processor.diag.Location;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.model.ArgModel;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.MethodModel;
import io.github.busgen.processor.model.PropertyModel;
import io.github.busgen.processor.model.RuntimeTypes;
import io.github.busgen.processor.model.SignalModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the methods of the generated proxy and skeleton do not clash: two methods of one
 * class with the same name and the same parameter types (after erasure). The user's own method
 * names are fixed, so the generated ones ({@code addAsync}, {@code onCountChanged}, ...) can meet
 * them.
 */
final class GeneratedMembers {
    private GeneratedMembers() {
    }

    private static final TypeName STRING = RuntimeTypes.STRING;

    /** The methods of one generated class, by signature. */
    private static final class Members {
        private final ClassName owner;
        private final Reporter reporter;
        private final Map<String, String> seen = new HashMap<>();

        Members(ClassName owner, Reporter reporter) {
            this.owner = owner;
            this.reporter = reporter;
        }

        void add(String name, List<TypeName> params, String purpose, Location where) {
            String key = name + "(" + String.join(",", params.stream().map(GeneratedMembers::erase).toList()) + ")";
            String first = seen.putIfAbsent(key, purpose);
            if (first != null) {
                reporter.report(Message.JAVA_NAME_CLASH, where, owner.simpleName(), key, purpose, first);
            }
        }
    }

    private static String erase(TypeName t) {
        return (t instanceof ParameterizedTypeName p ? p.rawType() : t).toString();
    }

    static void check(InterfaceModel model, Reporter reporter) {
        Location at = model.location();
        TypeName consumer = RuntimeTypes.CONSUMER;

        Members proxy = new Members(model.proxyType(), reporter);
        proxy.add("of", List.of(RuntimeTypes.CONNECTION, RuntimeTypes.BUS_NAME, RuntimeTypes.OBJECT_PATH),
                "the factory", at);
        proxy.add("of", List.of(RuntimeTypes.CONNECTION, RuntimeTypes.OBJECT_PATH), "the peer-to-peer factory", at);
        proxy.add("of", List.of(RuntimeTypes.CONNECTION, STRING, STRING), "the factory taking strings", at);
        proxy.add("withOptions", List.of(RuntimeTypes.CALL_OPTIONS), "per-call options", at);
        proxy.add("toString", List.of(), "toString", at);
        for (MethodModel m : model.methods()) {
            List<TypeName> params = types(m.in());
            String what = "method " + m.name();
            proxy.add(m.javaName(), params, what, m.location());
            if (m.asyncName() != null) {
                proxy.add(m.asyncName(), params, "the asynchronous form of " + what, m.location());
            }
            proxy.add(m.callBuilderName(), params, "building calls of " + what, m.location());
        }
        for (PropertyModel p : model.properties()) {
            String what = "property " + p.name();
            if (p.getter() != null) {
                proxy.add(p.getter(), List.of(), "the getter of " + what, p.location());
                proxy.add(p.getterAsyncName(), List.of(), "the asynchronous getter of " + what, p.location());
            }
            if (p.setter() != null) {
                proxy.add(p.setter(), List.of(p.type().javaType()), "the setter of " + what, p.location());
                proxy.add(p.setterAsyncName(), List.of(p.type().javaType()), "the asynchronous setter of " + what,
                        p.location());
            }
            if (p.watchable(model)) {
                proxy.add(p.watchName(), List.of(consumer), "watching " + what, p.location());
            }
        }
        for (SignalModel s : model.signals()) {
            proxy.add(s.subscribeName(), List.of(consumer), "subscribing to signal " + s.name(), s.location());
        }

        Members skeleton = new Members(model.skeletonType(), reporter);
        skeleton.add("info", List.of(), "ExportedInterface.info", at);
        skeleton.add("invoke", List.of(RuntimeTypes.METHOD_INVOCATION), "ExportedInterface.invoke", at);
        skeleton.add("readProperty", List.of(STRING, RuntimeTypes.WIRE_WRITER), "ExportedInterface.readProperty", at);
        skeleton.add("writeProperty", List.of(STRING, RuntimeTypes.WIRE_READER, RuntimeTypes.PROPERTY_CONTEXT),
                "ExportedInterface.writeProperty", at);
        skeleton.add("export", List.of(RuntimeTypes.CONNECTION, RuntimeTypes.OBJECT_PATH), "exporting", at);
        skeleton.add("implementation", List.of(), "the implementation's accessor", at);
        skeleton.add("propertiesChanged", List.of(ArrayTypeName.of(STRING)), "announcing property changes", at);
        skeleton.add("emitSignal", List.of(RuntimeTypes.BUS_NAME, RuntimeTypes.MEMBER_NAME, RuntimeTypes.SIGNATURE,
                RuntimeTypes.BODY_WRITER), "emitting signals", at);
        skeleton.add("declaredError", List.of(RuntimeTypes.THROWABLE), "mapping declared errors", at);
        skeleton.add("declaredFailure", List.of(RuntimeTypes.THROWABLE), "mapping declared errors", at);
        for (MethodModel m : model.methods()) {
            skeleton.add(m.invokerName(), List.of(RuntimeTypes.METHOD_INVOCATION), "method " + m.name(), m.location());
        }
        for (SignalModel s : model.signals()) {
            skeleton.add(s.emitName(), types(s.args()), "emitting signal " + s.name(), s.location());
            List<TypeName> unicast = new ArrayList<>(List.of(RuntimeTypes.BUS_NAME));
            unicast.addAll(types(s.args()));
            skeleton.add(s.emitName(), unicast, "emitting signal " + s.name() + " to one destination", s.location());
        }
        for (PropertyModel p : model.properties()) {
            if (p.watchable(model)) {
                skeleton.add(p.changedName(), List.of(), "announcing changes of property " + p.name(), p.location());
            }
        }
    }

    private static List<TypeName> types(List<ArgModel> args) {
        List<TypeName> out = new ArrayList<>();
        for (ArgModel a : args) {
            out.add(a.type().javaType());
        }
        return out;
    }
}

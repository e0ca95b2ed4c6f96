package io.github.busgen.connection;

import io.github.busgen.introspect.Annotation;
import io.github.busgen.introspect.ArgInfo;
import io.github.busgen.introspect.InterfaceInfo;
import io.github.busgen.introspect.MethodInfo;
import io.github.busgen.introspect.PropertyInfo;
import io.github.busgen.introspect.SignalInfo;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.PropertyName;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Values;
import io.github.busgen.wire.WireReader;
import io.github.busgen.wire.WireWriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An {@link ExportedInterface} written by hand with generic values (see
 * {@link io.github.busgen.wire.Variant} for the mapping), for services without generated code:
 * <pre>{@code
 * ExportedInterface echo = SimpleInterface.builder("com.example.Echo")
 *     .method("Echo", "s", "s", (call, args) -> List.of(args.get(0)))
 *     .property("Count", "i", PropertyInfo.Access.READWRITE, () -> count, v -> count = (Integer) v)
 *     .signal("Changed", "i")
 *     .build();
 * connection.export(ObjectPath.of("/com/example/Echo"), echo);
 * }</pre>
 */
public final class SimpleInterface implements ExportedInterface {
    /**
     * Handles a call: gets the arguments as generic values and returns the reply's values as a
     * {@code List}, nothing ({@code null}) for an empty reply, or a {@link CompletionStage} of
     * either to answer later. It may also answer through {@code call} itself.
     */
    @FunctionalInterface
    public interface Handler {
        /** Handles one call. */
        Object handle(MethodInvocation call, List<Object> args) throws Exception;
    }

    private final InterfaceInfo info;
    private final Map<String, Handler> handlers;
    private final Map<String, Supplier<Object>> getters;
    private final Map<String, Consumer<Object>> setters;

    private SimpleInterface(Builder b) {
        this.info = new InterfaceInfo(b.name, b.methods, b.signals, b.properties, b.annotations);
        this.handlers = Map.copyOf(b.handlers);
        this.getters = Map.copyOf(b.getters);
        this.setters = Map.copyOf(b.setters);
    }

    /** A builder for the interface {@code name}. */
    public static Builder builder(String name) {
        return new Builder(InterfaceName.of(name));
    }

    @Override
    public InterfaceInfo info() {
        return info;
    }

    @Override
    public void invoke(MethodInvocation call) throws Exception {
        MethodInfo m = info.method(call.member());
        Handler h = handlers.get(call.member().value());
        List<Object> args = call.arguments().readValues(m.inSignature());
        Object result = h.handle(call, args);
        Signature out = m.outSignature();
        if (result instanceof CompletionStage) {
            call.replyLater((CompletionStage<?>) result, out, (w, v) -> writeResult(w, out, v));
        } else if (!call.isAnswered()) {
            call.reply(out, w -> writeResult(w, out, result));
        }
    }

    private static void writeResult(WireWriter w, Signature out, Object result) {
        List<?> values = result == null ? List.of() : (List<?>) result;
        w.writeValues(out, values);
    }

    @Override
    public void readProperty(String name, WireWriter out) {
        Supplier<Object> g = getters.get(name);
        PropertyInfo p = info.property(name);
        Object v = g.get();
        Values.check(p.type().type(), v);
        out.writeValue(p.type().type(), v);
    }

    @Override
    public void writeProperty(String name, WireReader value, PropertyContext context) throws Exception {
        Consumer<Object> s = setters.get(name);
        s.accept(value.readValue(info.property(name).type().type()));
    }

    /** Builds a {@link SimpleInterface}. */
    public static final class Builder {
        private final InterfaceName name;
        private final List<MethodInfo> methods = new ArrayList<>();
        private final List<SignalInfo> signals = new ArrayList<>();
        private final List<PropertyInfo> properties = new ArrayList<>();
        private final List<Annotation> annotations = new ArrayList<>();
        private final Map<String, Handler> handlers = new HashMap<>();
        private final Map<String, Supplier<Object>> getters = new HashMap<>();
        private final Map<String, Consumer<Object>> setters = new HashMap<>();

        private Builder(InterfaceName name) {
            this.name = name;
        }

        private static List<ArgInfo> unnamed(String signature) {
            List<ArgInfo> args = new ArrayList<>();
            for (var t : Signature.of(signature).types()) {
                args.add(new ArgInfo(null, Signature.of(t)));
            }
            return args;
        }

        /** A method taking {@code in} and answering {@code out} (signatures, possibly empty). */
        public Builder method(String member, String in, String out, Handler handler) {
            return method(new MethodInfo(MemberName.of(member), unnamed(in), unnamed(out), List.of()), handler);
        }

        /** A method described in full (argument names, annotations). */
        public Builder method(MethodInfo method, Handler handler) {
            if (handlers.putIfAbsent(method.name().value(), handler) != null) {
                throw new IllegalArgumentException("method " + method.name() + " is defined twice (D-Bus has no overloading)");
            }
            methods.add(method);
            return this;
        }

        /** A signal with arguments of {@code signature}. */
        public Builder signal(String member, String signature) {
            signals.add(new SignalInfo(MemberName.of(member), unnamed(signature), List.of()));
            return this;
        }

        /** A signal described in full. */
        public Builder signal(SignalInfo signal) {
            signals.add(signal);
            return this;
        }

        /**
         * A property of type {@code signature}. {@code getter} is needed when it is readable,
         * {@code setter} when it is writable.
         */
        public Builder property(String name, String signature, PropertyInfo.Access access, Supplier<Object> getter,
                                Consumer<Object> setter, Annotation... annotations) {
            PropertyInfo p = new PropertyInfo(PropertyName.of(name), Signature.single(signature), access,
                    List.of(annotations));
            if (access.readable() && getter == null || access.writable() && setter == null) {
                throw new IllegalArgumentException("property " + name + " is " + access.xml()
                        + " and needs a getter and/or setter to match");
            }
            properties.add(p);
            if (getter != null) {
                getters.put(name, getter);
            }
            if (setter != null) {
                setters.put(name, setter);
            }
            return this;
        }

        /** An annotation on the interface. */
        public Builder annotation(String name, String value) {
            annotations.add(new Annotation(name, value));
            return this;
        }

        /** The interface. */
        public SimpleInterface build() {
            return new SimpleInterface(this);
        }
    }
}

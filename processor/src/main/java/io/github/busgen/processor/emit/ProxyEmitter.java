package io.github.busgen.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.busgen.processor.model.ArgModel;
import io.github.busgen.processor.model.Constants;
import io.github.busgen.processor.model.ErrorModel;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.MethodModel;
import io.github.busgen.processor.model.PropertyModel;
import io.github.busgen.processor.model.RuntimeTypes;
import io.github.busgen.processor.model.SignalModel;

import javax.lang.model.element.Modifier;
import java.util.Objects;

import static io.github.busgen.processor.model.RuntimeTypes.PROXY_SUPPORT;

/**
 * Writes {@code FooProxy}, the client: it implements the interface by calling the remote object,
 * and adds an asynchronous form of each synchronous method ({@code barAsync}), per-call options
 * ({@code withOptions}), typed signal subscriptions ({@code onBaz}), asynchronous property accessors
 * and subscriptions to property changes ({@code onXPropertyChanged}). Error replies whose name a
 * method declares are thrown as the declared exception.
 */
public final class ProxyEmitter {
    private ProxyEmitter() {
    }

    /** The proxy's file. */
    public static JavaFile emit(InterfaceModel model) {
        return GeneratedFiles.file(model, new ProxyEmitter.Writer(model).type());
    }

    private static final class Writer extends ClassWriter {
        private final ClassName proxy;

        Writer(InterfaceModel model) {
            super(model);
            this.proxy = model.proxyType();
        }

        TypeSpec type() {
            TypeSpec.Builder t = publicClass(proxy, model.javaType())
                    .addJavadoc("A client of the D-Bus interface {@code $L}: each method calls the remote object.\n"
                            + "\n<p>Obtain one with {@link #of(Connection, BusName, ObjectPath)}; it is immutable and"
                            + " thread-safe.\n", model.name());
            constants(t);
            fieldsAndFactories(t);
            for (MethodModel m : model.methods()) {
                method(t, m);
            }
            for (PropertyModel p : model.properties()) {
                property(t, p);
            }
            for (SignalModel s : model.signals()) {
                signal(t, s);
            }
            t.addMethod(MethodSpec.methodBuilder("toString")
                    .addAnnotation(RuntimeTypes.OVERRIDE)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(RuntimeTypes.STRING)
                    .addStatement("return $S + this.destination + $S + this.path + $S", proxy.simpleName() + "[",
                            " ", "]")
                    .build());
            return t.build();
        }

        private void constants(TypeSpec.Builder t) {
            t.addField(Snippets.constant(RuntimeTypes.INTERFACE_NAME, Constants.INTERFACE,
                    CodeBlock.of("$T.of($S)", RuntimeTypes.INTERFACE_NAME, model.name())));
            for (MethodModel m : model.methods()) {
                t.addField(Snippets.constant(RuntimeTypes.MEMBER_NAME, constants.member(m), Snippets.memberName(m.name())));
                if (!m.in().isEmpty()) {
                    t.addField(Snippets.constant(RuntimeTypes.SIGNATURE, constants.in(m), Snippets.signature(m.inSignature())));
                }
                if (!m.out().isEmpty() && !m.noReply()) {
                    t.addField(Snippets.constant(RuntimeTypes.SIGNATURE, constants.out(m), Snippets.signature(m.outSignature())));
                }
            }
            for (PropertyModel p : model.properties()) {
                t.addField(Snippets.constant(RuntimeTypes.SIGNATURE, constants.type(p), Snippets.signature(p.type().signature())));
            }
            for (SignalModel s : model.signals()) {
                t.addField(Snippets.constant(RuntimeTypes.MEMBER_NAME, constants.member(s), Snippets.memberName(s.name())));
                t.addField(Snippets.constant(RuntimeTypes.SIGNATURE, constants.args(s), Snippets.signature(s.signature())));
            }
            for (ErrorModel e : model.errors()) {
                t.addField(Snippets.constant(RuntimeTypes.ERROR_NAME, constants.error(e),
                        CodeBlock.of("$T.of($S)", RuntimeTypes.ERROR_NAME, e.name())));
            }
        }

        private void fieldsAndFactories(TypeSpec.Builder t) {
            t.addField(RuntimeTypes.CONNECTION, "connection", Modifier.PRIVATE, Modifier.FINAL);
            t.addField(RuntimeTypes.BUS_NAME, "destination", Modifier.PRIVATE, Modifier.FINAL);
            t.addField(RuntimeTypes.OBJECT_PATH, "path", Modifier.PRIVATE, Modifier.FINAL);
            t.addField(RuntimeTypes.CALL_OPTIONS, "options", Modifier.PRIVATE, Modifier.FINAL);
            t.addField(RuntimeTypes.DURATION, "timeout", Modifier.PRIVATE, Modifier.FINAL);
            ClassName objects = ClassName.get(Objects.class);
            t.addMethod(MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(RuntimeTypes.CONNECTION, "connection")
                    .addParameter(RuntimeTypes.BUS_NAME, "destination")
                    .addParameter(RuntimeTypes.OBJECT_PATH, "path")
                    .addParameter(RuntimeTypes.CALL_OPTIONS, "options")
                    .addStatement("this.connection = $T.requireNonNull(connection, $S)", objects, "connection")
                    .addStatement("this.destination = destination")
                    .addStatement("this.path = $T.requireNonNull(path, $S)", objects, "path")
                    .addStatement("this.options = $T.requireNonNull(options, $S)", objects, "options")
                    .addStatement("this.timeout = options.timeout() != null ? options.timeout() : connection.defaultTimeout()")
                    .build());
            t.addMethod(MethodSpec.methodBuilder("of")
                    .addJavadoc("A proxy of the object at {@code path} of the connection {@code destination} on a bus.\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(proxy)
                    .addParameter(RuntimeTypes.CONNECTION, "connection")
                    .addParameter(RuntimeTypes.BUS_NAME, "destination")
                    .addParameter(RuntimeTypes.OBJECT_PATH, "path")
                    .addStatement("return new $T(connection, $T.requireNonNull(destination, $S), path, $T.DEFAULT)",
                            proxy, objects, "destination", RuntimeTypes.CALL_OPTIONS)
                    .build());
            t.addMethod(MethodSpec.methodBuilder("of")
                    .addJavadoc("A proxy of the object at {@code path} of the connection {@code destination} on a bus;"
                            + " the names are validated.\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(proxy)
                    .addParameter(RuntimeTypes.CONNECTION, "connection")
                    .addParameter(RuntimeTypes.STRING, "destination")
                    .addParameter(RuntimeTypes.STRING, "path")
                    .addStatement("return of(connection, $T.of(destination), $T.of(path))", RuntimeTypes.BUS_NAME,
                            RuntimeTypes.OBJECT_PATH)
                    .build());
            t.addMethod(MethodSpec.methodBuilder("of")
                    .addJavadoc("A proxy of the object at {@code path} of the peer at the other end of a peer-to-peer"
                            + " connection.\n")
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .returns(proxy)
                    .addParameter(RuntimeTypes.CONNECTION, "connection")
                    .addParameter(RuntimeTypes.OBJECT_PATH, "path")
                    .addStatement("return new $T(connection, null, path, $T.DEFAULT)", proxy, RuntimeTypes.CALL_OPTIONS)
                    .build());
            t.addMethod(MethodSpec.methodBuilder("withOptions")
                    .addJavadoc("This proxy with other call options: timeout, no auto start, interactive"
                            + " authorization.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(proxy)
                    .addParameter(RuntimeTypes.CALL_OPTIONS, "options")
                    .addStatement("return new $T(this.connection, this.destination, this.path, options)", proxy)
                    .build());
        }

        // ------------------------------------------------------------ methods

        private void method(TypeSpec.Builder t, MethodModel m) {
            t.addMethod(callBuilder(m));
            if (m.async()) {
                t.addMethod(asyncMethod(m, m.javaName(), true));
                return;
            }
            t.addMethod(syncMethod(m));
            if (m.asyncName() != null) {
                t.addMethod(asyncMethod(m, m.asyncName(), false));
            }
        }

        private MethodSpec callBuilder(MethodModel m) {
            MethodSpec.Builder b = MethodSpec.methodBuilder(m.callBuilderName())
                    .addModifiers(Modifier.PRIVATE)
                    .returns(RuntimeTypes.MESSAGE)
                    .addParameters(Snippets.parameters(m.in()));
            CodeBlock start = CodeBlock.of("$T.methodCall(this.destination, this.path, $L, $L, this.options)",
                    PROXY_SUPPORT, Constants.INTERFACE, constants.member(m));
            if (m.noReply()) {
                start = CodeBlock.of("$L.noReplyExpected(true)", start);
            }
            if (m.in().isEmpty()) {
                return b.addStatement("return $L.build()", start).build();
            }
            b.addStatement("$T b = $L", RuntimeTypes.MESSAGE_BUILDER, start);
            b.addStatement("$T w = b.beginBody($L)", RuntimeTypes.WIRE_WRITER, constants.in(m));
            for (ArgModel a : m.in()) {
                b.addStatement(Codecs.write(a.type(), codec, "w", CodeBlock.of("$L", a.paramName())));
            }
            return b.addStatement("return b.build()").build();
        }

        private MethodSpec.Builder override(String name, MethodModel m) {
            MethodSpec.Builder b = MethodSpec.methodBuilder(name)
                    .addAnnotation(RuntimeTypes.OVERRIDE)
                    .addModifiers(Modifier.PUBLIC)
                    .addParameters(Snippets.parameters(m.in()))
                    .varargs(m.varargs());
            Snippets.deprecate(b, m.deprecated());
            return b;
        }

        private MethodSpec syncMethod(MethodModel m) {
            MethodSpec.Builder b = override(m.javaName(), m).returns(m.replyType());
            for (ErrorModel e : m.errors()) {
                b.addException(e.javaType());
            }
            CodeBlock call = CodeBlock.of("$L($L)", m.callBuilderName(), Snippets.arguments(m.in()));
            if (m.noReply()) {
                return b.addStatement("this.connection.send($L)", call).build();
            }
            CodeBlock invoke = CodeBlock.of("this.connection.call($L, this.timeout)", call);
            boolean hasOut = !m.out().isEmpty();
            if (m.errors().isEmpty()) {
                b.addStatement(hasOut ? CodeBlock.of("$T reply = $L", RuntimeTypes.MESSAGE, invoke) : invoke);
            } else {
                if (hasOut) {
                    b.addStatement("$T reply", RuntimeTypes.MESSAGE);
                }
                b.beginControlFlow("try");
                b.addStatement(hasOut ? CodeBlock.of("reply = $L", invoke) : invoke);
                b.nextControlFlow("catch ($T e)", RuntimeTypes.DBUS_EXCEPTION);
                for (ErrorModel e : m.errors()) {
                    b.beginControlFlow("if (e.is($L))", constants.error(e));
                    b.addStatement("throw new $T(e.getMessage())", e.javaType());
                    b.endControlFlow();
                }
                b.addStatement("throw e");
                b.endControlFlow();
            }
            if (hasOut) {
                b.addStatement("$T r = $T.reader(reply, $L)", RuntimeTypes.WIRE_READER, PROXY_SUPPORT, constants.out(m));
                decodeOrFail(b, decode(m));
            }
            return b.build();
        }

        private void decodeOrFail(MethodSpec.Builder b, CodeBlock value) {
            b.beginControlFlow("try");
            b.addStatement("return $L", value);
            b.nextControlFlow("catch ($T e)", RuntimeTypes.PROTOCOL_EXCEPTION);
            b.addStatement("throw $T.malformed(reply, e)", PROXY_SUPPORT);
            b.endControlFlow();
        }

        /** The expression that reads the reply of {@code m} from {@code r}. */
        private CodeBlock decode(MethodModel m) {
            if (m.resultType() == null) {
                return Codecs.read(m.out().get(0).type(), codec, "r");
            }
            CodeBlock.Builder args = CodeBlock.builder();
            for (int i = 0; i < m.out().size(); i++) {
                args.add(i == 0 ? "$L" : ", $L", Codecs.read(m.out().get(i).type(), codec, "r"));
            }
            return CodeBlock.of("new $T($L)", m.resultType(), args.build());
        }

        private MethodSpec asyncMethod(MethodModel m, String name, boolean overrides) {
            MethodSpec.Builder b = overrides ? override(name, m)
                    : MethodSpec.methodBuilder(name)
                    .addJavadoc("Calls {@code $L} without waiting: the future completes with the reply, or"
                            + " fails with the error.\n", m.name())
                    .addModifiers(Modifier.PUBLIC)
                    .addParameters(Snippets.parameters(m.in()))
                    .varargs(m.varargs());
            if (!overrides) {
                Snippets.deprecate(b, m.deprecated());
            }
            b.returns(MethodModel.future(m.replyType()));
            CodeBlock call = CodeBlock.of("this.connection.callAsync($L($L), this.timeout)", m.callBuilderName(),
                    Snippets.arguments(m.in()));
            if (m.out().isEmpty()) {
                return b.addStatement("return $T.completion($L, $L)", PROXY_SUPPORT, call, errors(m)).build();
            }
            return b.addStatement("return $T.readAsync($L, $L, r -> $L, $L)", PROXY_SUPPORT, call, constants.out(m),
                    decode(m), errors(m)).build();
        }

        /** The function from an error reply to what the caller receives. */
        private CodeBlock errors(MethodModel m) {
            if (m.errors().isEmpty()) {
                return CodeBlock.of("$T.NO_ERRORS", PROXY_SUPPORT);
            }
            CodeBlock.Builder b = CodeBlock.builder().add("e -> ");
            for (ErrorModel e : m.errors()) {
                b.add("e.is($L) ? new $T(e.getMessage()) : ", constants.error(e), e.javaType());
            }
            return b.add("e").build();
        }

        // ------------------------------------------------------------ properties

        private void property(TypeSpec.Builder t, PropertyModel p) {
            CodeBlock get = CodeBlock.of("$T.getProperty(this.destination, this.path, $L, $S, this.options)",
                    PROXY_SUPPORT, Constants.INTERFACE, p.name());
            String type = constants.type(p);
            CodeBlock read = Codecs.read(p.type(), codec, "r");
            if (p.getter() != null) {
                MethodSpec.Builder getter = MethodSpec.methodBuilder(p.getter())
                        .addAnnotation(RuntimeTypes.OVERRIDE)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(p.type().javaType())
                        .addStatement("$T reply = this.connection.call($L, this.timeout)", RuntimeTypes.MESSAGE, get)
                        .addStatement("$T r = $T.propertyReader(reply, $L)", RuntimeTypes.WIRE_READER, PROXY_SUPPORT,
                                type);
                decodeOrFail(getter, read);
                t.addMethod(Snippets.deprecate(getter, p.deprecated()).build());
                t.addMethod(Snippets.deprecate(MethodSpec.methodBuilder(p.getterAsyncName())
                        .addJavadoc("Reads property $L without waiting.\n", Snippets.docCode(p.name()))
                        .addModifiers(Modifier.PUBLIC)
                        .returns(MethodModel.future(p.type().javaType()))
                        .addStatement("return $T.readPropertyAsync(this.connection.callAsync($L, this.timeout), $L,"
                                + " r -> $L)", PROXY_SUPPORT, get, type, read), p.deprecated())
                        .build());
            }
            if (p.setter() != null) {
                CodeBlock set = CodeBlock.of("$T.setProperty(this.destination, this.path, $L, $S, $L, w -> $L,"
                                + " this.options)", PROXY_SUPPORT, Constants.INTERFACE, p.name(), type,
                        Codecs.write(p.type(), codec, "w", CodeBlock.of("$L", p.setterParam())));
                t.addMethod(Snippets.deprecate(MethodSpec.methodBuilder(p.setter())
                        .addAnnotation(RuntimeTypes.OVERRIDE)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(p.type().javaType(), p.setterParam())
                        .addStatement("this.connection.call($L, this.timeout)", set), p.deprecated())
                        .build());
                t.addMethod(Snippets.deprecate(MethodSpec.methodBuilder(p.setterAsyncName())
                        .addJavadoc("Writes property $L without waiting.\n", Snippets.docCode(p.name()))
                        .addModifiers(Modifier.PUBLIC)
                        .returns(MethodModel.future(TypeName.VOID))
                        .addParameter(p.type().javaType(), p.setterParam())
                        .addStatement("return $T.completion(this.connection.callAsync($L, this.timeout), $T.NO_ERRORS)",
                                PROXY_SUPPORT, set, PROXY_SUPPORT), p.deprecated())
                        .build());
            }
            if (p.watchable(model)) {
                t.addMethod(Snippets.deprecate(MethodSpec.methodBuilder(p.watchName())
                        .addJavadoc("Calls {@code handler} with the new value whenever property $L changes"
                                + " (PropertiesChanged);\nwhen the service only names the property as changed, the"
                                + " value is read first. Close the subscription to stop.\n", Snippets.docCode(p.name()))
                        .addModifiers(Modifier.PUBLIC)
                        .returns(RuntimeTypes.SUBSCRIPTION)
                        .addParameter(Snippets.consumerOf(p.type().javaType()), "handler")
                        .addStatement("return this.connection.subscribe($T.propertiesChangedRule(this.destination,"
                                        + " this.path, $L),\n$T.propertyChangedHandler($S, $L, r -> $L, handler,"
                                        + " () -> $L().thenAccept(handler)))", PROXY_SUPPORT, Constants.INTERFACE,
                                PROXY_SUPPORT, p.name(), type, read, p.getterAsyncName()), p.deprecated())
                        .build());
            }
        }

        // ------------------------------------------------------------ signals

        private void signal(TypeSpec.Builder t, SignalModel s) {
            CodeBlock.Builder args = CodeBlock.builder();
            for (int i = 0; i < s.args().size(); i++) {
                args.add(i == 0 ? "$L" : ", $L", Codecs.read(s.args().get(i).type(), codec, "r"));
            }
            t.addMethod(Snippets.deprecate(MethodSpec.methodBuilder(s.subscribeName())
                    .addJavadoc("Calls {@code handler} with each signal {@code $L} of the object. Close the"
                            + " subscription to stop.\n", s.name())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(RuntimeTypes.SUBSCRIPTION)
                    .addParameter(Snippets.consumerOf(s.javaType()), "handler")
                    .addStatement("return this.connection.subscribe($T.signalRule(this.destination, this.path, $L, $L),"
                                    + "\n$T.signalHandler($L, r -> new $T($L), handler))", PROXY_SUPPORT,
                            Constants.INTERFACE, constants.member(s), PROXY_SUPPORT, constants.args(s), s.javaType(),
                            args.build()), s.deprecated())
                    .build());
        }
    }
}

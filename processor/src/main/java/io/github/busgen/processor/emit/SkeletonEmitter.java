package io.github.busgen.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.github.busgen.processor.model.ArgModel;
import io.github.busgen.processor.model.Constants;
import io.github.busgen.processor.model.ErrorModel;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.MethodModel;
import io.github.busgen.processor.model.PropertyModel;
import io.github.busgen.processor.model.RuntimeTypes;
import io.github.busgen.processor.model.SignalModel;

import javax.lang.model.element.Modifier;
import java.util.List;
import java.util.Objects;

/**
 * Writes {@code FooSkeleton}, the server side: an {@code ExportedInterface} that wraps an
 * implementation of the interface. It decodes each call's arguments, calls the implementation,
 * encodes the reply (later, for methods returning {@code CompletableFuture}), answers declared
 * exceptions with their error names, serves the properties, and emits signals and
 * PropertiesChanged at every place it is exported.
 */
public final class SkeletonEmitter {
    private SkeletonEmitter() {
    }

    /** The skeleton's file. */
    public static JavaFile emit(InterfaceModel model) {
        return GeneratedFiles.file(model, new SkeletonEmitter.Writer(model).type());
    }

    private static final class Writer extends ClassWriter {
        private final ClassName skeleton;
        private final ClassName export;

        Writer(InterfaceModel model) {
            super(model);
            this.skeleton = model.skeletonType();
            this.export = skeleton.nestedClass("Export");
        }

        TypeSpec type() {
            TypeSpec.Builder t = publicClass(skeleton, RuntimeTypes.EXPORTED_INTERFACE)
                    .addJavadoc("Serves the D-Bus interface {@code $L} with an implementation of {@link $T}.\n"
                            + "\n<pre>{@code\n"
                            + "$T skeleton = new $T(implementation);\n"
                            + "try (Subscription exported = skeleton.export(connection, ObjectPath.of(\"/com/example/Object\"))) {\n"
                            + "    ...\n"
                            + "}\n"
                            + "}</pre>\n", model.name(), model.javaType(), skeleton, skeleton);
            constants(t);
            t.addType(TypeSpec.recordBuilder(export)
                    .addJavadoc("A place where this skeleton is exported.\n")
                    .addModifiers(Modifier.PRIVATE)
                    .recordConstructor(MethodSpec.constructorBuilder()
                            .addParameter(RuntimeTypes.CONNECTION, "connection")
                            .addParameter(RuntimeTypes.OBJECT_PATH, "path")
                            .build())
                    .build());
            t.addField(model.javaType(), "implementation", Modifier.PRIVATE, Modifier.FINAL);
            t.addField(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.COPY_ON_WRITE_ARRAY_LIST, export),
                            "exports", Modifier.PRIVATE, Modifier.FINAL)
                    .initializer("new $T<>()", RuntimeTypes.COPY_ON_WRITE_ARRAY_LIST)
                    .build());
            t.addMethod(MethodSpec.constructorBuilder()
                    .addJavadoc("A skeleton that serves {@code implementation}.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(model.javaType(), "implementation")
                    .addStatement("this.implementation = $T.requireNonNull(implementation, $S)", Objects.class,
                            "implementation")
                    .build());
            t.addMethod(MethodSpec.methodBuilder("implementation")
                    .addJavadoc("The implementation this skeleton serves.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(model.javaType())
                    .addStatement("return this.implementation")
                    .build());
            t.addMethod(MethodSpec.methodBuilder("info")
                    .addAnnotation(RuntimeTypes.OVERRIDE)
                    .addModifiers(Modifier.PUBLIC)
                    .returns(RuntimeTypes.INTERFACE_INFO)
                    .addStatement("return $L", Constants.INFO)
                    .build());
            exportMethod(t);
            invoke(t);
            for (MethodModel m : model.methods()) {
                t.addMethod(invoker(m));
            }
            if (!model.errors().isEmpty()) {
                declaredErrors(t);
            }
            properties(t);
            signals(t);
            return t.build();
        }

        private void constants(TypeSpec.Builder t) {
            t.addField(FieldSpec.builder(RuntimeTypes.INTERFACE_INFO, Constants.INFO, Modifier.PUBLIC, Modifier.STATIC,
                            Modifier.FINAL)
                    .addJavadoc("The interface's introspection data.\n")
                    .initializer(InterfaceInfos.code(InterfaceInfos.of(model)))
                    .build());
            if (!model.signals().isEmpty()) {
                t.addField(Snippets.constant(RuntimeTypes.INTERFACE_NAME, Constants.INTERFACE,
                        CodeBlock.of("$L.name()", Constants.INFO)));
            }
            for (MethodModel m : model.methods()) {
                if (!m.out().isEmpty() && !m.noReply()) {
                    t.addField(Snippets.constant(RuntimeTypes.SIGNATURE, constants.out(m), Snippets.signature(m.outSignature())));
                }
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

        private void exportMethod(TypeSpec.Builder t) {
            t.addMethod(MethodSpec.methodBuilder("export")
                    .addJavadoc("Exports this skeleton at {@code path} on {@code connection}; it may be exported at"
                            + " several places.\nSignals and property changes go out at each. Closing the result"
                            + " unexports it.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(RuntimeTypes.SUBSCRIPTION)
                    .addParameter(RuntimeTypes.CONNECTION, "connection")
                    .addParameter(RuntimeTypes.OBJECT_PATH, "path")
                    .addStatement("$T export = new $T(connection, path)", export, export)
                    .addStatement("$T exported = connection.export(path, this)", RuntimeTypes.SUBSCRIPTION)
                    .addStatement("this.exports.add(export)")
                    .addCode("return () -> {\n$>")
                    .addStatement("this.exports.remove(export)")
                    .addStatement("exported.close()")
                    .addCode("$<};\n")
                    .build());
        }

        // ------------------------------------------------------------ methods

        private void invoke(TypeSpec.Builder t) {
            MethodSpec.Builder b = MethodSpec.methodBuilder("invoke")
                    .addAnnotation(RuntimeTypes.OVERRIDE)
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(RuntimeTypes.METHOD_INVOCATION, "call")
                    .addException(RuntimeTypes.EXCEPTION);
            CodeBlock unknown = CodeBlock.of("throw new $T($T.UNKNOWN_METHOD, \"no method \" + call.member() + $S)",
                    RuntimeTypes.DBUS_EXCEPTION, RuntimeTypes.DBUS_ERRORS, " in " + model.name());
            if (model.methods().isEmpty()) {
                t.addMethod(b.addStatement(unknown).build());
                return;
            }
            b.beginControlFlow("try");
            b.beginControlFlow("switch (call.member().value())");
            for (MethodModel m : model.methods()) {
                b.addStatement("case $S -> $L(call)", m.name(), m.invokerName());
            }
            b.addStatement("default -> $L", unknown);
            b.endControlFlow();
            b.nextControlFlow("catch ($T e)", RuntimeTypes.PROTOCOL_EXCEPTION);
            b.addStatement("throw $T.invalid(e)", RuntimeTypes.EXPORTED_INTERFACE);
            if (!model.errors().isEmpty()) {
                b.nextControlFlow("catch ($T e)", RuntimeTypes.EXCEPTION);
                b.addStatement("$T d = declaredError(e)", RuntimeTypes.DBUS_EXCEPTION);
                b.addStatement("throw d != null ? d : e");
            }
            b.endControlFlow();
            t.addMethod(b.build());
        }

        private MethodSpec invoker(MethodModel m) {
            MethodSpec.Builder b = MethodSpec.methodBuilder(m.invokerName())
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(RuntimeTypes.METHOD_INVOCATION, "call")
                    .addException(RuntimeTypes.EXCEPTION);
            if (!m.in().isEmpty()) {
                b.addStatement("$T r = call.arguments()", RuntimeTypes.WIRE_READER);
            }
            CodeBlock.Builder args = CodeBlock.builder();
            for (int i = 0; i < m.in().size(); i++) {
                args.add(i == 0 ? "$L" : ", $L", Codecs.read(m.in().get(i).type(), codec, "r"));
            }
            CodeBlock invocation = CodeBlock.of("this.implementation.$L($L)", m.javaName(), args.build());
            if (m.async()) {
                if (!m.errors().isEmpty()) {
                    invocation = CodeBlock.of("$L.exceptionallyCompose($T::declaredFailure)", invocation, skeleton);
                }
                if (m.out().isEmpty()) {
                    return b.addStatement("call.replyLater($L)", invocation).build();
                }
                return b.addStatement("call.replyLater($L, $L, (w, result) -> $L)", invocation, constants.out(m),
                        encodeReply(m)).build();
            }
            if (m.out().isEmpty() || m.noReply()) {
                b.addStatement(invocation);
                return b.addStatement("call.reply()").build();
            }
            b.addStatement("$T result = $L", m.replyType(), invocation);
            return b.addStatement("call.reply($L, w -> $L)", constants.out(m), encodeReply(m)).build();
        }

        /** The lambda body that writes {@code result} of {@code m} with {@code w}. */
        private CodeBlock encodeReply(MethodModel m) {
            if (m.resultType() == null) {
                return Codecs.write(m.out().get(0).type(), codec, "w", CodeBlock.of("result"));
            }
            CodeBlock.Builder b = CodeBlock.builder().add("{\n$>");
            for (ArgModel a : m.out()) {
                b.add("$L;\n", Codecs.write(a.type(), codec, "w", CodeBlock.of("result.$L()", a.javaName())));
            }
            return b.add("$<}").build();
        }

        private void declaredErrors(TypeSpec.Builder t) {
            MethodSpec.Builder b = MethodSpec.methodBuilder("declaredError")
                    .addJavadoc("The error reply for a declared exception, or null for any other failure.\n")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .returns(RuntimeTypes.DBUS_EXCEPTION)
                    .addParameter(RuntimeTypes.THROWABLE, "failure")
                    .addStatement("$T cause = failure instanceof $T && failure.getCause() != null ? failure.getCause()"
                            + " : failure", RuntimeTypes.THROWABLE, RuntimeTypes.COMPLETION_EXCEPTION);
            for (ErrorModel e : model.errors()) {
                b.beginControlFlow("if (cause instanceof $T)", e.javaType());
                b.addStatement("return new $T($L, cause.getMessage(), cause)", RuntimeTypes.DBUS_EXCEPTION,
                        constants.error(e));
                b.endControlFlow();
            }
            t.addMethod(b.addStatement("return null").build());
            if (model.methods().stream().anyMatch(m -> m.async() && !m.errors().isEmpty())) {
                TypeVariableName v = TypeVariableName.get("T");
                t.addMethod(MethodSpec.methodBuilder("declaredFailure")
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .addTypeVariable(v)
                        .returns(ParameterizedTypeName.get(RuntimeTypes.COMPLETION_STAGE, v))
                        .addParameter(RuntimeTypes.THROWABLE, "failure")
                        .addStatement("$T d = declaredError(failure)", RuntimeTypes.DBUS_EXCEPTION)
                        .addStatement("return $T.failedStage(d != null ? d : failure)", RuntimeTypes.COMPLETABLE_FUTURE)
                        .build());
            }
        }

        // ------------------------------------------------------------ properties

        private void properties(TypeSpec.Builder t) {
            if (model.properties().isEmpty()) {
                return;
            }
            List<PropertyModel> readable = model.properties().stream().filter(p -> p.getter() != null).toList();
            List<PropertyModel> writable = model.properties().stream().filter(p -> p.setter() != null).toList();
            if (!readable.isEmpty()) {
                MethodSpec.Builder b = MethodSpec.methodBuilder("readProperty")
                        .addAnnotation(RuntimeTypes.OVERRIDE)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(RuntimeTypes.STRING, "name")
                        .addParameter(RuntimeTypes.WIRE_WRITER, "out")
                        .addException(RuntimeTypes.EXCEPTION);
                b.beginControlFlow("switch (name)");
                for (PropertyModel p : readable) {
                    b.addStatement("case $S -> $L", p.name(), Codecs.write(p.type(), codec, "out",
                            CodeBlock.of("this.implementation.$L()", p.getter())));
                }
                b.addStatement("default -> $T.super.readProperty(name, out)", RuntimeTypes.EXPORTED_INTERFACE);
                b.endControlFlow();
                t.addMethod(b.build());
            }
            if (!writable.isEmpty()) {
                MethodSpec.Builder b = MethodSpec.methodBuilder("writeProperty")
                        .addJavadoc("Sets the property on the implementation, then announces the change as the"
                                + " property's EmitsChangedSignal says.\n")
                        .addAnnotation(RuntimeTypes.OVERRIDE)
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(RuntimeTypes.STRING, "name")
                        .addParameter(RuntimeTypes.WIRE_READER, "value")
                        .addParameter(RuntimeTypes.PROPERTY_CONTEXT, "context")
                        .addException(RuntimeTypes.EXCEPTION);
                b.beginControlFlow("switch (name)");
                for (PropertyModel p : writable) {
                    CodeBlock set = CodeBlock.of("this.implementation.$L($L)", p.setter(),
                            Codecs.read(p.type(), codec, "value"));
                    if (p.watchable(model)) {
                        b.beginControlFlow("case $S ->", p.name());
                        b.addStatement(set);
                        b.addStatement("propertiesChanged($S)", p.name());
                        b.endControlFlow();
                    } else {
                        b.addStatement("case $S -> $L", p.name(), set);
                    }
                }
                b.addStatement("default -> $T.super.writeProperty(name, value, context)", RuntimeTypes.EXPORTED_INTERFACE);
                b.endControlFlow();
                t.addMethod(b.build());
            }
            t.addMethod(MethodSpec.methodBuilder("propertiesChanged")
                    .addJavadoc("Announces that these properties changed, with PropertiesChanged at every place this"
                            + " skeleton is exported;\neach property's EmitsChangedSignal says whether the new value"
                            + " goes with it.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .addParameter(ArrayTypeName.of(RuntimeTypes.STRING), "names")
                    .varargs(true)
                    .addStatement("$T changed = $T.of(names)",
                            ParameterizedTypeName.get(RuntimeTypes.LIST, RuntimeTypes.STRING), RuntimeTypes.LIST)
                    .beginControlFlow("for ($T export : this.exports)", export)
                    .addStatement("export.connection().emitPropertiesChanged(export.path(), this, changed)")
                    .endControlFlow()
                    .build());
            for (PropertyModel p : model.properties()) {
                if (p.watchable(model)) {
                    MethodSpec.Builder b = MethodSpec.methodBuilder(p.changedName())
                            .addJavadoc("Announces that property $L changed.\n", Snippets.docCode(p.name()))
                            .addModifiers(Modifier.PUBLIC)
                            .addStatement("propertiesChanged($S)", p.name());
                    t.addMethod(Snippets.deprecate(b, p.deprecated()).build());
                }
            }
        }

        // ------------------------------------------------------------ signals

        private void signals(TypeSpec.Builder t) {
            if (model.signals().isEmpty()) {
                return;
            }
            t.addMethod(MethodSpec.methodBuilder("emitSignal")
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(RuntimeTypes.BUS_NAME, "destination")
                    .addParameter(RuntimeTypes.MEMBER_NAME, "member")
                    .addParameter(RuntimeTypes.SIGNATURE, "signature")
                    .addParameter(RuntimeTypes.BODY_WRITER, "body")
                    .beginControlFlow("for ($T export : this.exports)", export)
                    .addStatement("export.connection().emitSignal(destination, export.path(), $L, member, signature,"
                            + " body)", Constants.INTERFACE)
                    .endControlFlow()
                    .build());
            for (SignalModel s : model.signals()) {
                CodeBlock body = body(s);
                MethodSpec.Builder broadcast = MethodSpec.methodBuilder(s.emitName())
                        .addJavadoc("Emits signal {@code $L} at every place this skeleton is exported.\n", s.name())
                        .addModifiers(Modifier.PUBLIC)
                        .addParameters(Snippets.parameters(s.args()))
                        .addStatement("emitSignal(null, $L, $L, $L)", constants.member(s), constants.args(s), body);
                t.addMethod(Snippets.deprecate(broadcast, s.deprecated()).build());
                MethodSpec.Builder unicast = MethodSpec.methodBuilder(s.emitName())
                        .addJavadoc("Emits signal {@code $L} to {@code destination} only (a unicast signal, which"
                                + " the bus delivers to that\nconnection alone), at every place this skeleton is"
                                + " exported.\n", s.name())
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(RuntimeTypes.BUS_NAME, "destination")
                        .addParameters(Snippets.parameters(s.args()))
                        .addStatement("$T.requireNonNull(destination, $S)", RuntimeTypes.OBJECTS, "destination")
                        .addStatement("emitSignal(destination, $L, $L, $L)", constants.member(s), constants.args(s),
                                body);
                t.addMethod(Snippets.deprecate(unicast, s.deprecated()).build());
            }
        }

        /** The lambda that writes the body of signal {@code s} from the emitter's parameters. */
        private CodeBlock body(SignalModel s) {
            if (s.args().isEmpty()) {
                return CodeBlock.of("w -> { }");
            }
            if (s.args().size() == 1) {
                ArgModel a = s.args().get(0);
                return CodeBlock.of("w -> $L", Codecs.write(a.type(), codec, "w", CodeBlock.of("$L", a.paramName())));
            }
            CodeBlock.Builder c = CodeBlock.builder().add("w -> {\n$>");
            for (ArgModel a : s.args()) {
                c.add("$L;\n", Codecs.write(a.type(), codec, "w", CodeBlock.of("$L", a.paramName())));
            }
            return c.add("$<}").build();
        }
    }
}

package io.github.busgen.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.RuntimeTypes;
import io.github.busgen.processor.model.TypeModel;

import javax.lang.model.element.Modifier;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@code FooCodec}: a static {@code write<Name>} and {@code read<Name>} method for every
 * list, map and struct type the interface uses, calling {@code WireWriter}/{@code WireReader}
 * value by value. Structs are written field by field through the record's accessors and read into
 * its canonical constructor, whose arguments Java evaluates left to right, in wire order.
 */
public final class CodecEmitter {
    private CodecEmitter() {
    }

    /** The codec file, or empty when the interface needs no codec methods. */
    public static Optional<JavaFile> emit(InterfaceModel model) {
        List<TypeModel> types = model.codecTypes();
        if (types.isEmpty()) {
            return Optional.empty();
        }
        ClassName codec = model.codecType();
        TypeSpec.Builder type = TypeSpec.classBuilder(codec)
                .addJavadoc("Encodes and decodes the lists, maps and structs of {@link $T}.\n", model.javaType())
                .addAnnotation(GeneratedFiles.generated(model))
                .addModifiers(Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        type.addAnnotation(GeneratedFiles.suppressDeprecation());
        for (TypeModel t : types) {
            type.addMethod(writer(t, codec));
            type.addMethod(reader(t, codec));
        }
        return Optional.of(GeneratedFiles.file(model, type.build()));
    }

    private static MethodSpec writer(TypeModel t, ClassName codec) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("write" + t.codecName())
                .addModifiers(Modifier.STATIC)
                .addParameter(RuntimeTypes.WIRE_WRITER, "w")
                .addParameter(t.javaType(), "v");
        if (t instanceof TypeModel.StructType s) {
            m.addStatement("w.beginStruct()");
            for (TypeModel.Field f : s.fields()) {
                m.addStatement(Codecs.write(f.type(), codec, "w", CodeBlock.of("v.$L()", f.accessor())));
            }
        } else if (t instanceof TypeModel.ListType l) {
            m.addStatement("long array = w.beginArray($L)", l.element().alignment());
            m.beginControlFlow("for ($T e : v)", l.element().javaType().box());
            m.addStatement(Codecs.write(l.element(), codec, "w", CodeBlock.of("e")));
            m.endControlFlow();
            m.addStatement("w.endArray(array)");
        } else if (t instanceof TypeModel.MapType d) {
            m.addStatement("long array = w.beginArray(8)");
            m.beginControlFlow("for ($T e : v.entrySet())", ParameterizedTypeName.get(
                    RuntimeTypes.MAP.nestedClass("Entry"), d.key().javaType().box(), d.value().javaType().box()));
            m.addStatement("w.beginStruct()");
            m.addStatement(Codecs.write(d.key(), codec, "w", CodeBlock.of("e.getKey()")));
            m.addStatement(Codecs.write(d.value(), codec, "w", CodeBlock.of("e.getValue()")));
            m.endControlFlow();
            m.addStatement("w.endArray(array)");
        } else {
            throw new IllegalArgumentException("no codec method for " + t);
        }
        return m.build();
    }

    private static MethodSpec reader(TypeModel t, ClassName codec) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("read" + t.codecName())
                .addModifiers(Modifier.STATIC)
                .returns(t.javaType())
                .addParameter(RuntimeTypes.WIRE_READER, "r")
                .addException(RuntimeTypes.PROTOCOL_EXCEPTION);
        if (t instanceof TypeModel.StructType s) {
            m.addStatement("r.beginStruct()");
            CodeBlock.Builder args = CodeBlock.builder();
            for (int i = 0; i < s.fields().size(); i++) {
                args.add(i == 0 ? "$L" : ", $L", Codecs.read(s.fields().get(i).type(), codec, "r"));
            }
            m.addStatement("return new $T($L)", s.javaType(), args.build());
        } else if (t instanceof TypeModel.ListType l) {
            m.addStatement("$T v = new $T<>()", t.javaType(), RuntimeTypes.ARRAY_LIST);
            m.addStatement("int end = r.beginArray($L)", l.element().alignment());
            m.beginControlFlow("while (r.hasNext())");
            m.addStatement("v.add($L)", Codecs.read(l.element(), codec, "r"));
            m.endControlFlow();
            m.addStatement("r.endArray(end)");
            m.addStatement("return v");
        } else if (t instanceof TypeModel.MapType d) {
            m.addStatement("$T v = new $T<>()", t.javaType(), RuntimeTypes.LINKED_HASH_MAP);
            m.addStatement("int end = r.beginArray(8)");
            m.beginControlFlow("while (r.hasNext())");
            m.addStatement("r.beginStruct()");
            m.addStatement("v.put($L, $L)", Codecs.read(d.key(), codec, "r"), Codecs.read(d.value(), codec, "r"));
            m.endControlFlow();
            m.addStatement("r.endArray(end)");
            m.addStatement("return v");
        } else {
            throw new IllegalArgumentException("no codec method for " + t);
        }
        return m.build();
    }
}

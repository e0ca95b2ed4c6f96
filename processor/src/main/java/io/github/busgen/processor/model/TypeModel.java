package io.github.busgen.processor.model;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.github.busgen.wire.Signature;

import java.util.List;
import java.util.Objects;

/**
 * One D-Bus type paired with the Java type that carries it, and how it is encoded: scalars and
 * primitive arrays by one call of {@code WireWriter}/{@code WireReader}, lists, maps and structs by
 * codec methods the struct codec emitter writes ({@code write<codecName>}/{@code read<codecName>}).
 */
public sealed interface TypeModel
        permits TypeModel.Scalar, TypeModel.PrimitiveArray, TypeModel.ListType, TypeModel.MapType,
        TypeModel.StructType {

    /** The D-Bus type: one single complete type. */
    String signature();

    /** The Java type, exactly as declared. */
    TypeName javaType();

    /** Whether one {@code WireWriter}/{@code WireReader} call handles it, so that it needs no codec method. */
    boolean inline();

    /** This type's part of codec method names; unique per type within an interface. */
    String codecName();

    /** The types it contains directly. */
    List<TypeModel> children();

    /** The alignment of the D-Bus type: 1, 2, 4 or 8. */
    default int alignment() {
        return Signature.single(signature()).type().alignment();
    }

    /**
     * A basic type or a variant.
     *
     * @param kind  which one
     * @param boxed whether the Java type is the boxed form of a primitive (as in type arguments)
     */
    record Scalar(ScalarType kind, boolean boxed) implements TypeModel {
        public Scalar {
            Objects.requireNonNull(kind);
            if (boxed && !kind.isPrimitive()) {
                throw new IllegalArgumentException(kind + " has no boxed form");
            }
        }

        /** The unboxed form of {@code kind}. */
        public static Scalar of(ScalarType kind) {
            return new Scalar(kind, false);
        }

        @Override
        public String signature() {
            return String.valueOf(kind.code());
        }

        @Override
        public TypeName javaType() {
            return boxed ? kind.javaType().box() : kind.javaType();
        }

        @Override
        public boolean inline() {
            return true;
        }

        @Override
        public String codecName() {
            return kind.codecName();
        }

        @Override
        public List<TypeModel> children() {
            return List.of();
        }
    }

    /** An array of a fixed type as a Java primitive array ({@code ay} as {@code byte[]}, {@code au} as {@code long[]}). */
    record PrimitiveArray(ScalarType element) implements TypeModel {
        public PrimitiveArray {
            if (!element.hasPrimitiveArray()) {
                throw new IllegalArgumentException(element + " has no primitive array form");
            }
        }

        @Override
        public String signature() {
            return "a" + element.code();
        }

        @Override
        public TypeName javaType() {
            return ArrayTypeName.of(element.javaType());
        }

        @Override
        public boolean inline() {
            return true;
        }

        @Override
        public String codecName() {
            return element.arrayCodecName();
        }

        @Override
        public List<TypeModel> children() {
            return List.of();
        }
    }

    /** An array as a {@code java.util.List}. */
    record ListType(TypeModel element) implements TypeModel {
        @Override
        public String signature() {
            return "a" + element.signature();
        }

        @Override
        public TypeName javaType() {
            return ParameterizedTypeName.get(RuntimeTypes.LIST, element.javaType().box());
        }

        @Override
        public boolean inline() {
            return false;
        }

        @Override
        public String codecName() {
            return "ListOf" + element.codecName();
        }

        @Override
        public List<TypeModel> children() {
            return List.of(element);
        }
    }

    /** A dict ({@code a{KV}}) as a {@code java.util.Map}; decoded into a {@code LinkedHashMap}. */
    record MapType(TypeModel key, TypeModel value) implements TypeModel {
        @Override
        public String signature() {
            return "a{" + key.signature() + value.signature() + "}";
        }

        @Override
        public TypeName javaType() {
            return ParameterizedTypeName.get(RuntimeTypes.MAP, key.javaType().box(), value.javaType().box());
        }

        @Override
        public boolean inline() {
            return false;
        }

        @Override
        public String codecName() {
            // the key is a scalar, whose name has no "To", so the split is unambiguous
            return "MapOf" + key.codecName() + "To" + value.codecName();
        }

        @Override
        public int alignment() {
            return 4;
        }

        @Override
        public List<TypeModel> children() {
            return List.of(key, value);
        }
    }

    /**
     * A struct as a record: its components in order.
     *
     * @param javaType  the record
     * @param fields    its components
     * @param codecName unique among the interface's codec names
     */
    record StructType(ClassName javaType, List<Field> fields, String codecName) implements TypeModel {
        public StructType {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a struct has at least one field");
            }
        }

        @Override
        public String signature() {
            StringBuilder b = new StringBuilder("(");
            for (Field f : fields) {
                b.append(f.type().signature());
            }
            return b.append(')').toString();
        }

        @Override
        public boolean inline() {
            return false;
        }

        @Override
        public int alignment() {
            return 8;
        }

        @Override
        public List<TypeModel> children() {
            return fields.stream().map(Field::type).toList();
        }
    }

    /**
     * A field of a struct.
     *
     * @param accessor the record component's accessor
     * @param type     its type
     */
    record Field(String accessor, TypeModel type) {
    }
}

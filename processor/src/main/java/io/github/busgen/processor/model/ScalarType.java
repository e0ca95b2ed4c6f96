package io.github.busgen.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * The D-Bus types that one call of {@code WireWriter}/{@code WireReader} writes or reads: the
 * basic types and the variant, with their Java types (DESIGN section 5) and the names of the
 * calls, including the primitive-array calls for the fixed types that have them.
 */
public enum ScalarType {
    BYTE('y', TypeName.BYTE, "Byte", "Byte", "ByteArray"),
    BOOLEAN('b', TypeName.BOOLEAN, "Boolean", "Boolean", "BooleanArray"),
    INT16('n', TypeName.SHORT, "Int16", "Int16", "Int16Array"),
    UINT16('q', TypeName.INT, "UInt16", "UInt16", "UInt16Array"),
    INT32('i', TypeName.INT, "Int32", "Int32", "Int32Array"),
    UINT32('u', TypeName.LONG, "UInt32", "UInt32", "UInt32Array"),
    INT64('x', TypeName.LONG, "Int64", "Int64", "Int64Array"),
    UINT64('t', TypeName.LONG, "UInt64", "UInt64", "Int64Array"),
    DOUBLE('d', TypeName.DOUBLE, "Double", "Double", "DoubleArray"),
    STRING('s', RuntimeTypes.STRING, "String", "String", null),
    OBJECT_PATH('o', RuntimeTypes.OBJECT_PATH, "ObjectPath", "ObjectPath", null),
    SIGNATURE('g', RuntimeTypes.SIGNATURE, "Signature", "Signature", null),
    UNIX_FD('h', RuntimeTypes.UNIX_FD, "UnixFd", "UnixFd", null),
    VARIANT('v', RuntimeTypes.VARIANT, "Variant", "Variant", null);

    private final char code;
    private final TypeName javaType;
    private final String call;
    private final String codecName;
    private final String arrayCall;

    ScalarType(char code, TypeName javaType, String call, String codecName, String arrayCall) {
        this.code = code;
        this.javaType = javaType;
        this.call = call;
        this.codecName = codecName;
        this.arrayCall = arrayCall;
    }

    /** The scalar type with this type code, or null. */
    public static ScalarType of(char code) {
        for (ScalarType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** The D-Bus type code. */
    public char code() {
        return code;
    }

    /** The Java type: a primitive for the fixed types, a class for the others. */
    public TypeName javaType() {
        return javaType;
    }

    /** Whether the Java type is a primitive, with a boxed form. */
    public boolean isPrimitive() {
        return javaType.isPrimitive();
    }

    /** Whether it can be a dict key (every scalar but the variant). */
    public boolean isBasic() {
        return this != VARIANT;
    }

    /** The name of the {@code WireWriter} method that writes it. */
    public String writeMethod() {
        return "write" + call;
    }

    /** The name of the {@code WireReader} method that reads it. */
    public String readMethod() {
        return "read" + call;
    }

    /** Whether an array of it maps to a Java primitive array. */
    public boolean hasPrimitiveArray() {
        return arrayCall != null;
    }

    /** The name of the {@code WireWriter} method that writes a primitive array of it. */
    public String writeArrayMethod() {
        return "write" + arrayCall;
    }

    /** The name of the {@code WireReader} method that reads a primitive array of it. */
    public String readArrayMethod() {
        return "read" + arrayCall;
    }

    /** Its part of the names of codec methods, such as {@code Int32} in {@code writeListOfInt32}. */
    public String codecName() {
        return codecName;
    }

    /** Its part of the names of codec methods for a primitive array of it. */
    public String arrayCodecName() {
        return codecName + "Array";
    }
}

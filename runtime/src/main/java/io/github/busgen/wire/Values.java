package io.github.busgen.wire;

import io.github.busgen.names.ObjectPath;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Helpers for generic D-Bus values (the mapping described on {@link Variant}): type checks with
 * messages that say where a value does not fit its type, deep equality that compares primitive
 * arrays by content, and a readable text form.
 */
public final class Values {
    private Values() {
    }

    /**
     * Checks that {@code value} is a generic value of {@code type}, deeply.
     *
     * @throws IllegalArgumentException saying which part of the value does not fit, and why
     */
    public static void check(DBusType type, Object value) {
        check(type, value, "value");
    }

    private static void check(DBusType type, Object value, String where) {
        if (value == null) {
            throw new IllegalArgumentException(where + " of type '" + type + "' is null; D-Bus has no null");
        }
        switch (type.code()) {
            case DBusType.BYTE: expect(value instanceof Byte, type, value, where, "Byte"); break;
            case DBusType.BOOLEAN: expect(value instanceof Boolean, type, value, where, "Boolean"); break;
            case DBusType.INT16: expect(value instanceof Short, type, value, where, "Short"); break;
            case DBusType.UINT16:
                expect(value instanceof Integer, type, value, where, "Integer (0..65535)");
                int q = (Integer) value;
                if (q < 0 || q > 0xFFFF) {
                    throw new IllegalArgumentException(where + " " + q + " is out of range for 'q' (0..65535)");
                }
                break;
            case DBusType.INT32: expect(value instanceof Integer, type, value, where, "Integer"); break;
            case DBusType.UINT32:
                expect(value instanceof Long, type, value, where, "Long (0..4294967295)");
                long u = (Long) value;
                if (u < 0 || u > 0xFFFFFFFFL) {
                    throw new IllegalArgumentException(where + " " + u + " is out of range for 'u' (0..4294967295)");
                }
                break;
            case DBusType.INT64: case DBusType.UINT64:
                expect(value instanceof Long, type, value, where, "Long"); break;
            case DBusType.DOUBLE: expect(value instanceof Double, type, value, where, "Double"); break;
            case DBusType.STRING: expect(value instanceof String, type, value, where, "String"); break;
            case DBusType.OBJECT_PATH: expect(value instanceof ObjectPath, type, value, where, "ObjectPath"); break;
            case DBusType.SIGNATURE: expect(value instanceof Signature, type, value, where, "Signature"); break;
            case DBusType.UNIX_FD: expect(value instanceof UnixFd, type, value, where, "UnixFd"); break;
            case DBusType.VARIANT: expect(value instanceof Variant, type, value, where, "Variant"); break;
            case DBusType.STRUCT: {
                expect(value instanceof Struct, type, value, where, "Struct");
                Struct s = (Struct) value;
                List<DBusType> fields = type.fields();
                if (s.size() != fields.size()) {
                    throw new IllegalArgumentException(where + " has " + s.size() + " fields but '" + type
                            + "' has " + fields.size());
                }
                for (int i = 0; i < fields.size(); i++) {
                    check(fields.get(i), s.get(i), where + ".field" + i);
                }
                break;
            }
            case DBusType.ARRAY: {
                DBusType e = type.elementType();
                if (e.code() == DBusType.DICT_ENTRY) {
                    expect(value instanceof Map, type, value, where, "Map");
                    DBusType k = e.fields().get(0);
                    DBusType v = e.fields().get(1);
                    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                        check(k, entry.getKey(), where + ".key");
                        check(v, entry.getValue(), where + "[" + entry.getKey() + "]");
                    }
                    break;
                }
                String primitive = primitiveArrayName(e.code());
                if (primitive != null) {
                    expect(isPrimitiveArray(e.code(), value), type, value, where, primitive);
                    if (e.code() == DBusType.UINT16) {
                        for (int x : (int[]) value) {
                            if (x < 0 || x > 0xFFFF) {
                                throw new IllegalArgumentException(where + " element " + x + " is out of range for 'q'");
                            }
                        }
                    } else if (e.code() == DBusType.UINT32) {
                        for (long x : (long[]) value) {
                            if (x < 0 || x > 0xFFFFFFFFL) {
                                throw new IllegalArgumentException(where + " element " + x + " is out of range for 'u'");
                            }
                        }
                    }
                    break;
                }
                expect(value instanceof List, type, value, where, "List");
                int i = 0;
                for (Object o : (List<?>) value) {
                    check(e, o, where + "[" + i++ + "]");
                }
                break;
            }
            default:
                throw new IllegalArgumentException(where + ": type '" + type + "' cannot stand alone");
        }
    }

    /** The Java array type used for arrays of {@code elementCode}, or null if a List is used. */
    static String primitiveArrayName(char elementCode) {
        switch (elementCode) {
            case DBusType.BYTE: return "byte[]";
            case DBusType.BOOLEAN: return "boolean[]";
            case DBusType.INT16: return "short[]";
            case DBusType.UINT16: case DBusType.INT32: return "int[]";
            case DBusType.UINT32: case DBusType.INT64: case DBusType.UINT64: return "long[]";
            case DBusType.DOUBLE: return "double[]";
            default: return null;
        }
    }

    private static boolean isPrimitiveArray(char elementCode, Object value) {
        switch (elementCode) {
            case DBusType.BYTE: return value instanceof byte[];
            case DBusType.BOOLEAN: return value instanceof boolean[];
            case DBusType.INT16: return value instanceof short[];
            case DBusType.UINT16: case DBusType.INT32: return value instanceof int[];
            case DBusType.DOUBLE: return value instanceof double[];
            default: return value instanceof long[];
        }
    }

    private static void expect(boolean ok, DBusType type, Object value, String where, String javaType) {
        if (!ok) {
            throw new IllegalArgumentException(where + " of D-Bus type '" + type + "' must be a " + javaType
                    + ", not " + value.getClass().getSimpleName());
        }
    }

    /** Equality of generic values, comparing primitive arrays by content and maps in any order. */
    public static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!deepEquals(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Double && b instanceof Double) {
            // compare bits so that NaN equals itself after a round trip
            return Double.doubleToRawLongBits((Double) a) == Double.doubleToRawLongBits((Double) b);
        }
        if (a.getClass().isArray() && b.getClass() == a.getClass()) {
            if (a instanceof byte[]) return Arrays.equals((byte[]) a, (byte[]) b);
            if (a instanceof boolean[]) return Arrays.equals((boolean[]) a, (boolean[]) b);
            if (a instanceof short[]) return Arrays.equals((short[]) a, (short[]) b);
            if (a instanceof int[]) return Arrays.equals((int[]) a, (int[]) b);
            if (a instanceof long[]) return Arrays.equals((long[]) a, (long[]) b);
            if (a instanceof double[]) {
                double[] x = (double[]) a;
                double[] y = (double[]) b;
                if (x.length != y.length) {
                    return false;
                }
                for (int i = 0; i < x.length; i++) {
                    if (Double.doubleToRawLongBits(x[i]) != Double.doubleToRawLongBits(y[i])) {
                        return false;
                    }
                }
                return true;
            }
        }
        return a.equals(b);
    }

    /** A hash code consistent with {@link #deepEquals}. */
    public static int deepHashCode(Object a) {
        if (a == null) {
            return 0;
        }
        if (a instanceof List) {
            int h = 1;
            for (Object o : (List<?>) a) {
                h = 31 * h + deepHashCode(o);
            }
            return h;
        }
        if (a instanceof Map) {
            int h = 0;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) a).entrySet()) {
                h += deepHashCode(e.getKey()) ^ deepHashCode(e.getValue());
            }
            return h;
        }
        if (a instanceof Double) {
            return Long.hashCode(Double.doubleToRawLongBits((Double) a));
        }
        if (a instanceof byte[]) return Arrays.hashCode((byte[]) a);
        if (a instanceof boolean[]) return Arrays.hashCode((boolean[]) a);
        if (a instanceof short[]) return Arrays.hashCode((short[]) a);
        if (a instanceof int[]) return Arrays.hashCode((int[]) a);
        if (a instanceof long[]) return Arrays.hashCode((long[]) a);
        if (a instanceof double[]) {
            int h = 1;
            for (double d : (double[]) a) {
                h = 31 * h + Long.hashCode(Double.doubleToRawLongBits(d));
            }
            return h;
        }
        return a.hashCode();
    }

    /**
     * A readable text form of a generic value, close to GVariant's text format: strings quoted,
     * structs in parentheses, variants in angle brackets, object paths and signatures tagged.
     */
    public static String toString(Object value) {
        StringBuilder b = new StringBuilder();
        append(b, value);
        return b.toString();
    }

    private static void append(StringBuilder b, Object v) {
        if (v instanceof String) {
            b.append('\'');
            String s = (String) v;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\'' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
            b.append('\'');
        } else if (v instanceof ObjectPath) {
            b.append("objectpath '").append(v).append('\'');
        } else if (v instanceof Signature) {
            b.append("signature '").append(v).append('\'');
        } else if (v instanceof Variant) {
            b.append('<');
            append(b, ((Variant) v).value());
            b.append('>');
        } else if (v instanceof Struct) {
            b.append('(');
            List<Object> f = ((Struct) v).fields();
            for (int i = 0; i < f.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                append(b, f.get(i));
            }
            if (f.size() == 1) {
                b.append(',');
            }
            b.append(')');
        } else if (v instanceof List) {
            b.append('[');
            boolean first = true;
            for (Object o : (List<?>) v) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                append(b, o);
            }
            b.append(']');
        } else if (v instanceof Map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                append(b, e.getKey());
                b.append(": ");
                append(b, e.getValue());
            }
            b.append('}');
        } else if (v instanceof byte[]) {
            b.append(Arrays.toString((byte[]) v));
        } else if (v instanceof boolean[]) {
            b.append(Arrays.toString((boolean[]) v));
        } else if (v instanceof short[]) {
            b.append(Arrays.toString((short[]) v));
        } else if (v instanceof int[]) {
            b.append(Arrays.toString((int[]) v));
        } else if (v instanceof long[]) {
            b.append(Arrays.toString((long[]) v));
        } else if (v instanceof double[]) {
            b.append(Arrays.toString((double[]) v));
        } else {
            b.append(v);
        }
    }
}

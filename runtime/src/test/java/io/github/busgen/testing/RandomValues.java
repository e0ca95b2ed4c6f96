package io.github.busgen.testing;

import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Struct;
import io.github.busgen.wire.UnixFd;
import io.github.busgen.wire.Variant;
import io.github.busgen.wire.WireReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Random valid D-Bus types and values in the generic mapping, within every limit: signatures of at
 * most 255 characters, 32 nested arrays and 32 nested structs per signature, and at most 64 nested
 * containers in a value (variants, structs, arrays and dict entries, counted as the reader counts
 * them). Now and then a type goes right up to a limit, a string holds astral characters or an array
 * is large.
 */
public final class RandomValues {
    /** A type and a value of it. */
    public record Typed(DBusType type, Object value) {
        @Override
        public String toString() {
            return type + " " + io.github.busgen.wire.Values.toString(value);
        }
    }

    private static final String BASIC = "ybnqiuxtdsogh";
    private static final String NAME_LEAD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
    private static final String NAME_CHARS = NAME_LEAD + "0123456789";

    private final Random r;
    private int budget; // values still to be made for the current top-level value: arrays of arrays stay small

    public RandomValues(Random r) {
        this.r = r;
    }

    /** A random single complete type whose values nest at most {@code depth} containers deep. */
    public DBusType type(int depth) {
        for (;;) {
            DBusType t = r.nextInt(12) == 0 ? deepType(depth) : type(depth, Signature.MAX_DEPTH, Signature.MAX_DEPTH);
            if (t.signature().length() <= Signature.MAX_LENGTH) {
                return t;
            }
        }
    }

    /** A list of types whose signature fits in 255 characters, as a message body's must. */
    public List<DBusType> types(int maxCount, int depth) {
        for (;;) {
            List<DBusType> out = new ArrayList<>();
            for (int n = r.nextInt(maxCount + 1); n > 0; n--) {
                out.add(type(depth));
            }
            if (joined(out).length() <= Signature.MAX_LENGTH) {
                return out;
            }
        }
    }

    /** The signature of {@code types} in order. */
    public static String joined(List<DBusType> types) {
        StringBuilder b = new StringBuilder();
        types.forEach(t -> b.append(t.signature()));
        return b.toString();
    }

    private DBusType type(int depth, int arrays, int structs) {
        int pick = r.nextInt(depth > 0 ? 20 : 13);
        if (pick < 13) {
            return DBusType.basic(BASIC.charAt(pick));
        }
        switch (pick) {
            case 13:
            case 14:
                return DBusType.basic('v');
            case 15:
            case 16:
                if (structs > 0) {
                    List<DBusType> fields = new ArrayList<>();
                    for (int n = 1 + r.nextInt(3); n > 0; n--) {
                        fields.add(type(depth - 1, arrays, structs - 1));
                    }
                    return DBusType.structOf(fields);
                }
                return DBusType.basic('i');
            default:
                if (arrays == 0) {
                    return DBusType.basic('s');
                }
                if (pick == 19 && depth >= 2) { // a dict: the array and its entries are two levels
                    DBusType key = DBusType.basic(BASIC.charAt(r.nextInt(BASIC.length())));
                    return DBusType.arrayOf(DBusType.dictEntryOf(key, type(depth - 2, arrays - 1, structs)));
                }
                return DBusType.arrayOf(type(depth - 1, arrays - 1, structs));
        }
    }

    /** Up to 32 arrays and 32 structs around a basic type, within {@code depth}: the edges of the limits. */
    private DBusType deepType(int depth) {
        int arrays = Math.min(Signature.MAX_DEPTH, r.nextInt(depth + 1));
        int structs = Math.min(Signature.MAX_DEPTH, r.nextInt(depth - arrays + 1));
        DBusType t = DBusType.basic(BASIC.charAt(r.nextInt(BASIC.length())));
        while (arrays > 0 || structs > 0) {
            if (structs == 0 || (arrays > 0 && r.nextBoolean())) {
                t = DBusType.arrayOf(t);
                arrays--;
            } else {
                t = DBusType.structOf(List.of(t));
                structs--;
            }
        }
        return t;
    }

    /**
     * A random top-level value of {@code type}: the value with everything inside it, variants
     * included, nests at most {@link WireReader#MAX_TOTAL_DEPTH} containers deep.
     */
    public Object value(DBusType type) {
        budget = 20_000;
        return value(type, WireReader.MAX_TOTAL_DEPTH);
    }

    /**
     * A random value of {@code type}, which with everything inside it may use {@code depth} levels of
     * nesting; {@code type} itself must fit in them.
     */
    private Object value(DBusType type, int depth) {
        budget--;
        switch (type.code()) {
            case 'y': return (byte) pickInt(Byte.MIN_VALUE, Byte.MAX_VALUE, 0, -1);
            case 'b': return r.nextBoolean();
            case 'n': return (short) pickInt(Short.MIN_VALUE, Short.MAX_VALUE, 0, -1);
            case 'q': return pickInt(0, 65535, 0x8000, 1);
            case 'i': return pickInt(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1);
            case 'u': return pickLong(0, 0xFFFFFFFFL, 0x80000000L, 1) & 0xFFFFFFFFL;
            case 'x': case 't': return pickLong(Long.MIN_VALUE, Long.MAX_VALUE, 0, -1);
            case 'd': return pickDouble();
            case 's': return string();
            case 'o': return path();
            case 'g': return Signature.of(joined(types(3, 3)));
            case 'h': return UnixFd.ofIndex(r.nextInt());
            case 'v': {
                DBusType inner = type(Math.min(depth - 1, 4 + r.nextInt(4)));
                return Variant.of(Signature.of(inner), value(inner, depth - 1));
            }
            case '(': {
                List<Object> fields = new ArrayList<>();
                for (DBusType f : type.fields()) {
                    fields.add(value(f, depth - 1));
                }
                return Struct.of(fields);
            }
            default:
                return array(type.elementType(), depth - 1);
        }
    }

    /** A random type (nesting up to the full 64 levels now and then) and a value of it. */
    public Typed typed() {
        DBusType t = type(r.nextInt(10) == 0 ? WireReader.MAX_TOTAL_DEPTH : 6 + r.nextInt(4));
        return new Typed(t, value(t));
    }

    private Object array(DBusType element, int depth) {
        int n = r.nextInt(20) == 0 ? r.nextInt(3000) : r.nextInt(4); // mostly short, sometimes big, often empty
        n = Math.max(0, Math.min(n, budget));
        switch (element.code()) {
            case 'y': {
                byte[] a = new byte[r.nextInt(30) == 0 ? 70_000 + r.nextInt(1000) : n];
                r.nextBytes(a);
                return a;
            }
            case 'b': {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = r.nextBoolean();
                }
                return a;
            }
            case 'n': {
                short[] a = new short[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (short) value(element, depth);
                }
                return a;
            }
            case 'q': case 'i': {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (int) value(element, depth);
                }
                return a;
            }
            case 'u': case 'x': case 't': {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (long) value(element, depth);
                }
                return a;
            }
            case 'd': {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = pickDouble();
                }
                return a;
            }
            case '{': {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int i = Math.min(n, 50); i > 0; i--) {
                    m.put(value(element.fields().get(0), depth - 1), value(element.fields().get(1), depth - 1));
                }
                return m;
            }
            default: {
                List<Object> list = new ArrayList<>();
                for (int i = element.isBasic() ? n : Math.min(n, 20); i > 0; i--) {
                    list.add(value(element, depth));
                }
                return list;
            }
        }
    }

    /** Half the time one of the edges {@code min, max, a, b}; otherwise {@code other}. */
    private long pick(long min, long max, long a, long b, LongSupplier other) {
        switch (r.nextInt(8)) {
            case 0: return min;
            case 1: return max;
            case 2: return a;
            case 3: return b;
            default: return other.getAsLong();
        }
    }

    private int pickInt(int min, int max, int a, int b) {
        return (int) pick(min, max, a, b, () -> min + (r.nextLong() & Long.MAX_VALUE) % ((long) max - min + 1));
    }

    private long pickLong(long min, long max, long a, long b) {
        return pick(min, max, a, b, r::nextLong);
    }

    private double pickDouble() {
        double[] edges = {0.0, -0.0, 1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        return r.nextInt(3) == 0 ? edges[r.nextInt(edges.length)] : Double.longBitsToDouble(r.nextLong() & ~(0x7FFL << 52))
                + r.nextGaussian() * 1e6;
    }

    /** A string of ASCII, Latin-1, BMP and astral characters (no NUL, no lone surrogates), sometimes long. */
    public String string() {
        int n = r.nextInt(25) == 0 ? 300 + r.nextInt(2000) : r.nextInt(12);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int cp;
            switch (r.nextInt(6)) {
                case 0: cp = 0x80 + r.nextInt(0x780); break;                  // two UTF-8 bytes
                case 1: cp = 0x800 + r.nextInt(0xD800 - 0x800); break;        // three bytes, below the surrogates
                case 2: cp = 0xE000 + r.nextInt(0x2000); break;               // three bytes, U+E000..U+FFFF
                case 3: cp = 0x10000 + r.nextInt(0x100000); break;            // four bytes: astral
                default: cp = 1 + r.nextInt(0x7F); break;                     // ASCII without NUL
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    /** A valid object path: the root or up to four elements. */
    public ObjectPath path() {
        int elements = r.nextInt(5);
        if (elements == 0) {
            return ObjectPath.ROOT;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < elements; i++) {
            b.append('/').append(name(1 + r.nextInt(6)));
        }
        return ObjectPath.of(b.toString());
    }

    /** {@code n} characters of {@code [A-Za-z0-9_]} not starting with a digit. */
    public String name(int n) {
        StringBuilder b = new StringBuilder();
        b.append(NAME_LEAD.charAt(r.nextInt(NAME_LEAD.length())));
        for (int i = 1; i < n; i++) {
            b.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
        }
        return b.toString();
    }

    /** A dotted name of 2 to 4 elements. */
    public String dotted() {
        StringBuilder b = new StringBuilder(name(1 + r.nextInt(5)));
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            b.append('.').append(name(1 + r.nextInt(5)));
        }
        return b.toString();
    }

    public Random random() {
        return r;
    }
}

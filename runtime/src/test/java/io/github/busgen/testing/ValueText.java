package io.github.busgen.testing;

import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Struct;
import io.github.busgen.wire.UnixFd;
import io.github.busgen.wire.Variant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads generic D-Bus values (the mapping described on {@link Variant}) from GVariant's text format,
 * so that expectations can be written the way {@code gdbus} takes and prints arguments.
 *
 * <p>The expected type steers the reading; a type annotation ({@code @a{sv}}, {@code uint64},
 * {@code objectpath} ...) may repeat it and must then agree. Inside a variant there is no expected
 * type: an annotation gives it, or the literal does as in GVariant: a quoted string is {@code s},
 * {@code true}/{@code false} {@code b}, an integer {@code i}, a number with a point or exponent
 * {@code d}, {@code b'..'} {@code ay}; arrays and dicts take their element types from their first
 * element. Byte strings {@code b'ab'} include the terminating 0, as in GVariant.
 */
public final class ValueText {
    private final String text;
    private int pos;

    private ValueText(String text) {
        this.text = text;
    }

    /** Reads one value of {@code type} that fills all of {@code text}. */
    public static Object parse(DBusType type, String text) {
        ValueText p = new ValueText(text);
        Object v = p.value(type).value;
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.fail("text after the value");
        }
        return v;
    }

    /** Reads the values of {@code signature}'s types, one per text. */
    public static List<Object> parseAll(Signature signature, List<String> texts) {
        List<DBusType> types = signature.types();
        if (types.size() != texts.size()) {
            throw new IllegalArgumentException("signature \"" + signature + "\" has " + types.size()
                    + " types but there are " + texts.size() + " values");
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            out.add(parse(types.get(i), texts.get(i)));
        }
        return out;
    }

    /** A value and the type it was read as. */
    private static final class Typed {
        final DBusType type;
        final Object value;

        Typed(DBusType type, Object value) {
            this.type = type;
            this.value = value;
        }
    }

    private IllegalArgumentException fail(String what) {
        return new IllegalArgumentException(what + " at offset " + pos + " of: " + text);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        skipSpace();
        if (pos >= text.length()) {
            throw fail("unexpected end");
        }
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        pos++;
    }

    private boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private static final String TYPE_KEYWORDS = "byte:y int16:n uint16:q int32:i uint32:u int64:x uint64:t "
            + "double:d handle:h objectpath:o signature:g";

    /** The type a keyword stands for, or null. */
    private static DBusType keywordType(String word) {
        for (String pair : TYPE_KEYWORDS.split(" ")) {
            int colon = pair.indexOf(':');
            if (pair.substring(0, colon).equals(word)) {
                return DBusType.basic(pair.charAt(colon + 1));
            }
        }
        return null;
    }

    /** A keyword or literal word: a letter, then letters and digits ({@code int16}). */
    private String word() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetter(text.charAt(pos))
                || pos > start && Character.isDigit(text.charAt(pos)))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /** Reads a value; {@code expected} is null inside a variant, where the text must tell the type. */
    private Typed value(DBusType expected) {
        char c = peek();
        if (c == '@') {
            pos++;
            int start = pos;
            // a signature runs until the first character that cannot be part of one
            while (pos < text.length() && "ybnqiuxtdsoghva(){}".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            return annotated(expected, Signature.single(text.substring(start, pos)).type());
        }
        if (Character.isLetter(c) && !(c == 'b' && pos + 1 < text.length() && isQuote(text.charAt(pos + 1)))) {
            int start = pos;
            DBusType keyword = keywordType(word());
            if (keyword != null) {
                return annotated(expected, keyword);
            }
            pos = start; // true, false, inf, nan: literals
        }
        DBusType type = expected != null ? expected : infer(c);
        return new Typed(type, literal(type));
    }

    private Typed annotated(DBusType expected, DBusType annotation) {
        if (expected != null && !expected.equals(annotation)) {
            throw fail("annotation '" + annotation + "' where '" + expected + "' is expected");
        }
        return new Typed(annotation, literal(annotation));
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }

    /** GVariant's inference for an unannotated value inside a variant. */
    private DBusType infer(char c) {
        if (isQuote(c)) {
            return DBusType.basic('s');
        }
        if (c == '<') {
            return DBusType.basic('v');
        }
        if (c == 'b' && pos + 1 < text.length() && isQuote(text.charAt(pos + 1))) {
            return Signature.single("ay").type();
        }
        if (text.startsWith("true", pos) || text.startsWith("false", pos)) {
            return DBusType.basic('b');
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c) || text.startsWith("inf", pos)
                || text.startsWith("nan", pos)) {
            String n = numberToken(false);
            boolean isDouble = !n.startsWith("0x") && !n.startsWith("-0x")
                    && (n.indexOf('.') >= 0 || n.indexOf('e') >= 0 || n.indexOf('E') >= 0 || n.contains("inf")
                    || n.contains("nan"));
            return DBusType.basic(isDouble ? 'd' : 'i');
        }
        int start = pos;
        try {
            if (c == '(') {
                pos++;
                List<DBusType> fields = new ArrayList<>();
                while (!accept(')')) {
                    fields.add(value(null).type);
                    if (!accept(',')) {
                        expect(')');
                        break;
                    }
                }
                if (fields.isEmpty()) {
                    throw fail("empty struct");
                }
                return DBusType.structOf(fields);
            }
            if (c == '[') {
                pos++;
                if (peek() == ']') {
                    throw fail("an empty array needs a type annotation such as @ai");
                }
                return DBusType.arrayOf(value(null).type);
            }
            if (c == '{') {
                pos++;
                if (peek() == '}') {
                    throw fail("an empty dict needs a type annotation such as @a{sv}");
                }
                DBusType key = value(null).type;
                expect(':');
                return DBusType.arrayOf(DBusType.dictEntryOf(key, value(null).type));
            }
        } finally {
            pos = start; // inference only looks ahead; the literal is read with the type found
        }
        throw fail("cannot tell the type of this value; annotate it");
    }

    /** Reads the literal of a value of {@code type}, after any annotation. */
    private Object literal(DBusType type) {
        switch (type.code()) {
            case DBusType.BYTE: return (byte) integer(0, 255, "byte");
            case DBusType.BOOLEAN: {
                String w = word();
                if (w.equals("true") || w.equals("false")) {
                    return w.equals("true");
                }
                throw fail("expected true or false");
            }
            case DBusType.INT16: return (short) integer(Short.MIN_VALUE, Short.MAX_VALUE, "int16");
            case DBusType.UINT16: return (int) integer(0, 0xFFFF, "uint16");
            case DBusType.INT32: return (int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE, "int32");
            case DBusType.UINT32: return integer(0, 0xFFFFFFFFL, "uint32");
            case DBusType.INT64: return integer(Long.MIN_VALUE, Long.MAX_VALUE, "int64");
            case DBusType.UINT64: return uint64();
            case DBusType.DOUBLE: return dbl();
            case DBusType.UNIX_FD: return UnixFd.ofIndex((int) integer(0, 0xFFFFFFFFL, "handle"));
            case DBusType.STRING: return string();
            case DBusType.OBJECT_PATH: return ObjectPath.of(string());
            case DBusType.SIGNATURE: return Signature.of(string());
            case DBusType.VARIANT: {
                expect('<');
                Typed inner = value(null);
                expect('>');
                return Variant.of(Signature.of(inner.type), inner.value);
            }
            case DBusType.STRUCT: {
                expect('(');
                List<Object> fields = new ArrayList<>();
                for (DBusType f : type.fields()) {
                    if (!fields.isEmpty()) {
                        expect(',');
                    }
                    fields.add(value(f).value);
                }
                accept(','); // GVariant writes one-field structs as (x,)
                expect(')');
                return Struct.of(fields);
            }
            case DBusType.ARRAY: return array(type.elementType());
            default: throw fail("type '" + type + "' cannot stand alone");
        }
    }

    private Object array(DBusType element) {
        if (element.code() == DBusType.DICT_ENTRY) {
            DBusType k = element.fields().get(0);
            DBusType v = element.fields().get(1);
            Map<Object, Object> map = new LinkedHashMap<>();
            expect('{');
            if (!accept('}')) {
                do {
                    Object key = value(k).value;
                    expect(':');
                    map.put(key, value(v).value);
                } while (accept(','));
                expect('}');
            }
            return map;
        }
        if (element.code() == DBusType.BYTE && peek() == 'b') {
            pos++;
            byte[] s = string().getBytes(StandardCharsets.UTF_8);
            byte[] withNul = new byte[s.length + 1]; // GVariant's byte strings end in 0
            System.arraycopy(s, 0, withNul, 0, s.length);
            return withNul;
        }
        List<Object> items = new ArrayList<>();
        expect('[');
        if (!accept(']')) {
            do {
                items.add(value(element).value);
            } while (accept(','));
            expect(']');
        }
        return toPrimitiveArray(element.code(), items);
    }

    /** The generic mapping's primitive arrays; other element types stay a List. */
    private static Object toPrimitiveArray(char code, List<Object> items) {
        switch (code) {
            case DBusType.UINT16: case DBusType.INT32:
                return items.stream().mapToInt(Integer.class::cast).toArray();
            case DBusType.UINT32: case DBusType.INT64: case DBusType.UINT64:
                return items.stream().mapToLong(Long.class::cast).toArray();
            case DBusType.DOUBLE:
                return items.stream().mapToDouble(Double.class::cast).toArray();
            case DBusType.BYTE: case DBusType.INT16: case DBusType.BOOLEAN:
                break;
            default:
                return items;
        }
        // no streams for these three: fill one array of the right kind
        int n = items.size();
        byte[] bytes = code == DBusType.BYTE ? new byte[n] : null;
        short[] shorts = code == DBusType.INT16 ? new short[n] : null;
        boolean[] booleans = code == DBusType.BOOLEAN ? new boolean[n] : null;
        for (int i = 0; i < n; i++) {
            Object item = items.get(i);
            if (bytes != null) {
                bytes[i] = (Byte) item;
            } else if (shorts != null) {
                shorts[i] = (Short) item;
            } else {
                booleans[i] = (Boolean) item;
            }
        }
        return bytes != null ? bytes : shorts != null ? shorts : booleans;
    }

    /** The characters of a number: sign, digits, hex, point, exponent, inf, nan. */
    private String numberToken(boolean consume) {
        skipSpace();
        int start = pos;
        int end = pos;
        while (end < text.length() && "+-0123456789abcdefABCDEFxXinf.".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        if (consume) {
            pos = end;
        }
        return text.substring(start, end);
    }

    private long integer(long min, long max, String what) {
        String n = numberToken(true);
        long v;
        try {
            boolean negative = n.startsWith("-");
            String digits = negative || n.startsWith("+") ? n.substring(1) : n;
            int radix = 10;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                digits = digits.substring(2);
                radix = 16;
            }
            // parse the magnitude unsigned so that Long.MIN_VALUE's magnitude fits
            long magnitude = Long.parseUnsignedLong(digits, radix);
            if (negative && Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0 || !negative && magnitude < 0) {
                throw fail(what + " " + n + " is out of range");
            }
            v = negative ? -magnitude : magnitude;
        } catch (NumberFormatException e) {
            throw fail("not an integer: '" + n + "'");
        }
        if (v < min || v > max) {
            throw fail(what + " " + n + " is out of range");
        }
        return v;
    }

    private long uint64() {
        String n = numberToken(true);
        try {
            return n.startsWith("0x") ? Long.parseUnsignedLong(n.substring(2), 16) : Long.parseUnsignedLong(n);
        } catch (NumberFormatException e) {
            throw fail("not a uint64: '" + n + "'");
        }
    }

    private double dbl() {
        String n = numberToken(true);
        switch (n) {
            case "inf": case "+inf": return Double.POSITIVE_INFINITY;
            case "-inf": return Double.NEGATIVE_INFINITY;
            case "nan": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(n);
                } catch (NumberFormatException e) {
                    throw fail("not a double: '" + n + "'");
                }
        }
    }

    /** A quoted string with GVariant's escapes: \\ \' \" \n \t \r \\uXXXX \\UXXXXXXXX. */
    private String string() {
        char quote = peek();
        if (!isQuote(quote)) {
            throw fail("expected a quoted string");
        }
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw fail("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case 'u': b.appendCodePoint(Integer.parseInt(text.substring(pos, pos += 4), 16)); break;
                case 'U': b.appendCodePoint(Integer.parseInt(text.substring(pos, pos += 8), 16)); break;
                default: b.append(e); break;
            }
        }
    }
}

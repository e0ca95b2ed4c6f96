package io.github.busgen.wire;

import io.github.busgen.names.InvalidNameException;
import io.github.busgen.names.NameRule;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A validated D-Bus type signature: zero or more single complete types, such as {@code sa{sv}i}.
 *
 * <p>Rules (specification, "Valid Signatures" and "Container types"): at most 255 bytes; only the
 * type codes {@code y b n q i u x t d s o g h a v} and the brackets {@code ( ) { }}; every array has
 * an element type; structs have at least one field and are closed; dict entries appear only as
 * array elements, with exactly two fields of which the first is basic; at most 32 nested arrays and
 * 32 nested structs. Dict entries do not count as structs (the specification limits "open
 * parentheses", and libdbus keeps a separate dict-entry depth); each follows an 'a', so the array
 * limit bounds them.
 *
 * <pre>
 * valid:   ""   sss   a{sv}   (i(ii))   aai
 * invalid: a   ()   a{vs}   {is}   (i   i)   a{isi}   w
 * </pre>
 */
public final class Signature {
    /** Maximum length of a signature in bytes. */
    public static final int MAX_LENGTH = 255;
    /** Maximum number of nested arrays, and separately of nested structs. */
    public static final int MAX_DEPTH = 32;

    /** The empty signature, for a message with no body. */
    public static final Signature EMPTY = new Signature("", List.of());

    // Messages repeat a few signatures endlessly; parsing each once keeps decoding allocation-free.
    // Bounded, so that a hostile peer sending ever new signatures cannot grow it.
    private static final int CACHE_LIMIT = 4096;
    private static final ConcurrentHashMap<String, Signature> CACHE = new ConcurrentHashMap<>();

    private final String value;
    private final List<DBusType> types;

    private Signature(String value, List<DBusType> types) {
        this.value = value;
        this.types = types;
    }

    /**
     * Parses and validates {@code signature}.
     *
     * @throws InvalidNameException naming the rule that failed and the index where
     */
    public static Signature of(String signature) {
        if (signature.isEmpty()) {
            return EMPTY;
        }
        Signature cached = CACHE.get(signature);
        if (cached != null) {
            return cached;
        }
        Signature parsed = new Signature(signature, List.copyOf(new Parser(signature).parseAll()));
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(signature, parsed);
        }
        return parsed;
    }

    /**
     * Parses a signature that must hold exactly one single complete type, as a variant's does.
     *
     * @throws InvalidNameException when it is invalid or holds zero or several types
     */
    public static Signature single(String signature) {
        Signature s = of(signature);
        if (s.types.size() != 1) {
            throw new InvalidNameException("single-type signature", signature, NameRule.SIGNATURE_NOT_SINGLE_TYPE, -1);
        }
        return s;
    }

    /** The signature made of {@code types} in order. */
    public static Signature of(List<DBusType> types) {
        StringBuilder b = new StringBuilder();
        for (DBusType t : types) {
            b.append(t.signature());
        }
        return of(b.toString());
    }

    /** The signature of one type. */
    public static Signature of(DBusType type) {
        return of(type.signature());
    }

    /** Whether {@code signature} is valid. */
    public static boolean isValid(String signature) {
        try {
            of(signature);
            return true;
        } catch (InvalidNameException e) {
            return false;
        }
    }

    /** The signature as a string. */
    public String value() {
        return value;
    }

    /** The single complete types, in order. */
    public List<DBusType> types() {
        return types;
    }

    /** Whether this signature is exactly one single complete type. */
    public boolean isSingle() {
        return types.size() == 1;
    }

    /** The only type of a single-type signature. */
    public DBusType type() {
        if (types.size() != 1) {
            throw new IllegalStateException("signature \"" + value + "\" is not a single complete type");
        }
        return types.get(0);
    }

    /** Whether this is the empty signature. */
    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature && ((Signature) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * Recursive descent over the signature string. Recursion is bounded: each level consumes an
     * 'a', '(' or '{', and the depth counters stop at 32 arrays plus 32 structs (plus at most one
     * dict entry per array).
     */
    private static final class Parser {
        private final String s;
        private int pos;
        private int arrayDepth;
        private int structDepth;

        Parser(String s) {
            this.s = s;
        }

        List<DBusType> parseAll() {
            if (s.length() > MAX_LENGTH) {
                throw fail(NameRule.SIGNATURE_TOO_LONG, MAX_LENGTH);
            }
            List<DBusType> out = new ArrayList<>();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ')') {
                    throw fail(NameRule.SIGNATURE_STRUCT_NOT_STARTED, pos);
                }
                if (c == '}') {
                    throw fail(NameRule.SIGNATURE_DICT_NOT_STARTED, pos);
                }
                out.add(parseOne(false));
            }
            return out;
        }

        private InvalidNameException fail(NameRule rule, int at) {
            return new InvalidNameException("signature", s, rule, at);
        }

        /** Parses one single complete type starting at {@code pos}; {@code inArray} allows a dict entry. */
        private DBusType parseOne(boolean inArray) {
            if (pos >= s.length()) {
                throw fail(NameRule.SIGNATURE_MISSING_ARRAY_ELEMENT, pos);
            }
            char c = s.charAt(pos);
            switch (c) {
                case 'a': {
                    if (++arrayDepth > MAX_DEPTH) {
                        throw fail(NameRule.SIGNATURE_ARRAY_DEPTH, pos);
                    }
                    pos++;
                    if (pos >= s.length() || s.charAt(pos) == ')' || s.charAt(pos) == '}') {
                        throw fail(NameRule.SIGNATURE_MISSING_ARRAY_ELEMENT, pos);
                    }
                    DBusType element = parseOne(true);
                    arrayDepth--;
                    return DBusType.arrayOf(element);
                }
                case '(': {
                    int open = pos;
                    if (++structDepth > MAX_DEPTH) {
                        throw fail(NameRule.SIGNATURE_STRUCT_DEPTH, pos);
                    }
                    pos++;
                    List<DBusType> fields = new ArrayList<>();
                    while (true) {
                        if (pos >= s.length()) {
                            throw fail(NameRule.SIGNATURE_STRUCT_NOT_ENDED, open);
                        }
                        char d = s.charAt(pos);
                        if (d == ')') {
                            break;
                        }
                        if (d == '}') {
                            throw fail(NameRule.SIGNATURE_DICT_NOT_STARTED, pos);
                        }
                        fields.add(parseOne(false));
                    }
                    if (fields.isEmpty()) {
                        throw fail(NameRule.SIGNATURE_EMPTY_STRUCT, open);
                    }
                    pos++;
                    structDepth--;
                    return DBusType.structOf(fields);
                }
                case '{': {
                    int open = pos;
                    if (!inArray) {
                        throw fail(NameRule.SIGNATURE_DICT_OUTSIDE_ARRAY, pos);
                    }
                    // No structDepth here: counting dict entries as structs rejected valid signatures
                    // such as "a{s" + 32 x "(" ... "}", which the specification and libdbus accept.
                    pos++;
                    if (pos >= s.length()) {
                        throw fail(NameRule.SIGNATURE_DICT_NOT_ENDED, open);
                    }
                    if (s.charAt(pos) == '}') {
                        throw fail(NameRule.SIGNATURE_DICT_FIELDS, open);
                    }
                    DBusType key = basic(s.charAt(pos));
                    if (key == null || !key.isBasic()) {
                        if (key == null && "a({".indexOf(s.charAt(pos)) < 0) {
                            throw fail(NameRule.SIGNATURE_UNKNOWN_TYPE_CODE, pos);
                        }
                        throw fail(NameRule.SIGNATURE_DICT_KEY_NOT_BASIC, pos);
                    }
                    pos++;
                    if (pos >= s.length()) {
                        throw fail(NameRule.SIGNATURE_DICT_NOT_ENDED, open);
                    }
                    if (s.charAt(pos) == '}') {
                        throw fail(NameRule.SIGNATURE_DICT_FIELDS, open);
                    }
                    if (s.charAt(pos) == ')') {
                        throw fail(NameRule.SIGNATURE_STRUCT_NOT_STARTED, pos);
                    }
                    DBusType value = parseOne(false);
                    if (pos >= s.length()) {
                        throw fail(NameRule.SIGNATURE_DICT_NOT_ENDED, open);
                    }
                    char end = s.charAt(pos);
                    if (end == ')') {
                        throw fail(NameRule.SIGNATURE_STRUCT_NOT_STARTED, pos);
                    }
                    if (end != '}') {
                        throw fail(NameRule.SIGNATURE_DICT_FIELDS, open);
                    }
                    pos++;
                    return DBusType.dictEntryOf(key, value);
                }
                default: {
                    DBusType t = basic(c);
                    if (t == null) {
                        throw fail(NameRule.SIGNATURE_UNKNOWN_TYPE_CODE, pos);
                    }
                    pos++;
                    return t;
                }
            }
        }

        private static DBusType basic(char c) {
            return DBusType.basic(c);
        }
    }
}

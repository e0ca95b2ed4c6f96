package io.github.busgen.wire;

import java.util.List;

/**
 * One single complete D-Bus type, as a tree: a basic type, a variant, an array with its element type,
 * a struct with its fields, or a dict entry with its key and value. Obtained from a
 * {@link Signature}; immutable and shareable.
 *
 * <p>Alignment and fixed sizes follow the specification's "Summary of D-Bus marshalling" table.
 */
public final class DBusType {
    /** Type codes, as in signatures. */
    public static final char BYTE = 'y', BOOLEAN = 'b', INT16 = 'n', UINT16 = 'q', INT32 = 'i',
            UINT32 = 'u', INT64 = 'x', UINT64 = 't', DOUBLE = 'd', STRING = 's', OBJECT_PATH = 'o',
            SIGNATURE = 'g', UNIX_FD = 'h', VARIANT = 'v', ARRAY = 'a', STRUCT = '(', DICT_ENTRY = '{';

    private static final DBusType[] BASIC = new DBusType[128];

    static {
        for (char c : "ybnqiuxtdsoghv".toCharArray()) {
            BASIC[c] = new DBusType(c, List.of(), String.valueOf(c));
        }
    }

    private final char code;
    private final List<DBusType> children;
    private final String signature;
    private final int alignment;
    private final int fixedSize;

    private DBusType(char code, List<DBusType> children, String signature) {
        this.code = code;
        this.children = children;
        this.signature = signature;
        this.alignment = alignmentOf(code);
        this.fixedSize = fixedSizeOf(code);
    }

    /** The basic type or variant with this code, or {@code null} if {@code code} is not one. */
    public static DBusType basic(char code) {
        return code < 128 ? BASIC[code] : null;
    }

    /** An array of {@code element}. */
    public static DBusType arrayOf(DBusType element) {
        return new DBusType(ARRAY, List.of(element), "a" + element.signature);
    }

    /** A struct of {@code fields} (at least one). */
    public static DBusType structOf(List<DBusType> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a struct needs at least one field");
        }
        StringBuilder b = new StringBuilder("(");
        for (DBusType f : fields) {
            b.append(f.signature);
        }
        return new DBusType(STRUCT, List.copyOf(fields), b.append(')').toString());
    }

    /** A dict entry; only valid as an array element, with a basic key. */
    public static DBusType dictEntryOf(DBusType key, DBusType value) {
        if (!key.isBasic()) {
            throw new IllegalArgumentException("a dict entry key must be a basic type, not " + key);
        }
        return new DBusType(DICT_ENTRY, List.of(key, value), "{" + key.signature + value.signature + "}");
    }

    static int alignmentOf(char code) {
        switch (code) {
            case BYTE: case SIGNATURE: case VARIANT:
                return 1;
            case INT16: case UINT16:
                return 2;
            case BOOLEAN: case INT32: case UINT32: case UNIX_FD: case STRING: case OBJECT_PATH: case ARRAY:
                return 4;
            default: // INT64 UINT64 DOUBLE STRUCT DICT_ENTRY
                return 8;
        }
    }

    private static int fixedSizeOf(char code) {
        switch (code) {
            case BYTE:
                return 1;
            case INT16: case UINT16:
                return 2;
            case BOOLEAN: case INT32: case UINT32: case UNIX_FD:
                return 4;
            case INT64: case UINT64: case DOUBLE:
                return 8;
            default:
                return -1;
        }
    }

    /** The type code: a basic code, 'v', 'a', '(' for structs or '{' for dict entries. */
    public char code() {
        return code;
    }

    /** This type's signature, for example {@code a{sv}}. */
    public String signature() {
        return signature;
    }

    /** The alignment of values of this type on the wire: 1, 2, 4 or 8. */
    public int alignment() {
        return alignment;
    }

    /** The encoded size of a fixed type (1, 2, 4 or 8), or -1 for the others. */
    public int fixedSize() {
        return fixedSize;
    }

    /** Whether this is a fixed type (integers, byte, boolean, double, unix fd). */
    public boolean isFixed() {
        return fixedSize > 0;
    }

    /** Whether this is a basic type: fixed or string-like ({@code s o g}). */
    public boolean isBasic() {
        return fixedSize > 0 || code == STRING || code == OBJECT_PATH || code == SIGNATURE;
    }

    /** Whether this is a container: array, struct, dict entry or variant. */
    public boolean isContainer() {
        return !isBasic();
    }

    /** The element type of an array. */
    public DBusType elementType() {
        if (code != ARRAY) {
            throw new IllegalStateException(signature + " is not an array");
        }
        return children.get(0);
    }

    /** The fields of a struct, or the key and value of a dict entry. */
    public List<DBusType> fields() {
        if (code != STRUCT && code != DICT_ENTRY) {
            throw new IllegalStateException(signature + " is not a struct or dict entry");
        }
        return children;
    }

    /** Whether this is an array of dict entries, which maps to a {@code Map}. */
    public boolean isDict() {
        return code == ARRAY && children.get(0).code == DICT_ENTRY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DBusType && ((DBusType) o).signature.equals(signature);
    }

    @Override
    public int hashCode() {
        return signature.hashCode();
    }

    @Override
    public String toString() {
        return signature;
    }
}

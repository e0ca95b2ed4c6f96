package io.github.busgen.wire;

import io.github.busgen.names.ObjectPath;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes D-Bus values in the wire format ("Marshaling (Wire Format)" in the specification) into a
 * growable buffer. Generated code calls it directly, value by value.
 *
 * <p>The byte order and the absolute position are explicit: alignment is counted from the start of
 * the message, which lies {@code startOffset} bytes before the first byte this writer produces.
 * Every value is preceded by zero padding up to its alignment:
 * <pre>
 *   y 1   b 4 (as uint32 0|1)   n q 2   i u h 4   x t d 8
 *   s o   4: uint32 byte length, UTF-8 bytes, NUL        g v  1: byte length, ASCII, NUL (v: then value)
 *   a     4: uint32 byte length of the elements (excluding the padding before the first), padding
 *            to the element alignment, elements
 *   ( {   8: fields in order
 * </pre>
 *
 * <p>Values that cannot be encoded (a string with NUL or an unpaired surrogate, an unsigned value
 * out of range, an array over 64 MiB, containers nested more than 64 deep) are rejected with
 * {@link IllegalArgumentException}. Not
 * thread-safe: one writer per message being built.
 */
public final class WireWriter {
    /** The maximum length of an array's elements in bytes (2^26, 64 MiB). */
    public static final int MAX_ARRAY_LENGTH = 1 << 26;
    /** The maximum length of a message in bytes (2^27, 128 MiB). */
    public static final int MAX_MESSAGE_LENGTH = 1 << 27;

    private final ByteOrder order;
    private final boolean bigEndian;
    private final int startOffset;
    /** Arrays of fixed-size values at least this long are written in bulk through a ByteBuffer view. */
    private static final int BULK = 32;

    private byte[] buf;
    private int pos;
    private int depth; // containers entered by writeValue, bounded as the reader bounds them

    /** A writer for a message that starts at this writer's first byte. */
    public WireWriter(ByteOrder order) {
        this(order, 0, 256);
    }

    /**
     * A writer whose first byte lies at {@code startOffset} from the start of the message.
     *
     * @param initialCapacity the first buffer size; it grows as needed
     */
    public WireWriter(ByteOrder order, int startOffset, int initialCapacity) {
        if (startOffset < 0) {
            throw new IllegalArgumentException("startOffset < 0");
        }
        this.order = order;
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
        this.startOffset = startOffset;
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    /** The byte order of everything written. */
    public ByteOrder order() {
        return order;
    }

    /** The absolute position (offset from the start of the message) of the next byte. */
    public int position() {
        return startOffset + pos;
    }

    /** The number of bytes written. */
    public int size() {
        return pos;
    }

    /** The bytes written so far, as a new array. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** The internal buffer; bytes {@code [0, size())} are valid. Not a copy. */
    public byte[] buffer() {
        return buf;
    }

    /** Discards everything written, keeping the buffer for reuse. */
    public void reset() {
        pos = 0;
        depth = 0;
    }

    private void ensure(int n) {
        int needed = pos + n;
        if (needed > buf.length) {
            grow(needed);
        }
    }

    private void grow(int needed) {
        if (needed < 0 || needed > MAX_MESSAGE_LENGTH + 8) {
            throw new IllegalArgumentException("value too large: a D-Bus message is at most " + MAX_MESSAGE_LENGTH
                    + " bytes");
        }
        int cap = Math.max(needed, (int) Math.min((long) buf.length * 2, MAX_MESSAGE_LENGTH + 8L));
        buf = Arrays.copyOf(buf, cap);
    }

    // Values at buffer indexes, in this writer's byte order (no ByteBuffer: a writer is made per message).

    private void putShort(int i, short v) {
        byte[] b = buf;
        if (bigEndian) {
            b[i] = (byte) (v >> 8);
            b[i + 1] = (byte) v;
        } else {
            b[i] = (byte) v;
            b[i + 1] = (byte) (v >> 8);
        }
    }

    private void putInt(int i, int v) {
        byte[] b = buf;
        if (bigEndian) {
            b[i] = (byte) (v >> 24);
            b[i + 1] = (byte) (v >> 16);
            b[i + 2] = (byte) (v >> 8);
            b[i + 3] = (byte) v;
        } else {
            b[i] = (byte) v;
            b[i + 1] = (byte) (v >> 8);
            b[i + 2] = (byte) (v >> 16);
            b[i + 3] = (byte) (v >> 24);
        }
    }

    private void putLong(int i, long v) {
        if (bigEndian) {
            putInt(i, (int) (v >> 32));
            putInt(i + 4, (int) v);
        } else {
            putInt(i, (int) v);
            putInt(i + 4, (int) (v >> 32));
        }
    }

    /** A view of the {@code n} bytes from the position (ensured), for writing a long array at once. */
    private ByteBuffer bulk(int n) {
        return ByteBuffer.wrap(buf, pos, n).order(order);
    }

    /** Writes zero bytes until the absolute position is a multiple of {@code alignment} (1, 2, 4 or 8). */
    public void align(int alignment) {
        int pad = -(startOffset + pos) & (alignment - 1);
        if (pad != 0) {
            ensure(pad);
            for (int i = 0; i < pad; i++) {
                buf[pos++] = 0;
            }
        }
    }

    /** {@code y}: one byte. */
    public void writeByte(byte v) {
        ensure(1);
        buf[pos++] = v;
    }

    /** {@code b}: a uint32 that is 0 or 1. */
    public void writeBoolean(boolean v) {
        writeInt32(v ? 1 : 0);
    }

    /** {@code n}: signed 16 bits. */
    public void writeInt16(short v) {
        align(2);
        ensure(2);
        putShort(pos, v);
        pos += 2;
    }

    /** {@code q}: unsigned 16 bits, 0..65535. */
    public void writeUInt16(int v) {
        if ((v & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(v + " is out of range for UINT16 'q' (0..65535)");
        }
        writeInt16((short) v);
    }

    /** {@code i}: signed 32 bits. */
    public void writeInt32(int v) {
        align(4);
        ensure(4);
        putInt(pos, v);
        pos += 4;
    }

    /** {@code u}: unsigned 32 bits, 0..4294967295. */
    public void writeUInt32(long v) {
        if ((v & ~0xFFFFFFFFL) != 0) {
            throw new IllegalArgumentException(v + " is out of range for UINT32 'u' (0..4294967295)");
        }
        writeInt32((int) v);
    }

    /** {@code x}: signed 64 bits. */
    public void writeInt64(long v) {
        align(8);
        ensure(8);
        putLong(pos, v);
        pos += 8;
    }

    /** {@code t}: unsigned 64 bits, all 64 bits of {@code v}. */
    public void writeUInt64(long v) {
        writeInt64(v);
    }

    /** {@code d}: an IEEE 754 double. */
    public void writeDouble(double v) {
        writeInt64(Double.doubleToRawLongBits(v));
    }

    /** {@code h}: the index of a file descriptor in the message's fd array. */
    public void writeUnixFd(UnixFd fd) {
        writeInt32(fd.index());
    }

    /**
     * {@code s}: a string as strict UTF-8.
     *
     * @throws IllegalArgumentException when it contains NUL or an unpaired surrogate
     */
    public void writeString(String s) {
        align(4);
        int n = s.length();
        ensure(4 + n + 1);
        int lenPos = pos;
        pos += 4;
        int i = 0;
        // ASCII runs go byte for byte; anything else takes the general path below
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == 0) {
                break;
            }
            buf[pos++] = (byte) c;
        }
        if (i < n) {
            writeUtf8Tail(s, i);
        }
        int len = pos - lenPos - 4;
        putInt(lenPos, len);
        ensure(1);
        buf[pos++] = 0;
    }

    private void writeUtf8Tail(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException("a D-Bus string must not contain NUL (U+0000), at index " + i);
            }
            if (c < 0x80) {
                ensure(1);
                buf[pos++] = (byte) c;
            } else if (c < 0x800) {
                ensure(2);
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new IllegalArgumentException("string has an unpaired surrogate at index " + i
                            + "; it cannot be encoded as UTF-8");
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                ensure(3);
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    /** {@code o}: an object path. */
    public void writeObjectPath(ObjectPath path) {
        writeAsciiWithUInt32Length(path.value());
    }

    private void writeAsciiWithUInt32Length(String s) {
        align(4);
        int n = s.length();
        ensure(4 + n + 1);
        putInt(pos, n);
        pos += 4;
        putAscii(s, n);
        buf[pos++] = 0;
    }

    /** Copies an ASCII string (validated by its type) byte for byte; capacity is ensured by the caller. */
    private void putAscii(String s, int n) {
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    /** {@code g}: a signature. */
    public void writeSignature(Signature signature) {
        String s = signature.value();
        int n = s.length();
        ensure(1 + n + 1);
        buf[pos++] = (byte) n;
        putAscii(s, n);
        buf[pos++] = 0;
    }

    /**
     * Starts an array: writes the length placeholder and the padding to the element alignment.
     * Write the elements, then pass the returned marker to {@link #endArray(long)}.
     *
     * @param elementAlignment the alignment of the element type (1, 2, 4 or 8)
     */
    public long beginArray(int elementAlignment) {
        align(4);
        ensure(4);
        int lenPos = pos;
        pos += 4;
        align(elementAlignment);
        return ((long) lenPos << 32) | pos;
    }

    /**
     * Ends an array begun with {@link #beginArray(int)}, filling in its length.
     *
     * @throws IllegalArgumentException when the elements take more than 64 MiB
     */
    public void endArray(long marker) {
        int lenPos = (int) (marker >>> 32);
        int start = (int) marker;
        int len = pos - start;
        if (len > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("array of " + len + " bytes exceeds the D-Bus limit of "
                    + MAX_ARRAY_LENGTH + " bytes (64 MiB)");
        }
        putInt(lenPos, len);
    }

    /** Starts a struct or dict entry: pads to 8. The fields follow. */
    public void beginStruct() {
        align(8);
    }

    /** {@code v}: the signature, then the value. */
    public void writeVariant(Variant v) {
        writeValue(VARIANT, v); // through writeValue, so the variant counts as one level of nesting
    }

    private static final DBusType VARIANT = DBusType.basic(DBusType.VARIANT);

    /** {@code ay}. */
    public void writeByteArray(byte[] v) {
        long a = beginArray(1);
        ensure(v.length);
        System.arraycopy(v, 0, buf, pos, v.length);
        pos += v.length;
        endArray(a);
    }

    /** {@code ab}. */
    public void writeBooleanArray(boolean[] v) {
        long a = beginArray(4);
        ensure(v.length * 4);
        for (boolean x : v) {
            putInt(pos, x ? 1 : 0);
            pos += 4;
        }
        endArray(a);
    }

    /** {@code an}. */
    public void writeInt16Array(short[] v) {
        long a = beginArray(2);
        ensure(v.length * 2);
        if (v.length >= BULK) {
            bulk(v.length * 2).asShortBuffer().put(v);
            pos += v.length * 2;
        } else {
            for (short x : v) {
                putShort(pos, x);
                pos += 2;
            }
        }
        endArray(a);
    }

    /** {@code aq}: every element 0..65535. */
    public void writeUInt16Array(int[] v) {
        long a = beginArray(2);
        ensure(v.length * 2);
        for (int x : v) {
            if ((x & ~0xFFFF) != 0) {
                throw new IllegalArgumentException(x + " is out of range for UINT16 'q' (0..65535)");
            }
            putShort(pos, (short) x);
            pos += 2;
        }
        endArray(a);
    }

    /** {@code ai} (also {@code ah} given raw indexes). */
    public void writeInt32Array(int[] v) {
        long a = beginArray(4);
        ensure(v.length * 4);
        if (v.length >= BULK) {
            bulk(v.length * 4).asIntBuffer().put(v);
            pos += v.length * 4;
        } else {
            for (int x : v) {
                putInt(pos, x);
                pos += 4;
            }
        }
        endArray(a);
    }

    /** {@code au}: every element 0..4294967295. */
    public void writeUInt32Array(long[] v) {
        long a = beginArray(4);
        ensure(v.length * 4);
        for (long x : v) {
            if ((x & ~0xFFFFFFFFL) != 0) {
                throw new IllegalArgumentException(x + " is out of range for UINT32 'u' (0..4294967295)");
            }
            putInt(pos, (int) x);
            pos += 4;
        }
        endArray(a);
    }

    /** {@code ax} and {@code at}. */
    public void writeInt64Array(long[] v) {
        long a = beginArray(8);
        ensure(v.length * 8);
        if (v.length >= BULK) {
            bulk(v.length * 8).asLongBuffer().put(v);
            pos += v.length * 8;
        } else {
            for (long x : v) {
                putLong(pos, x);
                pos += 8;
            }
        }
        endArray(a);
    }

    /** {@code ad}. */
    public void writeDoubleArray(double[] v) {
        long a = beginArray(8);
        ensure(v.length * 8);
        if (v.length >= BULK) {
            bulk(v.length * 8).asDoubleBuffer().put(v);
            pos += v.length * 8;
        } else {
            for (double x : v) {
                putLong(pos, Double.doubleToRawLongBits(x));
                pos += 8;
            }
        }
        endArray(a);
    }

    /**
     * Writes a generic value (see {@link Variant} for the mapping) of {@code type}.
     *
     * @throws IllegalArgumentException when the value does not fit the type
     */
    public void writeValue(DBusType type, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null value for D-Bus type '" + type + "'; D-Bus has no null");
        }
        int outerDepth = depth;
        try {
            write(type, value);
        } catch (ClassCastException | NullPointerException e) {
            // Values.check finds the exact place and says what was expected there. Only the outermost
            // call diagnoses (nested values go through write(), not here), so the place is the full
            // path such as value[k] rather than just the innermost value.
            depth = outerDepth;
            Values.check(type, value);
            throw new IllegalArgumentException("value does not fit D-Bus type '" + type + "'", e);
        } catch (IllegalArgumentException e) {
            depth = outerDepth; // leave the writer usable after a refused value
            throw e;
        }
    }

    /**
     * Writes a value nested in another; counts containers so that no value nests deeper than the
     * {@link WireReader#MAX_TOTAL_DEPTH} levels every receiver accepts (a long chain of variants
     * built in Java would otherwise be written, and rejected by the peer, or overflow the stack).
     */
    private void write(DBusType type, Object value) {
        char code = type.code();
        boolean container = code == DBusType.VARIANT || code == DBusType.STRUCT || code == DBusType.ARRAY;
        if (container) {
            enter(type);
        }
        writeChecked(type, value);
        if (container) {
            depth--;
        }
    }

    private void enter(DBusType type) {
        if (++depth > WireReader.MAX_TOTAL_DEPTH) {
            throw new IllegalArgumentException("value has containers nested more than " + WireReader.MAX_TOTAL_DEPTH
                    + " deep (at a '" + type + "'), which no D-Bus peer accepts");
        }
    }

    /** Writes the generic values of {@code signature}'s types in order. */
    public void writeValues(Signature signature, List<?> values) {
        List<DBusType> types = signature.types();
        if (types.size() != values.size()) {
            throw new IllegalArgumentException("signature \"" + signature + "\" has " + types.size()
                    + " types but " + values.size() + " values were given");
        }
        for (int i = 0; i < types.size(); i++) {
            writeValue(types.get(i), values.get(i));
        }
    }

    private void writeChecked(DBusType type, Object value) {
        switch (type.code()) {
            case DBusType.BYTE: writeByte((Byte) value); break;
            case DBusType.BOOLEAN: writeBoolean((Boolean) value); break;
            case DBusType.INT16: writeInt16((Short) value); break;
            case DBusType.UINT16: writeUInt16((Integer) value); break;
            case DBusType.INT32: writeInt32((Integer) value); break;
            case DBusType.UINT32: writeUInt32((Long) value); break;
            case DBusType.INT64: writeInt64((Long) value); break;
            case DBusType.UINT64: writeUInt64((Long) value); break;
            case DBusType.DOUBLE: writeDouble((Double) value); break;
            case DBusType.STRING: writeString((String) value); break;
            case DBusType.OBJECT_PATH: writeObjectPath((ObjectPath) value); break;
            case DBusType.SIGNATURE: writeSignature((Signature) value); break;
            case DBusType.UNIX_FD: writeUnixFd((UnixFd) value); break;
            case DBusType.VARIANT: {
                Variant v = (Variant) value;
                writeSignature(v.signature());
                write(v.type(), v.value());
                break;
            }
            case DBusType.STRUCT: {
                Struct s = (Struct) value;
                List<DBusType> fields = type.fields();
                if (s.size() != fields.size()) {
                    throw new IllegalArgumentException("struct has " + s.size() + " fields but '" + type + "' has "
                            + fields.size());
                }
                beginStruct();
                for (int i = 0; i < fields.size(); i++) {
                    write(fields.get(i), s.get(i));
                }
                break;
            }
            case DBusType.ARRAY:
                writeArray(type.elementType(), value);
                break;
            default:
                throw new IllegalArgumentException("type '" + type + "' cannot be written on its own");
        }
    }

    private void writeArray(DBusType element, Object value) {
        switch (element.code()) {
            case DBusType.BYTE: writeByteArray((byte[]) value); return;
            case DBusType.BOOLEAN: writeBooleanArray((boolean[]) value); return;
            case DBusType.INT16: writeInt16Array((short[]) value); return;
            case DBusType.UINT16: writeUInt16Array((int[]) value); return;
            case DBusType.INT32: writeInt32Array((int[]) value); return;
            case DBusType.UINT32: writeUInt32Array((long[]) value); return;
            case DBusType.INT64: case DBusType.UINT64: writeInt64Array((long[]) value); return;
            case DBusType.DOUBLE: writeDoubleArray((double[]) value); return;
            case DBusType.DICT_ENTRY: {
                DBusType k = element.fields().get(0);
                DBusType v = element.fields().get(1);
                long a = beginArray(8);
                enter(element); // the dict entry level, as the reader counts it
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    beginStruct();
                    write(k, e.getKey());
                    write(v, e.getValue());
                }
                depth--;
                endArray(a);
                return;
            }
            default: {
                long a = beginArray(element.alignment());
                for (Object o : (List<?>) value) {
                    write(element, o);
                }
                endArray(a);
            }
        }
    }

    /** Overwrites four bytes at absolute position {@code position} with {@code value}, in this writer's order. */
    public void patchInt32(int position, int value) {
        putInt(position - startOffset, value);
    }

    /** Whether values are written big-endian. */
    public boolean isBigEndian() {
        return bigEndian;
    }
}

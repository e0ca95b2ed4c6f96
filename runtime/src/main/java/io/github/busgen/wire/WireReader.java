package io.github.busgen.wire;

import io.github.busgen.names.InvalidNameException;
import io.github.busgen.names.ObjectPath;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads D-Bus values in the wire format from a byte array, checking everything the specification
 * requires of a receiver. Generated code calls it directly, value by value; {@link #readValue}
 * reads any type into the generic mapping described on {@link Variant}.
 *
 * <p>Positions are absolute: offsets from the start of the message, which alignment is counted
 * from. Reads never pass the current limit: the end of the data, or inside an array the end of that
 * array's elements, so an element cannot overrun its array.
 *
 * <p>Every violation throws {@link DBusProtocolException} with the offset: truncated data, non-zero
 * padding, a boolean other than 0 or 1, invalid UTF-8 or a NUL inside a string, a missing NUL
 * terminator, an invalid object path or signature, an array over 64 MiB or whose length does not fit
 * its data, a fixed-size array whose length is not a multiple of the element size, a variant whose
 * signature is not one complete type, and nesting deeper than 64 containers (arrays, structs, dict
 * entries and variants together), which also bounds the recursion of {@link #readValue}. Not
 * thread-safe.
 */
public final class WireReader {
    /** The maximum total nesting of containers, variants included (specification: 64). */
    public static final int MAX_TOTAL_DEPTH = 64;

    /** Arrays of fixed-size values at least this long are read in bulk through a ByteBuffer view. */
    private static final int BULK = 32;

    private final byte[] buf;
    private final ByteOrder order;
    private final boolean bigEndian;
    private final int base; // index in buf of absolute position 0
    private int pos;
    private int limit;
    private final int start; // the absolute position of the first byte of the data
    private final int end; // the end of the data; limit < end while inside an array
    private int depth;

    /**
     * A reader over {@code length} bytes of {@code buf} from {@code offset}, which is the start of a
     * message (absolute position 0).
     */
    public WireReader(byte[] buf, int offset, int length, ByteOrder order) {
        this(buf, offset, length, order, 0);
    }

    /**
     * A reader over {@code length} bytes of {@code buf} from {@code offset}, whose first byte lies at
     * absolute position {@code startPosition} in its message.
     */
    public WireReader(byte[] buf, int offset, int length, ByteOrder order, int startPosition) {
        if (offset < 0 || length < 0 || offset + length > buf.length || startPosition < 0) {
            throw new IllegalArgumentException("range outside the array");
        }
        this.buf = buf;
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
        this.order = order;
        this.base = offset - startPosition;
        this.pos = startPosition;
        this.limit = startPosition + length;
        this.start = startPosition;
        this.end = limit;
    }

    /** The byte order being read. */
    public ByteOrder order() {
        return order;
    }

    /** The absolute position of the next byte. */
    public int position() {
        return pos;
    }

    /** The absolute position reads may not pass (the end of the data or of the current array). */
    public int limit() {
        return limit;
    }

    /** The bytes left before the limit. */
    public int remaining() {
        return limit - pos;
    }

    /** Whether the limit has been reached. */
    public boolean atEnd() {
        return pos >= limit;
    }

    /** Sets the position, which must lie within the data. */
    public void seek(int position) {
        // the data starts at the start position, not at 0: below it, buf[base + pos] lies outside the range
        if (position < start || position > limit) {
            throw new IllegalArgumentException("position " + position + " outside " + start + ".." + limit);
        }
        pos = position;
    }

    // Values at buffer indexes, in this reader's byte order (no ByteBuffer: a reader is made per body read).

    private short getShort(int i) {
        return bigEndian ? (short) (buf[i] << 8 | buf[i + 1] & 0xFF) : (short) (buf[i] & 0xFF | buf[i + 1] << 8);
    }

    private int getInt(int i) {
        byte[] b = buf;
        return bigEndian
                ? b[i] << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF
                : b[i] & 0xFF | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
    }

    private long getLong(int i) {
        long a = getInt(i) & 0xFFFFFFFFL;
        long b = getInt(i + 4) & 0xFFFFFFFFL;
        return bigEndian ? a << 32 | b : b << 32 | a;
    }

    /** A view of {@code n} bytes from the position, for reading a long array of fixed-size values at once. */
    private ByteBuffer bulk(int n) {
        return ByteBuffer.wrap(buf, base + pos, n).order(order);
    }

    private DBusProtocolException error(String what, int at) {
        return new DBusProtocolException(what, at);
    }

    private void need(int n, String what) throws DBusProtocolException {
        if (n > limit - pos) {
            throw error("truncated " + what + ": needs " + n + " bytes, " + (limit - pos) + " left before "
                    + boundary(), pos);
        }
    }

    /**
     * The limit a read ran into, for messages: an element that overruns its array is not the same
     * problem as data that ends too soon, and saying "end of the data" for both misled.
     */
    private String boundary() {
        return limit < end ? "the end of its array at offset " + limit : "the end of the data";
    }

    /** Skips padding to {@code alignment}, checking that it is zero and present. */
    public void align(int alignment) throws DBusProtocolException {
        int pad = -pos & (alignment - 1);
        if (pad != 0) {
            need(pad, "padding");
            for (int i = 0; i < pad; i++) {
                if (buf[base + pos + i] != 0) {
                    throw error("non-zero alignment padding", pos + i);
                }
            }
            pos += pad;
        }
    }

    /** {@code y}. */
    public byte readByte() throws DBusProtocolException {
        need(1, "BYTE");
        return buf[base + pos++];
    }

    /** {@code b}: a uint32 that must be 0 or 1. */
    public boolean readBoolean() throws DBusProtocolException {
        int at = alignedStart(4);
        int v = readInt32();
        if (v != 0 && v != 1) {
            throw error("BOOLEAN value " + Integer.toUnsignedString(v) + " is neither 0 nor 1", at);
        }
        return v == 1;
    }

    private int alignedStart(int alignment) {
        return pos + (-pos & (alignment - 1));
    }

    /** {@code n}. */
    public short readInt16() throws DBusProtocolException {
        align(2);
        need(2, "INT16");
        short v = getShort(base + pos);
        pos += 2;
        return v;
    }

    /** {@code q}: 0..65535. */
    public int readUInt16() throws DBusProtocolException {
        return readInt16() & 0xFFFF;
    }

    /** {@code i}. */
    public int readInt32() throws DBusProtocolException {
        align(4);
        need(4, "INT32");
        int v = getInt(base + pos);
        pos += 4;
        return v;
    }

    /** {@code u}: 0..4294967295. */
    public long readUInt32() throws DBusProtocolException {
        return readInt32() & 0xFFFFFFFFL;
    }

    /** {@code x}. */
    public long readInt64() throws DBusProtocolException {
        align(8);
        need(8, "INT64");
        long v = getLong(base + pos);
        pos += 8;
        return v;
    }

    /** {@code t}: all 64 bits, unsigned. */
    public long readUInt64() throws DBusProtocolException {
        return readInt64();
    }

    /** {@code d}. */
    public double readDouble() throws DBusProtocolException {
        return Double.longBitsToDouble(readInt64());
    }

    /** {@code h}: the index into the message's fd array. */
    public UnixFd readUnixFd() throws DBusProtocolException {
        return UnixFd.ofIndex(readInt32());
    }

    /**
     * Reads the length and bytes of a string-like value ending in NUL, leaving the position after
     * the NUL, and returns the buffer index of the first byte; the length is in {@link #lastLength}.
     */
    private int stringBytes(long len, int lengthAt, String what) throws DBusProtocolException {
        if (len > limit - pos - 1L) {
            throw error(what + " length " + len + " runs past " + boundary() + " (" + (limit - pos) + " bytes left)",
                    lengthAt);
        }
        int start = base + pos;
        int n = (int) len;
        if (buf[start + n] != 0) {
            throw error(what + " is not followed by a NUL byte", pos + n);
        }
        lastLength = n;
        pos += n + 1;
        return start;
    }

    private int lastLength;

    /** {@code s}: strict UTF-8 without NUL. */
    public String readString() throws DBusProtocolException {
        align(4);
        int lengthAt = pos;
        need(4, "STRING length");
        long len = getInt(base + pos) & 0xFFFFFFFFL;
        pos += 4;
        int textAt = pos;
        int start = stringBytes(len, lengthAt, "STRING");
        int n = lastLength;
        int check = Utf8.check(buf, start, start + n);
        if (check == Utf8.ASCII) {
            return new String(buf, start, n, StandardCharsets.ISO_8859_1);
        }
        if (check != Utf8.VALID) {
            int at = textAt + (check - start);
            throw error(buf[check] == 0 ? "STRING contains a NUL byte" : "STRING is not valid UTF-8", at);
        }
        return new String(buf, start, n, StandardCharsets.UTF_8);
    }

    /** {@code o}: a valid object path. */
    public ObjectPath readObjectPath() throws DBusProtocolException {
        align(4);
        int lengthAt = pos;
        need(4, "OBJECT_PATH length");
        long len = getInt(base + pos) & 0xFFFFFFFFL;
        pos += 4;
        int start = stringBytes(len, lengthAt, "OBJECT_PATH");
        String s = new String(buf, start, lastLength, StandardCharsets.ISO_8859_1);
        try {
            return ObjectPath.of(s);
        } catch (InvalidNameException e) {
            throw error(e.getMessage(), lengthAt);
        }
    }

    /** The valid one-character signatures by their byte: the basic types and {@code v}. */
    private static final Signature[] ONE_TYPE_SIGNATURES = new Signature[256];

    static {
        for (char c : "ybnqiuxtdhsogv".toCharArray()) {
            ONE_TYPE_SIGNATURES[c] = Signature.of(String.valueOf(c));
        }
    }

    /** {@code g}: a valid signature. */
    public Signature readSignature() throws DBusProtocolException {
        int lengthAt = pos;
        need(1, "SIGNATURE length");
        int len = buf[base + pos] & 0xFF;
        pos++;
        int start = stringBytes(len, lengthAt, "SIGNATURE");
        if (lastLength == 0) {
            return Signature.EMPTY;
        }
        if (lastLength == 1) {
            // the signature of nearly every variant and single-argument body: no String to make
            Signature one = ONE_TYPE_SIGNATURES[buf[start] & 0xFF];
            if (one != null) {
                return one;
            }
        }
        String s = new String(buf, start, lastLength, StandardCharsets.ISO_8859_1);
        try {
            return Signature.of(s);
        } catch (InvalidNameException e) {
            throw error(e.getMessage(), lengthAt);
        }
    }

    /**
     * Starts reading an array: reads its length, checks it against the 64 MiB limit and the data
     * left, skips the padding to the element alignment (present even when the array is empty), and
     * narrows the limit to the array's elements. Read elements while {@link #hasNext()}, then call
     * {@link #endArray(int)} with the returned value.
     *
     * @return the enclosing limit, to give back to {@link #endArray(int)}
     */
    public int beginArray(int elementAlignment) throws DBusProtocolException {
        align(4);
        int lengthAt = pos;
        need(4, "ARRAY length");
        long len = getInt(base + pos) & 0xFFFFFFFFL;
        pos += 4;
        if (len > WireWriter.MAX_ARRAY_LENGTH) {
            throw error("ARRAY length " + len + " exceeds the limit of " + WireWriter.MAX_ARRAY_LENGTH
                    + " bytes (64 MiB)", lengthAt);
        }
        align(elementAlignment);
        if (len > limit - pos) {
            throw error("ARRAY length " + len + " runs past " + boundary() + " (" + (limit - pos) + " bytes left)",
                    lengthAt);
        }
        int outer = limit;
        limit = pos + (int) len;
        return outer;
    }

    /** Whether the current array has more elements. */
    public boolean hasNext() {
        return pos < limit;
    }

    /** Ends an array begun with {@link #beginArray(int)}, restoring the enclosing limit. */
    public void endArray(int outerLimit) throws DBusProtocolException {
        if (pos != limit) {
            throw error("ARRAY elements do not fill the array's length", pos);
        }
        limit = outerLimit;
    }

    /** Starts a struct or dict entry: skips padding to 8. */
    public void beginStruct() throws DBusProtocolException {
        align(8);
    }

    /** Begins a fixed-size array, checking that its length is a multiple of {@code size}; returns the count. */
    private int fixedArray(int size, String what) throws DBusProtocolException {
        int lengthAt = alignedStart(4);
        int outer = beginArray(size);
        int len = limit - pos;
        limit = outer;
        if (len % size != 0) {
            throw error("ARRAY of " + what + " has length " + len + ", not a multiple of " + size, lengthAt);
        }
        return len / size;
    }

    /** {@code ay}. */
    public byte[] readByteArray() throws DBusProtocolException {
        int n = fixedArray(1, "BYTE");
        byte[] out = new byte[n];
        System.arraycopy(buf, base + pos, out, 0, n);
        pos += n;
        return out;
    }

    /** {@code ab}. */
    public boolean[] readBooleanArray() throws DBusProtocolException {
        int n = fixedArray(4, "BOOLEAN");
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            int v = getInt(base + pos);
            if (v != 0 && v != 1) {
                throw error("BOOLEAN value " + Integer.toUnsignedString(v) + " is neither 0 nor 1", pos);
            }
            out[i] = v == 1;
            pos += 4;
        }
        return out;
    }

    /** {@code an}. */
    public short[] readInt16Array() throws DBusProtocolException {
        int n = fixedArray(2, "INT16");
        short[] out = new short[n];
        if (n >= BULK) {
            bulk(n * 2).asShortBuffer().get(out);
            pos += n * 2;
            return out;
        }
        for (int i = 0; i < n; i++, pos += 2) {
            out[i] = getShort(base + pos);
        }
        return out;
    }

    /** {@code aq}. */
    public int[] readUInt16Array() throws DBusProtocolException {
        int n = fixedArray(2, "UINT16");
        int[] out = new int[n];
        for (int i = 0; i < n; i++, pos += 2) {
            out[i] = getShort(base + pos) & 0xFFFF;
        }
        return out;
    }

    /** {@code ai} (and {@code ah} as raw indexes). */
    public int[] readInt32Array() throws DBusProtocolException {
        int n = fixedArray(4, "INT32");
        int[] out = new int[n];
        if (n >= BULK) {
            bulk(n * 4).asIntBuffer().get(out);
            pos += n * 4;
            return out;
        }
        for (int i = 0; i < n; i++, pos += 4) {
            out[i] = getInt(base + pos);
        }
        return out;
    }

    /** {@code au}. */
    public long[] readUInt32Array() throws DBusProtocolException {
        int n = fixedArray(4, "UINT32");
        long[] out = new long[n];
        for (int i = 0; i < n; i++, pos += 4) {
            out[i] = getInt(base + pos) & 0xFFFFFFFFL;
        }
        return out;
    }

    /** {@code ax} and {@code at}. */
    public long[] readInt64Array() throws DBusProtocolException {
        int n = fixedArray(8, "INT64");
        long[] out = new long[n];
        if (n >= BULK) {
            bulk(n * 8).asLongBuffer().get(out);
            pos += n * 8;
            return out;
        }
        for (int i = 0; i < n; i++, pos += 8) {
            out[i] = getLong(base + pos);
        }
        return out;
    }

    /** {@code ad}. */
    public double[] readDoubleArray() throws DBusProtocolException {
        int n = fixedArray(8, "DOUBLE");
        double[] out = new double[n];
        if (n >= BULK) {
            bulk(n * 8).asDoubleBuffer().get(out);
            pos += n * 8;
            return out;
        }
        for (int i = 0; i < n; i++, pos += 8) {
            out[i] = Double.longBitsToDouble(getLong(base + pos));
        }
        return out;
    }

    private void enter() throws DBusProtocolException {
        enter(pos);
    }

    /** Counts one more level of nesting, for the container that starts at {@code at}. */
    private void enter(int at) throws DBusProtocolException {
        if (++depth > MAX_TOTAL_DEPTH) {
            throw error("containers nested more than " + MAX_TOTAL_DEPTH + " deep", at);
        }
    }

    private void leave() {
        depth--;
    }

    /** The signature of a variant, which must be exactly one single complete type. */
    private Signature variantSignature() throws DBusProtocolException {
        int at = pos;
        Signature s = readSignature();
        if (!s.isSingle()) {
            throw error(s.isEmpty() ? "VARIANT signature is empty"
                    : "VARIANT signature \"" + s + "\" is not a single complete type", at);
        }
        return s;
    }

    /** {@code v}: the signature, then the value in the generic mapping. */
    public Variant readVariant() throws DBusProtocolException {
        int at = pos; // report too deep a variant where it starts, not after its signature
        Signature s = variantSignature();
        enter(at);
        Object v = readValue(s.type());
        leave();
        return Variant.trusted(s, v);
    }

    /** Reads a value of {@code type} in the generic mapping described on {@link Variant}. */
    public Object readValue(DBusType type) throws DBusProtocolException {
        switch (type.code()) {
            case DBusType.BYTE: return readByte();
            case DBusType.BOOLEAN: return readBoolean();
            case DBusType.INT16: return readInt16();
            case DBusType.UINT16: return readUInt16();
            case DBusType.INT32: return readInt32();
            case DBusType.UINT32: return readUInt32();
            case DBusType.INT64: return readInt64();
            case DBusType.UINT64: return readUInt64();
            case DBusType.DOUBLE: return readDouble();
            case DBusType.STRING: return readString();
            case DBusType.OBJECT_PATH: return readObjectPath();
            case DBusType.SIGNATURE: return readSignature();
            case DBusType.UNIX_FD: return readUnixFd();
            case DBusType.VARIANT: return readVariant();
            case DBusType.STRUCT: {
                enter();
                beginStruct();
                List<DBusType> fields = type.fields();
                Object[] values = new Object[fields.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = readValue(fields.get(i));
                }
                leave();
                return Struct.of(values);
            }
            case DBusType.ARRAY:
                enter();
                Object array = readArray(type.elementType());
                leave();
                return array;
            default:
                throw new IllegalArgumentException("type '" + type + "' cannot be read on its own");
        }
    }

    private Object readArray(DBusType element) throws DBusProtocolException {
        switch (element.code()) {
            case DBusType.BYTE: return readByteArray();
            case DBusType.BOOLEAN: return readBooleanArray();
            case DBusType.INT16: return readInt16Array();
            case DBusType.UINT16: return readUInt16Array();
            case DBusType.INT32: return readInt32Array();
            case DBusType.UINT32: return readUInt32Array();
            case DBusType.INT64: case DBusType.UINT64: return readInt64Array();
            case DBusType.DOUBLE: return readDoubleArray();
            case DBusType.UNIX_FD: {
                // h is fixed-size too: check the length as skipValue does (it was read element by
                // element, so a length of 2 came out as "truncated" rather than "not a multiple of 4")
                int n = fixedArray(4, "UNIX_FD");
                List<Object> fds = new ArrayList<>(n);
                for (int i = 0; i < n; i++, pos += 4) {
                    fds.add(UnixFd.ofIndex(getInt(base + pos)));
                }
                return fds;
            }
            case DBusType.DICT_ENTRY: {
                DBusType k = element.fields().get(0);
                DBusType v = element.fields().get(1);
                Map<Object, Object> map = new LinkedHashMap<>();
                int outer = beginArray(8);
                enter();
                while (hasNext()) {
                    beginStruct();
                    Object key = readValue(k);
                    map.put(key, readValue(v));
                }
                leave();
                endArray(outer);
                return map;
            }
            default: {
                List<Object> list = new ArrayList<>();
                int outer = beginArray(element.alignment());
                while (hasNext()) {
                    list.add(readValue(element));
                }
                endArray(outer);
                return list;
            }
        }
    }

    /** Reads the values of all of {@code signature}'s types, in order. */
    public List<Object> readValues(Signature signature) throws DBusProtocolException {
        List<DBusType> types = signature.types();
        List<Object> out = new ArrayList<>(types.size());
        for (DBusType t : types) {
            out.add(readValue(t));
        }
        return out;
    }

    /**
     * Checks a value of {@code type} as {@link #readValue} would, without building it: every rule
     * above, with no allocation for fixed types, strings or arrays of them.
     */
    public void skipValue(DBusType type) throws DBusProtocolException {
        switch (type.code()) {
            case DBusType.BYTE: readByte(); return;
            case DBusType.BOOLEAN: readBoolean(); return;
            case DBusType.INT16: case DBusType.UINT16: readInt16(); return;
            case DBusType.INT32: case DBusType.UINT32: case DBusType.UNIX_FD: readInt32(); return;
            case DBusType.INT64: case DBusType.UINT64: case DBusType.DOUBLE: readInt64(); return;
            case DBusType.STRING: skipString(); return;
            case DBusType.OBJECT_PATH: readObjectPath(); return;
            case DBusType.SIGNATURE: readSignature(); return;
            case DBusType.VARIANT: {
                int at = pos;
                Signature s = variantSignature();
                enter(at);
                skipValue(s.type());
                leave();
                return;
            }
            case DBusType.STRUCT:
                enter();
                beginStruct();
                for (DBusType f : type.fields()) {
                    skipValue(f);
                }
                leave();
                return;
            case DBusType.ARRAY: {
                enter();
                DBusType element = type.elementType();
                int lengthAt = alignedStart(4);
                int outer = beginArray(element.alignment());
                if (element.isFixed()) {
                    int len = limit - pos;
                    if (len % element.fixedSize() != 0) {
                        throw error("ARRAY of '" + element + "' has length " + len + ", not a multiple of "
                                + element.fixedSize(), lengthAt);
                    }
                    if (element.code() == DBusType.BOOLEAN) {
                        while (hasNext()) {
                            readBoolean();
                        }
                    }
                    pos = limit;
                } else if (element.code() == DBusType.DICT_ENTRY) {
                    DBusType k = element.fields().get(0);
                    DBusType v = element.fields().get(1);
                    enter();
                    while (hasNext()) {
                        beginStruct();
                        skipValue(k);
                        skipValue(v);
                    }
                    leave();
                } else {
                    while (hasNext()) {
                        skipValue(element);
                    }
                }
                endArray(outer);
                leave();
                return;
            }
            default:
                throw new IllegalArgumentException("type '" + type + "' cannot be read on its own");
        }
    }

    private void skipString() throws DBusProtocolException {
        align(4);
        int lengthAt = pos;
        need(4, "STRING length");
        long len = getInt(base + pos) & 0xFFFFFFFFL;
        pos += 4;
        int textAt = pos;
        int start = stringBytes(len, lengthAt, "STRING");
        int check = Utf8.check(buf, start, start + lastLength);
        if (check >= 0) {
            throw error(buf[check] == 0 ? "STRING contains a NUL byte" : "STRING is not valid UTF-8",
                    textAt + (check - start));
        }
    }
}

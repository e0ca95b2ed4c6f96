package io.github.busgen.message;

import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.InvalidNameException;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.WireReader;
import io.github.busgen.wire.WireWriter;

import java.nio.ByteOrder;

/**
 * Decodes and validates whole messages. Stateless.
 *
 * <p>The fixed part of the header, 16 bytes, tells the length of the whole message:
 * <pre>
 *  byte 0      'l' little-endian or 'B' big-endian
 *  byte 1      type (0 is invalid; unknown types are kept and ignored by receivers)
 *  byte 2      flags (unknown bits ignored)
 *  byte 3      major protocol version, must be 1
 *  bytes 4-7   body length         (at most 128 MiB)
 *  bytes 8-11  serial              (must not be 0)
 *  bytes 12-15 header field array length (at most 64 MiB)
 *  total = 16 + fields length rounded up to 8 + body length   (at most 128 MiB)
 * </pre>
 * {@link #frameLength} checks it before anything is allocated; {@link #decode} then checks every
 * header field (known codes must have their type and appear once; unknown codes must be
 * well-formed), the required fields of the type, the zero padding before the body, and the whole
 * body against the signature, with no bytes left over.
 */
public final class MessageDecoder {
    /** The length of the fixed part of the header, which determines the message length. */
    public static final int FIXED_HEADER_LENGTH = 16;

    private MessageDecoder() {
    }

    /**
     * Validates the first 16 bytes of a message and returns the total length the message declares.
     *
     * @param b   at least 16 bytes from {@code off}
     * @throws DBusProtocolException for a bad byte order mark, type 0, a protocol version other than
     *                               1, or lengths beyond the limits
     */
    public static int frameLength(byte[] b, int off) throws DBusProtocolException {
        ByteOrder order = byteOrder(b[off]);
        if (b[off + 1] == 0) {
            throw new DBusProtocolException("message type 0 (INVALID) is not allowed", 1);
        }
        int version = b[off + 3] & 0xFF;
        if (version != 1) {
            throw new DBusProtocolException("unsupported major protocol version " + version + " (only 1 is defined)", 3);
        }
        long bodyLength = u32(b, off + 4, order);
        long fieldsLength = u32(b, off + 12, order);
        if (fieldsLength > WireWriter.MAX_ARRAY_LENGTH) {
            throw new DBusProtocolException("header field array length " + fieldsLength + " exceeds the limit of "
                    + WireWriter.MAX_ARRAY_LENGTH + " bytes (64 MiB)", 12);
        }
        if (bodyLength > WireWriter.MAX_MESSAGE_LENGTH) {
            throw new DBusProtocolException("body length " + bodyLength + " exceeds the message limit of "
                    + WireWriter.MAX_MESSAGE_LENGTH + " bytes (128 MiB)", 4);
        }
        long total = FIXED_HEADER_LENGTH + ((fieldsLength + 7) & ~7L) + bodyLength;
        if (total > WireWriter.MAX_MESSAGE_LENGTH) {
            throw new DBusProtocolException("message length " + total + " exceeds the limit of "
                    + WireWriter.MAX_MESSAGE_LENGTH + " bytes (128 MiB)", 4);
        }
        return (int) total;
    }

    private static ByteOrder byteOrder(byte mark) throws DBusProtocolException {
        if (mark == 'l') {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (mark == 'B') {
            return ByteOrder.BIG_ENDIAN;
        }
        throw new DBusProtocolException("byte order mark 0x" + Integer.toHexString(mark & 0xFF)
                + " is neither 'l' nor 'B'", 0);
    }

    private static long u32(byte[] b, int i, ByteOrder order) {
        if (order == ByteOrder.LITTLE_ENDIAN) {
            return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
        }
        return (b[i + 3] & 0xFFL) | (b[i + 2] & 0xFFL) << 8 | (b[i + 1] & 0xFFL) << 16 | (b[i] & 0xFFL) << 24;
    }

    /** Decodes the message that fills all of {@code bytes}. */
    public static Message decode(byte[] bytes) throws DBusProtocolException {
        return decode(bytes, bytes.length);
    }

    /**
     * Decodes the message in {@code bytes[0, length)}, which must be exactly one message. The
     * returned message keeps {@code bytes}; do not modify them afterwards.
     */
    public static Message decode(byte[] bytes, int length) throws DBusProtocolException {
        return decode(bytes, length, null);
    }

    /**
     * Decodes as {@link #decode(byte[], int)}, taking header names that {@code names} has seen
     * before from it instead of validating and making them again.
     */
    static Message decode(byte[] bytes, int length, Names names) throws DBusProtocolException {
        if (length < FIXED_HEADER_LENGTH) {
            throw new DBusProtocolException("message of " + length + " bytes is shorter than the "
                    + FIXED_HEADER_LENGTH + "-byte fixed header", length);
        }
        int total = frameLength(bytes, 0);
        if (total != length) {
            throw new DBusProtocolException("message declares " + total + " bytes but " + length + " were given",
                    total < length ? total : length);
        }
        ByteOrder order = byteOrder(bytes[0]);
        int typeCode = bytes[1] & 0xFF;
        int flags = bytes[2] & 0xFF;
        WireReader r = new WireReader(bytes, 0, length, order);
        r.seek(8);
        int serial = r.readInt32();
        if (serial == 0) {
            throw new DBusProtocolException("serial 0 is not allowed", 8);
        }

        ObjectPath path = null;
        InterfaceName iface = null;
        MemberName member = null;
        ErrorName errorName = null;
        int replySerial = 0;
        boolean hasReplySerial = false;
        BusName destination = null;
        BusName sender = null;
        Signature signature = Signature.EMPTY;
        int unixFds = 0;
        int seen = 0;

        int outer = r.beginArray(8); // the array's length limits every read of the fields
        int fieldsEnd = r.limit();
        while (r.hasNext()) {
            r.beginStruct();
            int fieldAt = r.position();
            int code = r.readByte() & 0xFF;
            if (code == 0) {
                throw new DBusProtocolException("header field code 0 (INVALID) is not allowed", fieldAt);
            }
            HeaderField f = HeaderField.fromCode(code);
            int sigAt = r.position();
            Signature s = r.readSignature();
            if (!s.isSingle()) {
                throw new DBusProtocolException("header field " + code + " has variant signature \"" + s
                        + "\", which is not a single complete type", sigAt);
            }
            if (f == null) {
                // unknown field: ignored, but it must be well-formed
                r.skipValue(s.type());
                continue;
            }
            if (s.value().length() != 1 || s.value().charAt(0) != f.type()) {
                throw new DBusProtocolException("header field " + f + " must hold '" + f.type() + "', not '" + s + "'",
                        sigAt);
            }
            if ((seen & (1 << code)) != 0) {
                throw new DBusProtocolException("header field " + f + " appears twice", fieldAt);
            }
            seen |= 1 << code;
            int valueAt = r.position();
            try {
                switch (f) {
                    case PATH: path = (ObjectPath) name(r, bytes, f, names); break;
                    case INTERFACE: iface = (InterfaceName) name(r, bytes, f, names); break;
                    case MEMBER: member = (MemberName) name(r, bytes, f, names); break;
                    case ERROR_NAME: errorName = (ErrorName) name(r, bytes, f, names); break;
                    case REPLY_SERIAL:
                        replySerial = r.readInt32();
                        hasReplySerial = true;
                        if (replySerial == 0) {
                            throw new DBusProtocolException("REPLY_SERIAL 0 is not allowed", valueAt);
                        }
                        break;
                    case DESTINATION: destination = (BusName) name(r, bytes, f, names); break;
                    case SENDER: sender = (BusName) name(r, bytes, f, names); break;
                    case SIGNATURE: signature = r.readSignature(); break;
                    case UNIX_FDS: unixFds = r.readInt32(); break;
                    default: throw new AssertionError(f);
                }
            } catch (InvalidNameException e) {
                throw new DBusProtocolException("header field " + f + ": " + e.getMessage(), valueAt);
            }
        }
        r.endArray(outer);
        r.align(8);
        int bodyOffset = r.position();
        if (bodyOffset != ((fieldsEnd + 7) & ~7)) {
            throw new DBusProtocolException("header does not end where its length says", bodyOffset);
        }

        MessageType type = MessageType.fromCode(typeCode);
        switch (type) {
            case METHOD_CALL:
                required(path != null, type, HeaderField.PATH);
                required(member != null, type, HeaderField.MEMBER);
                break;
            case METHOD_RETURN:
                required(hasReplySerial, type, HeaderField.REPLY_SERIAL);
                break;
            case ERROR:
                required(errorName != null, type, HeaderField.ERROR_NAME);
                required(hasReplySerial, type, HeaderField.REPLY_SERIAL);
                break;
            case SIGNAL:
                required(path != null, type, HeaderField.PATH);
                required(iface != null, type, HeaderField.INTERFACE);
                required(member != null, type, HeaderField.MEMBER);
                break;
            default:
                break;
        }

        // The body: exactly the values of the signature, nothing more.
        if (signature.isEmpty() && bodyOffset != length) {
            throw new DBusProtocolException("body of " + (length - bodyOffset)
                    + " bytes but no SIGNATURE header field", bodyOffset);
        }
        // the same reader goes on: its limit is the end of the message again, and positions are absolute
        for (DBusType t : signature.types()) {
            r.skipValue(t);
        }
        if (!r.atEnd()) {
            throw new DBusProtocolException("body has " + r.remaining() + " bytes beyond its signature \""
                    + signature + "\"", r.position());
        }
        return new Message(bytes, length, order, typeCode, flags, serial, path, iface, member, errorName,
                replySerial, destination, sender, signature, unixFds, bodyOffset);
    }

    /**
     * Reads the name-valued header field {@code f} (PATH, INTERFACE, MEMBER, ERROR_NAME,
     * DESTINATION or SENDER): from {@code names} when the same bytes were decoded and validated
     * before, else read, validated and remembered.
     */
    private static Object name(WireReader r, byte[] bytes, HeaderField f, Names names) throws DBusProtocolException {
        if (names == null) {
            return readName(r, f);
        }
        r.align(4);
        int lengthAt = r.position();
        int at = lengthAt + 4; // the reader starts at index 0, so positions are indexes into bytes
        if (r.remaining() >= 4) {
            long len = r.readUInt32();
            if (len < r.remaining() && bytes[at + (int) len] == 0) {
                Object known = names.get(f.code(), bytes, at, (int) len);
                if (known != null) {
                    r.seek(at + (int) len + 1);
                    return known;
                }
            }
            r.seek(lengthAt);
        }
        Object v = readName(r, f); // the usual way, which reports what is wrong with the bytes
        names.put(f.code(), bytes, at, r.position() - 1 - at, v);
        return v;
    }

    private static Object readName(WireReader r, HeaderField f) throws DBusProtocolException {
        switch (f) {
            case PATH: return r.readObjectPath();
            case INTERFACE: return InterfaceName.of(r.readString());
            case MEMBER: return MemberName.of(r.readString());
            case ERROR_NAME: return ErrorName.of(r.readString());
            case DESTINATION: case SENDER: return BusName.of(r.readString());
            default: throw new AssertionError(f);
        }
    }

    /**
     * The header names a connection decoded recently (senders, destinations, paths, interfaces,
     * members, error names) by their bytes, so that each distinct one is validated and made into an
     * object once rather than in every message. A small direct-mapped table: a new name takes the
     * slot of an older one with the same hash. Only bytes that decoded to a valid name are kept, so
     * a hit is exactly what decoding would give. Not thread-safe: one per framer.
     */
    static final class Names {
        private static final int SLOTS = 64; // a power of two
        private static final int MAX_LENGTH = 255; // longer paths are decoded each time

        private final int[] codes = new int[SLOTS];
        private final byte[][] keys = new byte[SLOTS][];
        private final Object[] values = new Object[SLOTS];

        private static int slot(int code, byte[] b, int from, int len) {
            int h = code;
            for (int i = from, end = from + len; i < end; i++) {
                h = 31 * h + b[i];
            }
            return (h ^ (h >>> 16)) & (SLOTS - 1);
        }

        Object get(int code, byte[] b, int from, int len) {
            if (len > MAX_LENGTH) {
                return null;
            }
            int s = slot(code, b, from, len);
            byte[] k = keys[s];
            if (k != null && codes[s] == code && java.util.Arrays.equals(k, 0, k.length, b, from, from + len)) {
                return values[s];
            }
            return null;
        }

        void put(int code, byte[] b, int from, int len, Object value) {
            if (len > MAX_LENGTH) {
                return;
            }
            int s = slot(code, b, from, len);
            codes[s] = code;
            keys[s] = java.util.Arrays.copyOfRange(b, from, from + len);
            values[s] = value;
        }
    }

    private static void required(boolean present, MessageType type, HeaderField field) throws DBusProtocolException {
        if (!present) {
            throw new DBusProtocolException(type + " message lacks the required header field " + field, 12);
        }
    }
}

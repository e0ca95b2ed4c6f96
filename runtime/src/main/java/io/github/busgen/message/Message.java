package io.github.busgen.message;

import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.WireReader;

import java.nio.ByteOrder;
import java.util.List;

/**
 * One D-Bus message: its header fields and its encoded bytes, which hold the body.
 *
 * <p>A message is made by a {@link MessageBuilder} (see {@link #methodCall}, {@link #methodReturn},
 * {@link #error}, {@link #signal}) or decoded from bytes by {@link MessageDecoder}; either way its
 * header has been validated, and a decoded body has been checked against its signature. The body is
 * read on demand, typed through {@link #bodyReader()} or generic through {@link #body()}.
 *
 * <p>Immutable except for the serial, which a connection assigns as it sends the message
 * ({@link #assignSerial(int)}); the connection's write lock orders those assignments.
 */
public final class Message {
    private final byte[] data;
    private final int length;
    private final ByteOrder order;
    private final int typeCode;
    private final int flags;
    private volatile int serial;
    private final ObjectPath path;
    private final InterfaceName interfaceName;
    private final MemberName member;
    private final ErrorName errorName;
    private final int replySerial;
    private final BusName destination;
    private final BusName sender;
    private final Signature signature;
    private final int unixFds;
    private final int bodyOffset;

    Message(byte[] data, int length, ByteOrder order, int typeCode, int flags, int serial, ObjectPath path,
            InterfaceName interfaceName, MemberName member, ErrorName errorName, int replySerial,
            BusName destination, BusName sender, Signature signature, int unixFds, int bodyOffset) {
        this.data = data;
        this.length = length;
        this.order = order;
        this.typeCode = typeCode;
        this.flags = flags;
        this.serial = serial;
        this.path = path;
        this.interfaceName = interfaceName;
        this.member = member;
        this.errorName = errorName;
        this.replySerial = replySerial;
        this.destination = destination;
        this.sender = sender;
        this.signature = signature;
        this.unixFds = unixFds;
        this.bodyOffset = bodyOffset;
    }

    /** A builder for a method call to {@code member} on the object at {@code path}. */
    public static MessageBuilder methodCall(ObjectPath path, MemberName member) {
        return new MessageBuilder(MessageType.METHOD_CALL).path(path).member(member);
    }

    /** A builder for a reply to the call with serial {@code replySerial}. */
    public static MessageBuilder methodReturn(int replySerial) {
        return new MessageBuilder(MessageType.METHOD_RETURN).replySerial(replySerial);
    }

    /** A builder for a reply to {@code call}, addressed to its sender. */
    public static MessageBuilder methodReturn(Message call) {
        MessageBuilder b = methodReturn(call.serial()).byteOrder(call.order);
        return call.sender != null ? b.destination(call.sender) : b;
    }

    /** A builder for an error reply to the call with serial {@code replySerial}. */
    public static MessageBuilder error(ErrorName name, int replySerial) {
        return new MessageBuilder(MessageType.ERROR).errorName(name).replySerial(replySerial);
    }

    /** A builder for an error reply to {@code call}, addressed to its sender. */
    public static MessageBuilder error(ErrorName name, Message call) {
        MessageBuilder b = error(name, call.serial()).byteOrder(call.order);
        return call.sender != null ? b.destination(call.sender) : b;
    }

    /** A builder for the signal {@code interfaceName.member} from the object at {@code path}. */
    public static MessageBuilder signal(ObjectPath path, InterfaceName interfaceName, MemberName member) {
        return new MessageBuilder(MessageType.SIGNAL).path(path).interfaceName(interfaceName).member(member);
    }

    /** The message type; {@link MessageType#UNKNOWN} for codes the specification does not define. */
    public MessageType type() {
        return MessageType.fromCode(typeCode);
    }

    /** The message type code as on the wire. */
    public int typeCode() {
        return typeCode;
    }

    /** The flag bits (see {@link Flags}), unknown ones included. */
    public int flags() {
        return flags;
    }

    /** Whether {@link Flags#NO_REPLY_EXPECTED} is set. */
    public boolean isNoReplyExpected() {
        return (flags & Flags.NO_REPLY_EXPECTED) != 0;
    }

    /** Whether {@link Flags#NO_AUTO_START} is set. */
    public boolean isNoAutoStart() {
        return (flags & Flags.NO_AUTO_START) != 0;
    }

    /** Whether {@link Flags#ALLOW_INTERACTIVE_AUTHORIZATION} is set. */
    public boolean isAllowInteractiveAuthorization() {
        return (flags & Flags.ALLOW_INTERACTIVE_AUTHORIZATION) != 0;
    }

    /** The serial, an unsigned 32-bit value; 0 until a connection sends the message. */
    public int serial() {
        return serial;
    }

    /**
     * Sets the serial in the header and the encoded bytes. Connections call this as they send; a
     * message carries the serial of its latest sending.
     */
    public void assignSerial(int serial) {
        if (serial == 0) {
            throw new IllegalArgumentException("serial 0 is not allowed");
        }
        if (order == ByteOrder.BIG_ENDIAN) {
            data[8] = (byte) (serial >> 24);
            data[9] = (byte) (serial >> 16);
            data[10] = (byte) (serial >> 8);
            data[11] = (byte) serial;
        } else {
            data[8] = (byte) serial;
            data[9] = (byte) (serial >> 8);
            data[10] = (byte) (serial >> 16);
            data[11] = (byte) (serial >> 24);
        }
        this.serial = serial;
    }

    /** The PATH field, or null. */
    public ObjectPath path() {
        return path;
    }

    /** The INTERFACE field, or null. */
    public InterfaceName interfaceName() {
        return interfaceName;
    }

    /** The MEMBER field, or null. */
    public MemberName member() {
        return member;
    }

    /** The ERROR_NAME field, or null. */
    public ErrorName errorName() {
        return errorName;
    }

    /** The REPLY_SERIAL field (unsigned), or 0 when absent. */
    public int replySerial() {
        return replySerial;
    }

    /** The DESTINATION field, or null. */
    public BusName destination() {
        return destination;
    }

    /** The SENDER field, or null. */
    public BusName sender() {
        return sender;
    }

    /** The body signature; empty when the SIGNATURE field is absent. */
    public Signature signature() {
        return signature;
    }

    /** The UNIX_FDS field, or 0. */
    public int unixFds() {
        return unixFds;
    }

    /** The byte order of the header and body. */
    public ByteOrder byteOrder() {
        return order;
    }

    /** The encoded length in bytes. */
    public int length() {
        return length;
    }

    /** The length of the body in bytes. */
    public int bodyLength() {
        return length - bodyOffset;
    }

    /** The offset of the body from the start of the message (a multiple of 8). */
    public int bodyOffset() {
        return bodyOffset;
    }

    /** A reader positioned at the start of the body, for typed decoding. */
    public WireReader bodyReader() {
        return new WireReader(data, bodyOffset, length - bodyOffset, order, bodyOffset);
    }

    /** The body decoded into generic values, one per type of the signature. */
    public List<Object> body() throws DBusProtocolException {
        WireReader r = bodyReader();
        List<Object> values = r.readValues(signature);
        if (!r.atEnd()) {
            throw new DBusProtocolException("body has " + r.remaining() + " bytes beyond its signature", r.position());
        }
        return values;
    }

    /**
     * The encoded message. The array may be longer than {@link #length()}; bytes
     * {@code [0, length())} are the message. Not a copy: do not modify.
     */
    public byte[] encodedBuffer() {
        return data;
    }

    /** A copy of the encoded message. */
    public byte[] toByteArray() {
        return java.util.Arrays.copyOf(data, length);
    }

    /** The error message of an ERROR whose first argument is a string, or null. */
    public String errorMessage() {
        if (typeCode != MessageType.ERROR.code() || signature.isEmpty() || signature.value().charAt(0) != 's') {
            return null;
        }
        try {
            return bodyReader().readString();
        } catch (DBusProtocolException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(type().name()).append('[');
        b.append("serial=").append(Integer.toUnsignedString(serial));
        if (replySerial != 0) {
            b.append(", replySerial=").append(Integer.toUnsignedString(replySerial));
        }
        if (sender != null) {
            b.append(", sender=").append(sender);
        }
        if (destination != null) {
            b.append(", destination=").append(destination);
        }
        if (path != null) {
            b.append(", path=").append(path);
        }
        if (interfaceName != null) {
            b.append(", interface=").append(interfaceName);
        }
        if (member != null) {
            b.append(", member=").append(member);
        }
        if (errorName != null) {
            b.append(", error=").append(errorName);
        }
        if (!signature.isEmpty()) {
            b.append(", signature=").append(signature);
        }
        if (flags != 0) {
            b.append(", flags=0x").append(Integer.toHexString(flags));
        }
        return b.append(']').toString();
    }
}

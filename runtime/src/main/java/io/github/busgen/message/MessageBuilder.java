package io.github.busgen.message;

import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.WireWriter;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Builds and encodes one message. Set the header fields, then either {@link #build()} a message
 * with no body, {@link #body(Signature, Object...)} with generic values, or
 * {@link #beginBody(Signature)} to write the body value by value and {@link #build()}.
 *
 * <p>The header is encoded as the specification draws it ("Message Format"), little-endian unless
 * {@link #byteOrder(ByteOrder)} says otherwise:
 * <pre>
 *  0      1      2      3      4             8             12
 * +------+------+------+------+-------------+-------------+----------------------------+-----+------+
 * |'l'/'B'| type | flags| 1    | body length | serial      | a(yv) header fields        | pad | body |
 * +------+------+------+------+-------------+-------------+----------------------------+-----+------+
 *                              uint32        uint32        uint32 length, then per field: pad to 8,
 *                                                          code byte, variant (signature + value)
 * </pre>
 * The body starts at the next multiple of 8 after the fields. The required fields of each type are
 * checked when the header is written: PATH and MEMBER for calls, REPLY_SERIAL for replies,
 * ERROR_NAME and REPLY_SERIAL for errors, PATH, INTERFACE and MEMBER for signals. A builder builds
 * one message.
 */
public final class MessageBuilder {
    private final MessageType type;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private int flags;
    private int serial;
    private ObjectPath path;
    private InterfaceName interfaceName;
    private MemberName member;
    private ErrorName errorName;
    private int replySerial;
    private BusName destination;
    private BusName sender;
    private int unixFds;
    private Signature signature = Signature.EMPTY;
    private WireWriter writer;
    private int bodyStart;
    private boolean built;

    MessageBuilder(MessageType type) {
        if (type == MessageType.UNKNOWN) {
            throw new IllegalArgumentException("cannot build a message of unknown type");
        }
        this.type = type;
    }

    private void checkOpen() {
        if (writer != null || built) {
            throw new IllegalStateException("the header is already written: set fields before the body");
        }
    }

    /** The byte order of header and body; little-endian by default. */
    public MessageBuilder byteOrder(ByteOrder order) {
        checkOpen();
        this.order = order;
        return this;
    }

    /** Sets the flag bits (see {@link Flags}). */
    public MessageBuilder flags(int flags) {
        checkOpen();
        if ((flags & ~0xFF) != 0) {
            throw new IllegalArgumentException("flags are one byte: 0x" + Integer.toHexString(flags));
        }
        this.flags = flags;
        return this;
    }

    /** Sets or clears {@link Flags#NO_REPLY_EXPECTED}. */
    public MessageBuilder noReplyExpected(boolean on) {
        return flags(on ? flags | Flags.NO_REPLY_EXPECTED : flags & ~Flags.NO_REPLY_EXPECTED);
    }

    /** Sets or clears {@link Flags#NO_AUTO_START}. */
    public MessageBuilder noAutoStart(boolean on) {
        return flags(on ? flags | Flags.NO_AUTO_START : flags & ~Flags.NO_AUTO_START);
    }

    /** Sets or clears {@link Flags#ALLOW_INTERACTIVE_AUTHORIZATION}. */
    public MessageBuilder allowInteractiveAuthorization(boolean on) {
        return flags(on ? flags | Flags.ALLOW_INTERACTIVE_AUTHORIZATION : flags & ~Flags.ALLOW_INTERACTIVE_AUTHORIZATION);
    }

    /** Sets the serial now; connections normally assign it when sending. */
    public MessageBuilder serial(int serial) {
        checkOpen();
        this.serial = serial;
        return this;
    }

    /** The PATH field. */
    public MessageBuilder path(ObjectPath path) {
        checkOpen();
        this.path = path;
        return this;
    }

    /** The INTERFACE field. */
    public MessageBuilder interfaceName(InterfaceName interfaceName) {
        checkOpen();
        this.interfaceName = interfaceName;
        return this;
    }

    /** The MEMBER field. */
    public MessageBuilder member(MemberName member) {
        checkOpen();
        this.member = member;
        return this;
    }

    /** The ERROR_NAME field. */
    public MessageBuilder errorName(ErrorName errorName) {
        checkOpen();
        this.errorName = errorName;
        return this;
    }

    /** The REPLY_SERIAL field (non-zero). */
    public MessageBuilder replySerial(int replySerial) {
        checkOpen();
        this.replySerial = replySerial;
        return this;
    }

    /** The DESTINATION field. */
    public MessageBuilder destination(BusName destination) {
        checkOpen();
        this.destination = destination;
        return this;
    }

    /** The SENDER field; on a bus the daemon sets it. */
    public MessageBuilder sender(BusName sender) {
        checkOpen();
        this.sender = sender;
        return this;
    }

    /** The UNIX_FDS field. */
    public MessageBuilder unixFds(int count) {
        checkOpen();
        this.unixFds = count;
        return this;
    }

    /**
     * Writes the header for a body of {@code signature} and returns the writer positioned at the
     * start of the body. Write exactly the values of the signature, then call {@link #build()}.
     */
    public WireWriter beginBody(Signature signature) {
        checkOpen();
        this.signature = signature;
        writeHeader(32 + 8 * signature.value().length()); // a first guess; the buffer grows as needed
        return writer;
    }

    /** Builds the message with a body of generic values (see {@link io.github.busgen.wire.Variant}). */
    public Message body(Signature signature, Object... values) {
        return body(signature, Arrays.asList(values));
    }

    /** Builds the message with a body of generic values. */
    public Message body(Signature signature, List<?> values) {
        beginBody(signature).writeValues(signature, values);
        return build();
    }

    /** Finishes the message: with the body written so far, or an empty body. */
    public Message build() {
        if (built) {
            throw new IllegalStateException("this builder has already built its message");
        }
        if (writer == null) {
            writeHeader(0);
        }
        built = true;
        int length = writer.size();
        if (length > WireWriter.MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message of " + length + " bytes exceeds the D-Bus limit of "
                    + WireWriter.MAX_MESSAGE_LENGTH + " bytes (128 MiB)");
        }
        writer.patchInt32(4, length - bodyStart);
        return new Message(writer.buffer(), length, order, type.code(), flags, serial, path, interfaceName,
                member, errorName, replySerial, destination, sender, signature, unixFds, bodyStart);
    }

    private void writeHeader(int bodyHint) {
        checkRequired();
        int headerLength = headerLength();
        writer = new WireWriter(order, 0, headerLength + bodyHint);
        writer.writeByte((byte) (order == ByteOrder.BIG_ENDIAN ? 'B' : 'l'));
        writer.writeByte((byte) type.code());
        writer.writeByte((byte) flags);
        writer.writeByte((byte) 1); // major protocol version
        writer.writeInt32(0); // body length, patched by build()
        writer.writeInt32(serial);
        long fields = writer.beginArray(8);
        if (path != null) {
            field(HeaderField.PATH);
            writer.writeObjectPath(path);
        }
        if (interfaceName != null) {
            field(HeaderField.INTERFACE);
            writer.writeString(interfaceName.value());
        }
        if (member != null) {
            field(HeaderField.MEMBER);
            writer.writeString(member.value());
        }
        if (errorName != null) {
            field(HeaderField.ERROR_NAME);
            writer.writeString(errorName.value());
        }
        if (replySerial != 0) {
            field(HeaderField.REPLY_SERIAL);
            writer.writeInt32(replySerial);
        }
        if (destination != null) {
            field(HeaderField.DESTINATION);
            writer.writeString(destination.value());
        }
        if (sender != null) {
            field(HeaderField.SENDER);
            writer.writeString(sender.value());
        }
        if (!signature.isEmpty()) {
            field(HeaderField.SIGNATURE);
            writer.writeSignature(signature);
        }
        if (unixFds != 0) {
            field(HeaderField.UNIX_FDS);
            writer.writeInt32(unixFds);
        }
        writer.endArray(fields);
        writer.align(8);
        bodyStart = writer.size();
        assert bodyStart == headerLength : "header of " + bodyStart + " bytes, computed " + headerLength;
    }

    /**
     * The exact length of the header writeHeader writes, padding to the body included: each field
     * starts at a multiple of 8 with its code and one-character signature (4 bytes), then its value;
     * names are ASCII, so their length in bytes is their length in chars.
     */
    private int headerLength() {
        int n = 16;
        if (path != null) {
            n = stringField(n, path.value().length());
        }
        if (interfaceName != null) {
            n = stringField(n, interfaceName.value().length());
        }
        if (member != null) {
            n = stringField(n, member.value().length());
        }
        if (errorName != null) {
            n = stringField(n, errorName.value().length());
        }
        if (replySerial != 0) {
            n = align8(n) + 8;
        }
        if (destination != null) {
            n = stringField(n, destination.value().length());
        }
        if (sender != null) {
            n = stringField(n, sender.value().length());
        }
        if (!signature.isEmpty()) {
            n = align8(n) + 4 + signature.value().length() + 2;
        }
        if (unixFds != 0) {
            n = align8(n) + 8;
        }
        return align8(n);
    }

    private static int stringField(int at, int length) {
        return align8(at) + 4 + 4 + length + 1;
    }

    private static int align8(int n) {
        return (n + 7) & ~7;
    }

    private static final Signature[] FIELD_SIGNATURES = new Signature[128];

    static {
        for (char c : "osug".toCharArray()) {
            FIELD_SIGNATURES[c] = Signature.of(String.valueOf(c));
        }
    }

    /** Writes the start of one header field struct: padding, code, and the variant's signature. */
    private void field(HeaderField f) {
        writer.beginStruct();
        writer.writeByte((byte) f.code());
        writer.writeSignature(FIELD_SIGNATURES[f.type()]);
    }

    private void checkRequired() {
        switch (type) {
            case METHOD_CALL:
                require(path != null, "PATH");
                require(member != null, "MEMBER");
                break;
            case METHOD_RETURN:
                require(replySerial != 0, "REPLY_SERIAL");
                break;
            case ERROR:
                require(errorName != null, "ERROR_NAME");
                require(replySerial != 0, "REPLY_SERIAL");
                break;
            case SIGNAL:
                require(path != null, "PATH");
                require(interfaceName != null, "INTERFACE");
                require(member != null, "MEMBER");
                break;
            default:
                break;
        }
    }

    private void require(boolean present, String field) {
        if (!present) {
            throw new IllegalStateException("a " + type + " message requires the header field " + field);
        }
    }
}

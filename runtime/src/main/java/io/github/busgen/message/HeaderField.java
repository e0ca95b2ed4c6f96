package io.github.busgen.message;

/**
 * The header fields of a message, by code, with the D-Bus type each must have (specification,
 * "Header Fields"). Codes not listed here are unknown: they must be well-formed and are ignored.
 */
public enum HeaderField {
    /** 1, {@code o}: the object a call goes to or a signal comes from. */
    PATH(1, 'o'),
    /** 2, {@code s}: the interface. */
    INTERFACE(2, 's'),
    /** 3, {@code s}: the method or signal name. */
    MEMBER(3, 's'),
    /** 4, {@code s}: the name of an error. */
    ERROR_NAME(4, 's'),
    /** 5, {@code u}: the serial of the message this one replies to. */
    REPLY_SERIAL(5, 'u'),
    /** 6, {@code s}: the connection the message is for. */
    DESTINATION(6, 's'),
    /** 7, {@code s}: the unique name of the sender (set by the bus). */
    SENDER(7, 's'),
    /** 8, {@code g}: the signature of the body. */
    SIGNATURE(8, 'g'),
    /** 9, {@code u}: the number of unix fds accompanying the message. */
    UNIX_FDS(9, 'u');

    private final int code;
    private final char type;

    HeaderField(int code, char type) {
        this.code = code;
        this.type = type;
    }

    /** The field code on the wire. */
    public int code() {
        return code;
    }

    /** The type code the field's variant must hold. */
    public char type() {
        return type;
    }

    private static final HeaderField[] BY_CODE = new HeaderField[10];

    static {
        for (HeaderField f : values()) {
            BY_CODE[f.code] = f;
        }
    }

    /** The field with this code, or null if the code is unknown (or 0, which is invalid). */
    public static HeaderField fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}

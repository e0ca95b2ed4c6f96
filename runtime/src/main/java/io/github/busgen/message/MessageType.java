package io.github.busgen.message;

/**
 * The type of a message, the second byte of its header (specification, "Message Format").
 * Types the specification does not define decode as {@link #UNKNOWN}; receivers ignore them.
 */
public enum MessageType {
    /** 1: a method call, which may prompt a reply. */
    METHOD_CALL(1),
    /** 2: a method reply with returned data. */
    METHOD_RETURN(2),
    /** 3: an error reply. */
    ERROR(3),
    /** 4: a signal emission. */
    SIGNAL(4),
    /** Any other non-zero code: well-formed but to be ignored. */
    UNKNOWN(-1);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The code on the wire, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The type for a wire code; {@link #UNKNOWN} for codes the specification does not define. */
    public static MessageType fromCode(int code) {
        switch (code) {
            case 1: return METHOD_CALL;
            case 2: return METHOD_RETURN;
            case 3: return ERROR;
            case 4: return SIGNAL;
            default: return UNKNOWN;
        }
    }
}

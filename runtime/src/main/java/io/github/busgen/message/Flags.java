package io.github.busgen.message;

/**
 * The flag bits of a message header's third byte (specification, "Message Format"). Unknown bits
 * are kept as received and otherwise ignored.
 */
public final class Flags {
    /** 0x1: the sender expects no reply; the receiver must not send one. */
    public static final int NO_REPLY_EXPECTED = 0x1;
    /** 0x2: the bus must not start a service to receive this message. */
    public static final int NO_AUTO_START = 0x2;
    /** 0x4: the caller is prepared to wait for interactive authorization. */
    public static final int ALLOW_INTERACTIVE_AUTHORIZATION = 0x4;

    private Flags() {
    }
}

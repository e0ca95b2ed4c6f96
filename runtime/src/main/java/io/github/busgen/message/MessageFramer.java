package io.github.busgen.message;

import io.github.busgen.wire.DBusProtocolException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;

/**
 * Reads one message at a time from a byte channel. Holds no connection state: it only cuts the
 * stream into messages and decodes them.
 *
 * <p>Reads go into a 64 KiB buffer so that small messages arriving together cost one system call.
 * Each message's length comes from its 16-byte fixed header and is checked against the limits
 * (128 MiB per message, 64 MiB for the header field array) by
 * {@link MessageDecoder#frameLength} before any array of that size is allocated. Not thread-safe:
 * one reader thread per channel.
 */
public final class MessageFramer {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final ReadableByteChannel channel;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private final ByteBuffer bb = ByteBuffer.wrap(buf);
    private int start; // first unread byte in buf
    private int end;   // one past the last byte read into buf

    /** A framer over {@code channel}. */
    public MessageFramer(ReadableByteChannel channel) {
        this(channel, null);
    }

    /**
     * A framer over {@code channel} whose stream begins with {@code leftover}: bytes already read,
     * for example past the end of authentication.
     */
    public MessageFramer(ReadableByteChannel channel, byte[] leftover) {
        this.channel = channel;
        if (leftover != null && leftover.length > 0) {
            if (leftover.length > BUFFER_SIZE) {
                throw new IllegalArgumentException("leftover larger than the buffer");
            }
            System.arraycopy(leftover, 0, buf, 0, leftover.length);
            end = leftover.length;
        }
    }

    /**
     * Reads the next message.
     *
     * @return the message, or null when the stream ends cleanly between messages
     * @throws EOFException          when the stream ends inside a message
     * @throws DBusProtocolException when the bytes are not a valid message
     */
    public Message read() throws IOException, DBusProtocolException {
        if (!fill(MessageDecoder.FIXED_HEADER_LENGTH)) {
            if (start == end) {
                return null;
            }
            throw new EOFException("stream ended after " + (end - start) + " bytes of a message header");
        }
        int total = MessageDecoder.frameLength(buf, start);
        byte[] message;
        if (total <= BUFFER_SIZE) {
            if (!fill(total)) {
                throw new EOFException("stream ended inside a message of " + total + " bytes");
            }
            message = Arrays.copyOfRange(buf, start, start + total);
            start += total;
        } else {
            // larger than the buffer: read the rest straight into the message's own array
            message = new byte[total];
            int have = end - start;
            System.arraycopy(buf, start, message, 0, have);
            start = end = 0;
            ByteBuffer rest = ByteBuffer.wrap(message, have, total - have);
            while (rest.hasRemaining()) {
                if (channel.read(rest) < 0) {
                    throw new EOFException("stream ended inside a message of " + total + " bytes");
                }
            }
        }
        return MessageDecoder.decode(message, total);
    }

    /** Makes {@code n} bytes available from {@code start}; false if the stream ends first. */
    private boolean fill(int n) throws IOException {
        if (end - start >= n) {
            return true;
        }
        if (start + n > BUFFER_SIZE) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end - start < n) {
            bb.limit(BUFFER_SIZE).position(end);
            int r = channel.read(bb);
            if (r < 0) {
                return false;
            }
            end += r;
        }
        return true;
    }
}

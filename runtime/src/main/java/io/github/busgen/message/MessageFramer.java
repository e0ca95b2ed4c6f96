package io.github.busgen.message;

import io.github.busgen.wire.DBusProtocolException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Cuts a byte stream into messages. Holds no connection state: it only buffers bytes, cuts them
 * into messages and decodes them.
 *
 * <p>Two ways to use it: {@link #read()} on a blocking channel reads until it has a whole message;
 * on a non-blocking channel, {@link #fill()} reads what the socket has now and {@link #next()}
 * hands out each message that is complete, so the caller decides when to wait.
 *
 * <p>Reads go into a 64 KiB direct buffer, so small messages arriving together cost one system
 * call and no read passes through the JDK's temporary per-thread buffers. Each message is copied
 * once, from that buffer into its own array. Each message's length comes from its 16-byte fixed
 * header and is checked against the limits (128 MiB per message, 64 MiB for the header field
 * array) by {@link MessageDecoder#frameLength} before any array of that size is allocated; a
 * message larger than the buffer is assembled in its own array as its bytes arrive. Not
 * thread-safe: one reading thread at a time, with a happens-before edge between successive ones.
 */
public final class MessageFramer {
    private static final int BUFFER_SIZE = 64 * 1024;

    private final ReadableByteChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private final byte[] head = new byte[MessageDecoder.FIXED_HEADER_LENGTH];
    private final MessageDecoder.Names names = new MessageDecoder.Names();
    private int start; // first unread byte in buf
    private int end;   // one past the last byte read into buf
    private byte[] large; // a message larger than the buffer being assembled, or null
    private int largeHave; // bytes of it so far
    private boolean eof;

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
            buf.put(0, leftover);
            end = leftover.length;
        }
    }

    /**
     * Reads the next message from a blocking channel.
     *
     * @return the message, or null when the stream ends cleanly between messages
     * @throws EOFException          when the stream ends inside a message
     * @throws DBusProtocolException when the bytes are not a valid message
     */
    public Message read() throws IOException, DBusProtocolException {
        while (true) {
            Message m = next();
            if (m != null) {
                return m;
            }
            if (fill() < 0) {
                checkCleanEnd();
                return null;
            }
        }
    }

    /**
     * The next message whose bytes have all been read, or null when the bytes buffered so far do not
     * complete one. Reads nothing from the channel.
     *
     * @throws DBusProtocolException when the bytes are not a valid message
     */
    public Message next() throws DBusProtocolException {
        if (large != null) {
            int n = Math.min(end - start, large.length - largeHave);
            buf.get(start, large, largeHave, n);
            start += n;
            largeHave += n;
            if (largeHave < large.length) {
                return null;
            }
            byte[] m = large;
            large = null;
            return MessageDecoder.decode(m, m.length, names);
        }
        int have = end - start;
        if (have < MessageDecoder.FIXED_HEADER_LENGTH) {
            return null;
        }
        buf.get(start, head, 0, MessageDecoder.FIXED_HEADER_LENGTH);
        int total = MessageDecoder.frameLength(head, 0);
        if (have >= total) {
            byte[] m = new byte[total];
            buf.get(start, m, 0, total);
            start += total;
            return MessageDecoder.decode(m, total, names);
        }
        if (total > BUFFER_SIZE) {
            // larger than the buffer: assemble it in its own array as its bytes come
            large = new byte[total];
            buf.get(start, large, 0, have);
            largeHave = have;
            start = end = 0;
        }
        return null;
    }

    /**
     * Reads what the channel has now into the buffer (on a non-blocking channel this does not
     * wait; on a blocking one it waits for at least one byte).
     *
     * @return the number of bytes read, or -1 at the end of the stream
     */
    public int fill() throws IOException {
        if (eof) {
            return -1;
        }
        if (start == end) {
            start = end = 0;
        } else if (end == BUFFER_SIZE || (large == null && start + pendingLength() > BUFFER_SIZE)) {
            // move the unread bytes to the front, so the message they begin fits behind them
            buf.limit(end).position(start);
            buf.compact();
            end -= start;
            start = 0;
        }
        buf.limit(BUFFER_SIZE).position(end);
        int r = channel.read(buf);
        if (r < 0) {
            eof = true;
            return -1;
        }
        end += r;
        return r;
    }

    /** The length of the message the unread bytes begin, as far as is known (at least the fixed header). */
    private int pendingLength() {
        if (end - start < MessageDecoder.FIXED_HEADER_LENGTH) {
            return MessageDecoder.FIXED_HEADER_LENGTH;
        }
        buf.get(start, head, 0, MessageDecoder.FIXED_HEADER_LENGTH);
        try {
            return Math.min(MessageDecoder.frameLength(head, 0), BUFFER_SIZE);
        } catch (DBusProtocolException e) {
            return MessageDecoder.FIXED_HEADER_LENGTH; // next() reports it
        }
    }

    /** Whether bytes of a message that is not complete yet have been read. */
    public boolean hasPartialMessage() {
        return large != null || start != end;
    }

    /**
     * After the end of the stream: throws when it ended inside a message.
     *
     * @throws EOFException when bytes of an incomplete message were read
     */
    public void checkCleanEnd() throws EOFException {
        if (large != null) {
            throw new EOFException("stream ended inside a message of " + large.length + " bytes");
        }
        int have = end - start;
        if (have == 0) {
            return;
        }
        if (have < MessageDecoder.FIXED_HEADER_LENGTH) {
            throw new EOFException("stream ended after " + have + " bytes of a message header");
        }
        buf.get(start, head, 0, MessageDecoder.FIXED_HEADER_LENGTH);
        int total;
        try {
            total = MessageDecoder.frameLength(head, 0);
        } catch (DBusProtocolException e) {
            total = have + 1;
        }
        throw new EOFException("stream ended inside a message of " + total + " bytes");
    }
}

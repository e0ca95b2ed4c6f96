package io.github.busgen.testing;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A channel over fixed bytes that hands out at most {@code chunk} bytes per read, as a socket
 * might, then reports end of stream. Counts the bytes handed out.
 */
public final class ChunkedChannel implements ReadableByteChannel {
    private final byte[] data;
    private final int chunk;
    private int pos;
    private boolean open = true;

    public ChunkedChannel(byte[] data, int chunk) {
        this.data = data;
        this.chunk = chunk;
    }

    @Override
    public int read(ByteBuffer dst) {
        if (pos == data.length) {
            return -1;
        }
        int n = Math.min(Math.min(chunk, dst.remaining()), data.length - pos);
        dst.put(data, pos, n);
        pos += n;
        return n;
    }

    /** How many bytes the reader has taken. */
    public int consumed() {
        return pos;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}

package io.github.busgen.wire;

/**
 * A value of the D-Bus type {@code h} (UNIX_FD): on the wire, an index into the array of file
 * descriptors that travels out of band beside the message.
 *
 * <p>The JDK's unix-domain socket channels cannot send or receive file descriptors (SCM_RIGHTS)
 * without native code, which busgen does not use; connections therefore never negotiate fd passing
 * with a daemon, and a {@code UnixFd} carries only the index. {@link #close()} exists so that code
 * written against this type already handles ownership the way a future fd-passing transport will
 * need.
 */
public final class UnixFd implements AutoCloseable {
    private final int index;

    private UnixFd(int index) {
        this.index = index;
    }

    /** The fd at {@code index} in a message's fd array (an unsigned 32-bit value held in an int). */
    public static UnixFd ofIndex(int index) {
        return new UnixFd(index);
    }

    /** The index into the message's fd array, unsigned. */
    public int index() {
        return index;
    }

    /** Releases the descriptor; a no-op while fds are index-only. */
    @Override
    public void close() {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnixFd && ((UnixFd) o).index == index;
    }

    @Override
    public int hashCode() {
        return index;
    }

    @Override
    public String toString() {
        return "UnixFd[" + Integer.toUnsignedString(index) + "]";
    }
}

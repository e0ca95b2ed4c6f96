package io.github.busgen.auth;

import io.github.busgen.internal.LazyLogger;
import io.github.busgen.transport.Guids;
import io.github.busgen.transport.Transport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs authentication over a socket channel, blocking until it is done: the drivers of
 * {@link SaslClient} and {@link SaslServer}.
 *
 * <p>The client sends the single NUL byte the protocol begins with, then its lines; the server
 * requires that NUL byte first (specification, "Special credentials-passing nul byte"). Lines are
 * at most 16 KiB. The server disconnects after {@link ServerAuthOptions#maxFailures()} rejections.
 *
 * <p>Time limit: {@code SocketChannel} ignores socket read timeouts, so the whole conversation runs
 * with the channel in non-blocking mode under a {@link Selector}, each wait bounded by one deadline
 * ({@code timeout} from the options, counted from the start). At the end the selector is closed
 * (which deregisters the channel) and the channel is switched back to blocking mode. No extra
 * thread, and the channel is never closed from another thread.
 *
 * <p>On success the channel is open, blocking, and positioned at the message stream; bytes already
 * read past the last line are in {@link AuthResult#leftover()}. On any failure the channel is
 * closed (the protocol wants a disconnect, and half a conversation cannot be resumed) and an
 * {@link AuthenticationException} (or the I/O error) is thrown.
 *
 * <p>Lock rule: no shared state. Each call owns its channel, selector and state machine on the
 * calling thread until it returns; nobody else may use the channel meanwhile.
 */
public final class Authenticator {
    private static final System.Logger LOG = new LazyLogger(Authenticator.class.getName());
    private static final int READ_CHUNK = 4096;

    private Authenticator() {
    }

    /**
     * Authenticates as a client over {@code transport} and checks the server's GUID against the
     * address's {@code guid=}, if it has one.
     *
     * @throws AuthenticationException                    when authentication fails or times out
     * @throws io.github.busgen.transport.GuidMismatchException when the server is not the one the address names
     */
    public static AuthResult client(Transport transport, ClientAuthOptions options) throws IOException {
        AuthResult result = client(transport.channel(), transport.isUnixSocket(), transport.canPassFileDescriptors(), options);
        try {
            Guids.checkServerGuid(transport.entry(), result.serverGuid());
        } catch (IOException e) {
            transport.channel().close();
            throw e;
        }
        return result;
    }

    /**
     * Authenticates as a client over a connected channel.
     *
     * @param unixSocket         whether it is a unix socket (EXTERNAL is only tried on one)
     * @param transportPassesFds whether it can carry file descriptors (never, for JDK channels)
     * @throws AuthenticationException when authentication fails or times out
     */
    public static AuthResult client(SocketChannel channel, boolean unixSocket, boolean transportPassesFds,
                                    ClientAuthOptions options) throws IOException {
        SaslClient sasl = new SaslClient(options, unixSocket, transportPassesFds);
        List<String> first = sasl.start();
        if (sasl.state() == SaslState.NEED_DISCONNECT) {
            closeQuietly(channel);
            throw new AuthenticationException(sasl.failure().orElseThrow());
        }
        return converse(channel, options.timeout(), sasl, first, "the server");
    }

    /**
     * Authenticates a client as the server side over an accepted channel. On a unix socket the
     * peer's uid comes from SO_PEERCRED, read only if EXTERNAL asks for it.
     *
     * @throws AuthenticationException when the client fails, misbehaves or runs out of time
     */
    public static AuthResult server(SocketChannel channel, ServerAuthOptions options) throws IOException {
        SaslServer sasl = new SaslServer(options, () -> UnixIds.peerUid(channel), false);
        return converse(channel, options.timeout(), sasl, null, "the client");
    }

    /**
     * The conversation loop of either side: the client opens with the NUL byte and its first
     * lines ({@code opening} not null), the server first requires the NUL byte. Then each line
     * from the peer goes to the machine and its answer goes back, until it is done.
     */
    private static AuthResult converse(SocketChannel channel, Duration timeout, SaslMachine sasl, List<String> opening,
                                       String peer) throws IOException {
        try (Conversation io = new Conversation(channel, timeout)) {
            if (opening != null) {
                io.write(new byte[] {0}, opening);
            } else {
                io.requireNul();
            }
            while (sasl.state() == SaslState.WAITING_FOR_INPUT) {
                io.write(null, sasl.receive(io.readLine(peer)));
            }
            if (sasl.state() == SaslState.NEED_DISCONNECT) {
                throw new AuthenticationException(sasl.failure().orElseThrow());
            }
            return sasl.result(io.lines.drain());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing after failed authentication: {0}", e.toString());
        }
    }

    /**
     * The channel in non-blocking mode under a selector, every wait bounded by one deadline.
     * Closing it closes the selector and puts the channel back into blocking mode.
     */
    private static final class Conversation implements AutoCloseable {
        private final SocketChannel channel;
        private final Duration timeout;
        private final long deadline;
        private final Selector selector;
        private final SelectionKey key;
        private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_CHUNK);
        final LineBuffer lines = new LineBuffer(LineBuffer.DEFAULT_MAX_LINE_LENGTH);

        Conversation(SocketChannel channel, Duration timeout) throws IOException {
            this.channel = channel;
            this.timeout = timeout;
            this.deadline = System.nanoTime() + timeout.toNanos();
            channel.configureBlocking(false);
            this.selector = Selector.open();
            this.key = channel.register(selector, 0);
        }

        /** Reads the first byte, which must be the NUL byte; what follows it stays buffered. */
        void requireNul() throws IOException {
            while (lines.buffered() == 0) {
                fill("the client's NUL byte");
            }
            byte[] all = lines.drain();
            if (all[0] != 0) {
                throw new AuthenticationException(String.format("the client did not start with the NUL byte "
                        + "(first byte 0x%02x); it is not speaking the D-Bus protocol", all[0] & 0xFF));
            }
            lines.append(all, 1, all.length - 1);
        }

        /** The next line from the peer, reading as needed. */
        String readLine(String peer) throws IOException {
            String line;
            while ((line = lines.nextLine()) == null) {
                fill("a line from " + peer);
            }
            LOG.log(System.Logger.Level.TRACE, "received: {0}", line);
            return line;
        }

        private void fill(String what) throws IOException {
            readBuffer.clear();
            int n;
            while ((n = channel.read(readBuffer)) == 0) {
                await(SelectionKey.OP_READ, what);
            }
            if (n < 0) {
                throw new AuthenticationException("the peer closed the connection during authentication (while waiting for "
                        + what + ")", new EOFException());
            }
            lines.append(readBuffer.array(), 0, n);
        }

        /** Writes {@code prefix} (if any) and each line followed by \r\n. */
        void write(byte[] prefix, List<String> out) throws IOException {
            if (out.isEmpty() && prefix == null) {
                return;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (prefix != null) {
                bytes.writeBytes(prefix);
            }
            for (String l : out) {
                LOG.log(System.Logger.Level.TRACE, "sending: {0}", l);
                bytes.writeBytes(l.getBytes(StandardCharsets.US_ASCII));
                bytes.writeBytes(new byte[] {'\r', '\n'});
            }
            ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
            while (b.hasRemaining()) {
                if (channel.write(b) == 0) {
                    await(SelectionKey.OP_WRITE, "room to send a line");
                }
            }
        }

        private void await(int op, String what) throws IOException {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AuthenticationException("authentication did not finish within " + timeout.toMillis()
                        + " ms (still waiting for " + what + ")");
            }
            key.interestOps(op);
            // select(0) would wait forever: round up to at least 1 ms
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            selector.selectedKeys().clear();
        }

        @Override
        public void close() throws IOException {
            selector.close(); // deregisters the channel, so that it may block again
            if (channel.isOpen()) {
                channel.configureBlocking(true);
            }
        }
    }
}

package io.github.busgen.connection;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Two connections joined by a real unix socket, with no daemon and no authentication: enough to
 * test the connection logic itself (calls, errors, timeouts, dispatch) peer to peer.
 */
final class PeerPair implements AutoCloseable {
    final Connection client;
    final Connection server;
    private final Path dir;

    private PeerPair(Connection client, Connection server, Path dir) {
        this.client = client;
        this.server = server;
        this.dir = dir;
    }

    static PeerPair open() throws IOException {
        return open(Duration.ofSeconds(25));
    }

    static PeerPair open(Duration defaultTimeout) throws IOException {
        return open(defaultTimeout, null, null);
    }

    /** A pair whose sides run callbacks on the given executors (null: the connection's own threads). */
    static PeerPair open(Duration defaultTimeout, Executor clientExecutor, Executor serverExecutor) throws IOException {
        Path dir = Files.createTempDirectory("busgen-peer");
        Path socket = dir.resolve("s");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            SocketChannel s = listener.accept();
            Connection client = new Connection(c, null, false, defaultTimeout, clientExecutor);
            Connection server = new Connection(s, null, false, defaultTimeout, serverExecutor);
            client.start();
            server.start();
            return new PeerPair(client, server, dir);
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
        Files.deleteIfExists(dir);
    }
}

package io.github.busgen.connection;

import io.github.busgen.auth.AuthResult;
import io.github.busgen.auth.Authenticator;
import io.github.busgen.auth.ServerAuthOptions;
import io.github.busgen.internal.LazyLogger;
import io.github.busgen.transport.TransportListener;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A server for peer-to-peer D-Bus: listens on an address, authenticates each client (SASL server
 * side) and hands each as a {@link Connection} to a callback, with no daemon in between. Clients
 * connect with {@link Connection#openPeer(String)} to {@link #address()}.
 *
 * <p>Threads: one accept thread; each client authenticates on a short-lived thread of its own, so a
 * slow or hostile client cannot hold up the others (authentication has its own deadline).
 *
 * <p>Lock rule: no locks; the connections made are kept in a copy-on-write list so that
 * {@link #close()} can close them.
 */
public final class PeerServer implements AutoCloseable {
    private static final System.Logger LOG = new LazyLogger(PeerServer.class.getName());

    private final TransportListener listener;
    private final ServerAuthOptions auth;
    private final Consumer<Connection> onConnection;
    private final Duration defaultTimeout;
    private final CopyOnWriteArrayList<Connection> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private PeerServer(TransportListener listener, ServerAuthOptions auth, Duration defaultTimeout,
                       Consumer<Connection> onConnection) {
        this.listener = listener;
        this.auth = auth.withGuid(listener.guid());
        this.defaultTimeout = defaultTimeout;
        this.onConnection = onConnection;
        this.acceptor = new Thread(this::acceptLoop, "busgen-peer-server");
        this.acceptor.setDaemon(true);
    }

    /**
     * Listens on {@code address} ({@code unix:path=}, {@code unix:dir=}, {@code unix:tmpdir=} or
     * {@code tcp:}) with the default authentication (EXTERNAL for the same user, then
     * DBUS_COOKIE_SHA1) and calls {@code onConnection} with each authenticated client.
     */
    public static PeerServer listen(String address, Consumer<Connection> onConnection) throws IOException {
        return listen(address, ServerAuthOptions.defaults(), onConnection);
    }

    /** Listens with explicit authentication settings. */
    public static PeerServer listen(String address, ServerAuthOptions auth, Consumer<Connection> onConnection)
            throws IOException {
        PeerServer s = new PeerServer(TransportListener.listen(address), auth, Connection.DEFAULT_TIMEOUT, onConnection);
        s.acceptor.start();
        return s;
    }

    /** The address clients connect to, with the server's {@code guid}. */
    public String address() {
        return listener.address().toString();
    }

    /** The connections accepted so far and still open. */
    public List<Connection> connections() {
        connections.removeIf(c -> !c.isOpen());
        return List.copyOf(connections);
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "accepting a peer failed", e);
                }
                return;
            }
            Thread t = new Thread(() -> authenticate(ch), "busgen-peer-auth");
            t.setDaemon(true);
            t.start();
        }
    }

    private void authenticate(SocketChannel ch) {
        try {
            AuthResult r = Authenticator.server(ch, auth);
            Connection c = new Connection(ch, r.leftover(), false, defaultTimeout, null);
            connections.add(c);
            if (closed) {
                c.close();
                return;
            }
            c.start();
            onConnection.accept(c);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "a peer failed to connect: {0}", e.getMessage());
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** Stops listening and closes every connection it accepted. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the listener failed", e);
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection c : connections) {
            c.close();
        }
        connections.clear();
    }
}

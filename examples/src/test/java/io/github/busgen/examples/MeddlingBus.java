package io.github.busgen.examples;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bus that misbehaves on demand. It listens on a unix socket of its own and passes each
 * connection's bytes both ways to a real bus (authentication, Hello, calls, signals), so a program
 * connected to it gets as far as on the real bus; then {@link #meddle} stops passing the bus's
 * bytes to the programs and sends them bytes of its own instead, as if the bus had sent them.
 */
final class MeddlingBus implements AutoCloseable {
    private final Path socket;
    private final Path bus;
    private final ServerSocketChannel server;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    /** One program's connection and the connection to the bus made for it. */
    private static final class Link {
        final SocketChannel program;
        final SocketChannel bus;
        // guards writes to the program and meddled: the bus's bytes and ours never interleave
        final Object toProgram = new Object();
        boolean meddled;

        Link(SocketChannel program, SocketChannel bus) {
            this.program = program;
            this.bus = bus;
        }

        void close() {
            closeQuietly(program);
            closeQuietly(bus);
        }
    }

    private MeddlingBus(Path socket, Path bus, ServerSocketChannel server) {
        this.socket = socket;
        this.bus = bus;
        this.server = server;
    }

    /** Listens on {@code socket} and passes what comes to the bus listening on {@code busSocket}. */
    static MeddlingBus start(Path socket, Path busSocket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        MeddlingBus m = new MeddlingBus(socket, busSocket, server);
        daemon("meddling-bus-accept", m::acceptLoop);
        return m;
    }

    /** The address programs connect to. */
    String address() {
        return "unix:path=" + socket;
    }

    /** How many programs are connected (or were: links are not forgotten). */
    int connections() {
        return links.size();
    }

    /**
     * From now on drops what the bus sends the programs connected so far, and sends each of them
     * {@code bytes} instead. Call it while nothing is under way (no call waits for its reply), so
     * that the bytes arrive where a message would start.
     */
    void meddle(byte[] bytes) throws IOException {
        // every link first: a program that fails on our bytes makes the bus tell the others
        // (NameOwnerChanged), which must not reach them before our bytes do
        for (Link l : links) {
            synchronized (l.toProgram) {
                l.meddled = true;
            }
        }
        for (Link l : links) {
            synchronized (l.toProgram) {
                writeFully(l.program, ByteBuffer.wrap(bytes));
            }
        }
    }

    private void acceptLoop() {
        try {
            while (true) {
                SocketChannel program = server.accept();
                SocketChannel toBus;
                try {
                    toBus = SocketChannel.open(UnixDomainSocketAddress.of(bus));
                } catch (IOException e) {
                    closeQuietly(program);
                    continue;
                }
                Link l = new Link(program, toBus);
                links.add(l);
                daemon("meddling-bus-to-bus", () -> pump(l, program, toBus, false));
                daemon("meddling-bus-to-program", () -> pump(l, toBus, program, true));
            }
        } catch (IOException closed) {
            // close() closed the server
        }
    }

    private static void pump(Link l, SocketChannel from, SocketChannel to, boolean toProgram) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(b.clear()) >= 0) {
                b.flip();
                if (toProgram) {
                    synchronized (l.toProgram) {
                        if (!l.meddled) {
                            writeFully(to, b);
                        }
                    }
                } else {
                    writeFully(to, b);
                }
            }
        } catch (IOException e) {
            // one side closed
        }
        l.close();
    }

    private static void writeFully(SocketChannel to, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            to.write(b);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a test's socket: nothing to report
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Link l : links) {
            l.close();
        }
        Files.deleteIfExists(socket);
    }
}

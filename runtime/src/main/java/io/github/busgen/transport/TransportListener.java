package io.github.busgen.transport;

import io.github.busgen.internal.LazyLogger;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A server socket for peer-to-peer D-Bus: it listens on a listenable address and reports the
 * connectable address, with its GUID, that clients use to reach it.
 *
 * <p>Listenable entries:
 * <ul>
 *   <li>{@code unix:path=FILE}: a socket file at FILE. A stale socket file left there (one nobody
 *       accepts on) is replaced, as libdbus replaces it; a live one or any other file is an error.</li>
 *   <li>{@code unix:dir=DIR} and {@code unix:tmpdir=DIR}: a socket file named {@code dbus-} and ten
 *       random characters in DIR. Never an abstract socket, which the JDK cannot create: so
 *       {@code tmpdir} behaves as {@code dir}, which the specification allows.</li>
 *   <li>{@code tcp:[host=H][,bind=B][,port=P][,family=ipv4|ipv6]}: binds B (or H; '*' for every
 *       interface); H defaults to localhost, P to 0, which lets the system pick a port.</li>
 * </ul>
 * The GUID is the entry's {@code guid=} when given, else a new random one. {@link #address()} is
 * then e.g. {@code unix:path=/tmp/dbus-x1Y2z3A4b5,guid=...} or {@code tcp:host=127.0.0.1,port=41234,guid=...}.
 *
 * <p>Lock rule: no locks. {@link #accept()} may block in one thread while another calls
 * {@link #close()}, which wakes it with an {@link java.nio.channels.AsynchronousCloseException};
 * {@code close} runs once (an atomic flag) and deletes the socket file this listener created.
 */
public final class TransportListener implements Closeable {
    private static final System.Logger LOG = new LazyLogger(TransportListener.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** sun_path holds 108 bytes including the terminating NUL. */
    private static final int MAX_UNIX_PATH_BYTES = 107;

    private final ServerSocketChannel server;
    private final AddressEntry address;
    private final Path socketFile;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TransportListener(ServerSocketChannel server, AddressEntry address, Path socketFile) {
        this.server = server;
        this.address = address;
        this.socketFile = socketFile;
    }

    /** Listens on the first entry of {@code address} that works; see {@link #listen(BusAddress)}. */
    public static TransportListener listen(String address) throws IOException {
        return listen(BusAddress.parse(address));
    }

    /**
     * Listens on the first entry of {@code address} that works, trying them in order.
     *
     * @throws UnsupportedAddressException when no entry is of a kind busgen can listen on
     * @throws IOException                 when every entry fails; the message lists each entry and why
     */
    public static TransportListener listen(BusAddress address) throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (AddressEntry e : address.entries()) {
            try {
                return listen(e);
            } catch (IOException ex) {
                failures.add(ex);
            }
        }
        if (failures.size() == 1) {
            throw failures.get(0);
        }
        throw Transport.combine("could not listen on any of the " + failures.size() + " address entries", failures);
    }

    /**
     * Listens on one entry.
     *
     * @throws UnsupportedAddressException when busgen cannot listen on this kind of entry
     * @throws IOException                 when binding fails; the message names the entry
     */
    public static TransportListener listen(AddressEntry entry) throws IOException {
        String guid = entry.guid().orElseGet(Guids::random);
        switch (entry.transport()) {
            case "unix":
                return listenUnix(entry, guid);
            case "tcp":
                return listenTcp(entry, guid);
            default:
                throw Transport.unsupportedTransport(entry, "listen on");
        }
    }

    private static TransportListener listenUnix(AddressEntry entry, String guid) throws IOException {
        String kind = Transport.unixKind(entry);
        switch (kind) {
            case "path": {
                Path path = Path.of(entry.get("path").orElseThrow());
                removeStaleSocket(entry, path);
                return bindUnix(entry, path, guid);
            }
            case "dir":
            case "tmpdir": {
                Path dir = Path.of(entry.get(kind).orElseThrow());
                if (!Files.isDirectory(dir)) {
                    throw new IOException("cannot listen on " + entry + ": " + dir + " is not a directory");
                }
                IOException last = null;
                for (int attempt = 0; attempt < 8; attempt++) {
                    Path path = dir.resolve("dbus-" + randomName(10));
                    if (Files.exists(path)) {
                        continue;
                    }
                    try {
                        return bindUnix(entry, path, guid);
                    } catch (IOException e) {
                        last = e; // most likely another process took the name between check and bind
                    }
                }
                throw last != null ? last : new IOException("cannot listen on " + entry + ": no free socket name in " + dir);
            }
            case "abstract":
                throw Transport.abstractUnsupported(entry, "listen on");
            default: // runtime
                throw new UnsupportedAddressException("cannot listen on " + entry + ": unix:runtime=yes is not supported "
                        + "by busgen for listening; use unix:path=... or unix:dir=...");
        }
    }

    /** Replaces a socket file nobody accepts on (libdbus unlinks any socket file; this is more careful). */
    private static void removeStaleSocket(AddressEntry entry, Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!BusAddress.isSocket(path)) {
            throw new IOException("cannot listen on " + entry + ": " + path + " exists and is not a socket");
        }
        SocketChannel probe;
        try {
            probe = SocketChannel.open(UnixDomainSocketAddress.of(path));
        } catch (java.net.SocketException refused) {
            LOG.log(System.Logger.Level.DEBUG, "replacing stale socket file {0}", path);
            Files.delete(path);
            return;
        }
        probe.close();
        throw new IOException("cannot listen on " + entry + ": a server is already listening on " + path);
    }

    private static TransportListener bindUnix(AddressEntry entry, Path path, String guid) throws IOException {
        int length = path.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_UNIX_PATH_BYTES) {
            throw new IOException("cannot listen on " + entry + ": socket path " + path + " is " + length
                    + " bytes long; unix sockets allow at most " + MAX_UNIX_PATH_BYTES);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + entry + " (socket file " + path + "): " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("path", path.toString());
        values.put("guid", guid);
        return new TransportListener(server, AddressEntry.of("unix", values), path);
    }

    private static TransportListener listenTcp(AddressEntry entry, String guid) throws IOException {
        String host = entry.get("host").orElse("localhost");
        String bind = entry.get("bind").orElse(host);
        int port = Transport.tcpPort(entry, true);
        String family = entry.get("family").orElse(null);
        InetSocketAddress local;
        if (bind.equals("*")) {
            local = family == null ? new InetSocketAddress(port)
                    : new InetSocketAddress(InetAddress.getByName(family.equals("ipv4") ? "0.0.0.0" : "::"), port);
        } else {
            local = new InetSocketAddress(Transport.resolve(entry, bind).get(0), port);
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.bind(local);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + entry + " (" + local + "): " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("host", host);
        values.put("port", Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort()));
        entry.get("family").ifPresent(f -> values.put("family", f));
        values.put("guid", guid);
        return new TransportListener(server, AddressEntry.of("tcp", values), null);
    }

    private static String randomName(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
        }
        return b.toString();
    }

    /**
     * Waits for the next client and returns its channel, connected and blocking. The client speaks
     * first (the NUL byte, then authentication).
     *
     * @throws java.nio.channels.AsynchronousCloseException when {@link #close()} runs meanwhile
     */
    public SocketChannel accept() throws IOException {
        SocketChannel ch = server.accept();
        if (socketFile == null) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        return ch;
    }

    /** The connectable address clients use, with {@code guid=}. */
    public AddressEntry address() {
        return address;
    }

    /** This server's GUID, which authentication sends in {@code OK}. */
    public String guid() {
        return address.guid().orElseThrow();
    }

    /** Whether this listens on a unix-domain socket (so peers' credentials can be read). */
    public boolean isUnixSocket() {
        return socketFile != null;
    }

    /** Stops listening and deletes the socket file this listener created. Idempotent. */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } finally {
            if (socketFile != null) {
                Files.deleteIfExists(socketFile);
            }
        }
    }

    @Override
    public String toString() {
        return "TransportListener[" + address + "]";
    }
}

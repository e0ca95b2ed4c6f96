package io.github.busgen.transport;

import io.github.busgen.internal.LazyLogger;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client's open connection to a D-Bus server: a connected, blocking {@link SocketChannel}, the
 * address entry that worked, and what kind of socket it is. Authentication runs next over the
 * channel (EXTERNAL only works on unix sockets, where the server can read the peer's uid).
 *
 * <p>Supported entries for connecting:
 * <ul>
 *   <li>{@code unix:path=FILE}: a socket file;</li>
 *   <li>{@code unix:runtime=yes}: {@code $XDG_RUNTIME_DIR/bus};</li>
 *   <li>{@code tcp:host=H,port=P[,family=ipv4|ipv6]}: each resolved address of H in turn.</li>
 * </ul>
 * Everything else fails with an {@link UnsupportedAddressException} that says why and what to use
 * instead: {@code unix:dir=}/{@code unix:tmpdir=} are listen-only, {@code unix:abstract=} is out of
 * the JDK's reach, and launchd, systemd, nonce-tcp, unixexec and autolaunch are not implemented.
 *
 * <p>Lock rule: no locks. The fields never change; the channel follows {@link SocketChannel}'s
 * rules (one reader and one writer at a time), which the connection on top enforces.
 */
public final class Transport implements Closeable {
    /** How long a TCP connect may take before the next address is tried. */
    static final int TCP_CONNECT_TIMEOUT_MILLIS = 10_000;

    private static final System.Logger LOG = new LazyLogger(Transport.class.getName());

    private final SocketChannel channel;
    private final AddressEntry entry;
    private final boolean unixSocket;

    /**
     * Wraps a connected channel, for example one accepted by a {@link TransportListener}.
     *
     * @param channel    a connected channel
     * @param entry      the address it was reached by
     * @param unixSocket whether it is a unix-domain socket
     */
    public Transport(SocketChannel channel, AddressEntry entry, boolean unixSocket) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.entry = Objects.requireNonNull(entry, "entry");
        this.unixSocket = unixSocket;
    }

    /** Connects to the first entry of {@code address} that works, reading the process environment. */
    public static Transport connect(BusAddress address) throws IOException {
        return connect(address, System.getenv());
    }

    /**
     * Connects to the first entry of {@code address} that works, trying them in order.
     *
     * @param env the environment ({@code XDG_RUNTIME_DIR} for {@code unix:runtime=yes})
     * @throws UnsupportedAddressException when every entry is of a kind busgen cannot connect to
     * @throws IOException                 when every entry fails; the message lists each entry and why
     */
    public static Transport connect(BusAddress address, Map<String, String> env) throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (AddressEntry e : address.entries()) {
            try {
                return connect(e, env);
            } catch (IOException ex) {
                LOG.log(System.Logger.Level.DEBUG, "cannot connect to {0}: {1}", e, ex.getMessage());
                failures.add(ex);
            }
        }
        if (failures.size() == 1) {
            throw failures.get(0); // its message already names the entry
        }
        throw combine("could not connect to any of the " + failures.size() + " address entries", failures);
    }

    /** Combines per-entry failures into one exception whose message lists them all. */
    static IOException combine(String summary, List<IOException> failures) {
        StringBuilder b = new StringBuilder(summary).append(':');
        boolean allUnsupported = true;
        for (int i = 0; i < failures.size(); i++) {
            b.append(i == 0 ? " " : "; ").append('[').append(i + 1).append("] ").append(failures.get(i).getMessage());
            allUnsupported &= failures.get(i) instanceof UnsupportedAddressException;
        }
        IOException combined = allUnsupported ? new UnsupportedAddressException(b.toString()) : new IOException(b.toString());
        failures.forEach(combined::addSuppressed);
        return combined;
    }

    /** Connects to one entry, reading the process environment. */
    public static Transport connect(AddressEntry entry) throws IOException {
        return connect(entry, System.getenv());
    }

    /**
     * Connects to one entry.
     *
     * @param env the environment ({@code XDG_RUNTIME_DIR} for {@code unix:runtime=yes})
     * @throws UnsupportedAddressException when busgen cannot connect to this kind of entry
     * @throws IOException                 when the connection fails; the message names the entry
     */
    public static Transport connect(AddressEntry entry, Map<String, String> env) throws IOException {
        switch (entry.transport()) {
            case "unix":
                return new Transport(connectUnix(entry, env), entry, true);
            case "tcp":
                return new Transport(connectTcp(entry), entry, false);
            default:
                throw unsupportedTransport(entry, "connect to");
        }
    }

    /** The exception for a transport busgen does not implement, saying why where that helps. */
    static UnsupportedAddressException unsupportedTransport(AddressEntry entry, String verb) {
        String why;
        switch (entry.transport()) {
            case "launchd":
                why = "launchd addresses exist on macOS only";
                break;
            case "systemd":
                why = "systemd socket activation hands over file descriptors, which the JDK cannot adopt";
                break;
            case "nonce-tcp":
                why = "nonce-tcp is not implemented";
                break;
            case "unixexec":
                why = "unixexec needs a socketpair shared with a child process, which the JDK cannot create";
                break;
            case "autolaunch":
                why = "autolaunch is not implemented; start a bus yourself (dbus-run-session) and use its address";
                break;
            default:
                why = "unknown transport \"" + entry.transport() + "\"";
        }
        return new UnsupportedAddressException("cannot " + verb + " " + entry + ": not supported by busgen: " + why
                + "; use unix:path=... or tcp:host=...,port=...");
    }

    /**
     * Which unix key an entry uses: exactly one of path, abstract, runtime, dir, tmpdir
     * (specification, "Unix Domain Sockets").
     */
    static String unixKind(AddressEntry entry) throws IOException {
        String kind = null;
        for (String k : List.of("path", "abstract", "runtime", "dir", "tmpdir")) {
            if (entry.has(k)) {
                if (kind != null) {
                    throw new IOException("invalid unix address " + entry + ": it has both " + kind + "= and " + k
                            + "=; exactly one of path, abstract, runtime, dir, tmpdir is allowed");
                }
                kind = k;
            }
        }
        if (kind == null) {
            throw new IOException("invalid unix address " + entry
                    + ": it needs one of path=, abstract=, runtime=yes, dir= or tmpdir=");
        }
        return kind;
    }

    /** The exception for {@code unix:abstract=}, with what to use instead. */
    static UnsupportedAddressException abstractUnsupported(AddressEntry entry, String verb) {
        return new UnsupportedAddressException("cannot " + verb + " " + entry + ": it names a socket in Linux's "
                + "abstract namespace, which the JDK's unix-domain channels cannot reach. Use a socket file instead: "
                + "unix:path=... or unix:dir=... (for example start dbus-daemon with --address=unix:dir=/tmp "
                + "rather than unix:tmpdir=/tmp), or tcp:host=127.0.0.1,port=...");
    }

    private static SocketChannel connectUnix(AddressEntry entry, Map<String, String> env) throws IOException {
        Path path;
        switch (unixKind(entry)) {
            case "path":
                path = Path.of(entry.get("path").orElseThrow());
                break;
            case "runtime":
                path = runtimeBus(entry, env);
                break;
            case "abstract":
                throw abstractUnsupported(entry, "connect to");
            default: // dir, tmpdir
                throw new UnsupportedAddressException("cannot connect to " + entry + ": the dir= and tmpdir= keys are "
                        + "for listening only (specification, \"Unix Domain Sockets\"); connect to the unix:path=... "
                        + "address the server reports once it listens");
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            String detail = java.nio.file.Files.exists(path) ? e.getMessage() : "no such socket file";
            throw new IOException("cannot connect to " + entry + ": " + detail, e);
        }
    }

    /** {@code $XDG_RUNTIME_DIR/bus}, for {@code unix:runtime=yes}. */
    private static Path runtimeBus(AddressEntry entry, Map<String, String> env) throws IOException {
        if (!"yes".equals(entry.get("runtime").orElseThrow())) {
            throw new IOException("invalid unix address " + entry + ": runtime= must be \"yes\"");
        }
        String dir = env.get("XDG_RUNTIME_DIR");
        if (dir == null || dir.isEmpty()) {
            throw new IOException("cannot connect to " + entry + ": XDG_RUNTIME_DIR is not set");
        }
        return Path.of(dir, "bus");
    }

    private static SocketChannel connectTcp(AddressEntry entry) throws IOException {
        String host = entry.get("host").orElseThrow(() -> new IOException("cannot connect to " + entry
                + ": a tcp address needs host= (and port=) to be connectable"));
        int port = tcpPort(entry, false);
        List<InetAddress> candidates = resolve(entry, host);
        List<String> errors = new ArrayList<>();
        for (InetAddress a : candidates) {
            SocketChannel ch = SocketChannel.open();
            try {
                // the socket adaptor gives a blocking connect with a timeout; SocketChannel.connect has none
                ch.socket().connect(new InetSocketAddress(a, port), TCP_CONNECT_TIMEOUT_MILLIS);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true); // auth lines and calls are small
                return ch;
            } catch (IOException e) {
                ch.close();
                errors.add(a.getHostAddress() + ": " + e.getMessage());
            }
        }
        throw new IOException("cannot connect to " + entry + ": " + String.join("; ", errors));
    }

    /** The port= value: 1..65535, or 0 too when listening. */
    static int tcpPort(AddressEntry entry, boolean listening) throws IOException {
        String p = entry.get("port").orElse(listening ? "0" : null);
        if (p == null) {
            throw new IOException("cannot connect to " + entry + ": a tcp address needs port= to be connectable");
        }
        int port;
        try {
            port = Integer.parseInt(p);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < (listening ? 0 : 1) || port > 65535) {
            throw new IOException("invalid tcp address " + entry + ": port \"" + p + "\" is not a number in "
                    + (listening ? "0" : "1") + "..65535");
        }
        return port;
    }

    /** The addresses of {@code host} of the entry's family= (ipv4, ipv6, or any when absent). */
    static List<InetAddress> resolve(AddressEntry entry, String host) throws IOException {
        String family = entry.get("family").orElse(null);
        if (family != null && !family.equals("ipv4") && !family.equals("ipv6")) {
            throw new IOException("invalid tcp address " + entry + ": family must be ipv4 or ipv6, not \"" + family + "\"");
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("cannot resolve host \"" + host + "\" of " + entry, e);
        }
        List<InetAddress> out = new ArrayList<>();
        for (InetAddress a : all) {
            if (family == null || (family.equals("ipv4") ? a instanceof Inet4Address : a instanceof Inet6Address)) {
                out.add(a);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("host \"" + host + "\" of " + entry + " has no " + family + " address");
        }
        return out;
    }

    /** The connected channel, in blocking mode. */
    public SocketChannel channel() {
        return channel;
    }

    /** The address entry this connection was made to (its {@code guid=}, if any, is the server's). */
    public AddressEntry entry() {
        return entry;
    }

    /** Whether this is a unix-domain socket (so the server can read the peer's credentials). */
    public boolean isUnixSocket() {
        return unixSocket;
    }

    /**
     * Whether file descriptors can travel over this connection: never, because the JDK's channels
     * cannot send or receive SCM_RIGHTS ancillary data. Authentication therefore never negotiates
     * Unix fd passing.
     */
    public boolean canPassFileDescriptors() {
        return false;
    }

    /** Closes the channel. */
    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "Transport[" + entry + "]";
    }
}

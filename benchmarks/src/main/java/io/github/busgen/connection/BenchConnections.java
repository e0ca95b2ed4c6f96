package io.github.busgen.connection;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the benchmarks open busgen connections until the runtime's own transport and SASL layer
 * ({@code Connection.open(address)} / {@code Connection.builder()}) land on main.
 *
 * <p>TEMPORARY, and the only reason this class sits in the runtime's package (the benchmarks run
 * on the class path, so the split package is allowed): the runtime has no public way yet to open
 * a connection. It authenticates with SASL EXTERNAL, which is all a private dbus-daemon asks of
 * its own user, and makes peer-to-peer connections with no authentication, as the runtime's own
 * peer-to-peer tests do. Replace every use with the public API once it exists.
 */
public final class BenchConnections {
    private BenchConnections() {
    }

    /** Connects to the bus at {@code unix:path=...} and says Hello. */
    public static Connection openBus(String address) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(unixPath(address)));
        try {
            authenticate(ch);
            Connection c = new Connection(ch, null, true, null, null);
            c.start();
            return c;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Connects peer-to-peer to a busgen server listening at {@code socket} (no authentication). */
    public static Connection openPeer(Path socket) throws IOException {
        Connection c = new Connection(SocketChannel.open(UnixDomainSocketAddress.of(socket)), null, false, null, null);
        c.start();
        return c;
    }

    /** Accepts one peer-to-peer connection on {@code listener} (no authentication). */
    public static Connection acceptPeer(ServerSocketChannel listener) throws IOException {
        Connection c = new Connection(listener.accept(), null, false, null, null);
        c.start();
        return c;
    }

    /** A listening unix socket at {@code socket}. */
    public static ServerSocketChannel listen(Path socket) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel l = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        l.bind(UnixDomainSocketAddress.of(socket));
        return l;
    }

    private static Path unixPath(String address) {
        String prefix = "unix:path=";
        if (!address.startsWith(prefix)) {
            throw new IllegalArgumentException("the benchmarks use unix:path= addresses only, not " + address);
        }
        int comma = address.indexOf(',');
        return Path.of(address.substring(prefix.length(), comma < 0 ? address.length() : comma));
    }

    /** SASL EXTERNAL with our uid: NUL, AUTH, expect OK, BEGIN. */
    private static void authenticate(SocketChannel ch) throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        StringBuilder auth = new StringBuilder("\0AUTH EXTERNAL ");
        for (byte b : Integer.toString(uid).getBytes(StandardCharsets.US_ASCII)) {
            auth.append(Integer.toHexString(b)); // ASCII digits are 0x30..0x39: always two hex digits
        }
        write(ch, auth.append("\r\n").toString());
        String line = readLine(ch);
        if (!line.startsWith("OK ")) {
            throw new IOException("the bus refused EXTERNAL authentication: " + line);
        }
        write(ch, "BEGIN\r\n");
    }

    private static void write(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads one CRLF-terminated line a byte at a time, so nothing past it is consumed. */
    private static String readLine(SocketChannel ch) throws IOException {
        StringBuilder line = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (ch.read(one) < 0) {
                throw new IOException("the bus closed the connection during authentication");
            }
            char c = (char) one.get(0);
            if (c == '\n' && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                return line.substring(0, line.length() - 1);
            }
            line.append(c);
        }
    }
}

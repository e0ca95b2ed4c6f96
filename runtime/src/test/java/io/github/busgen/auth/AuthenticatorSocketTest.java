package io.github.busgen.auth;

import io.github.busgen.transport.BusAddress;
import io.github.busgen.transport.GuidMismatchException;
import io.github.busgen.transport.Transport;
import io.github.busgen.transport.TransportListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * busgen's client against busgen's server over real sockets, and the server against clients that
 * misbehave: each misbehaviour ends in an AuthenticationException, never a hang. (The futures'
 * get() timeouts are safety nets against a hang, not timing assertions.)
 */
class AuthenticatorSocketTest {
    private static final long UID = UnixIds.realUid().orElseThrow();

    @TempDir
    Path temp;

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private TransportListener listener;

    @BeforeEach
    void listenUnix() throws IOException {
        listener = TransportListener.listen("unix:dir=" + temp);
    }

    @AfterEach
    void stop() throws IOException {
        executor.shutdownNow();
        listener.close();
    }

    private ServerAuthOptions serverOptions() {
        return ServerAuthOptions.defaults().withGuid(listener.guid()).withKeyringDirectory(temp.resolve("keyrings"));
    }

    private Future<AuthResult> serve(ServerAuthOptions options) {
        return executor.submit(() -> Authenticator.server(listener.accept(), options));
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw e;
        }
    }

    @Test
    void externalOverAUnixSocket() throws Exception {
        Future<AuthResult> server = serve(serverOptions());
        try (Transport t = Transport.connect(BusAddress.of(listener.address()))) {
            AuthResult client = Authenticator.client(t, ClientAuthOptions.defaults());
            AuthResult s = await(server);
            assertEquals(Mechanism.EXTERNAL, client.mechanism());
            assertEquals(listener.guid(), client.serverGuid());
            assertEquals(OptionalLong.of(UID), s.authorizedUid(), "the uid from SO_PEERCRED");
            assertEquals(Mechanism.EXTERNAL, s.mechanism());
            assertTrue(t.channel().isBlocking());
        }
    }

    @Test
    void cookieOverAUnixSocketWithATemporaryKeyring() throws Exception {
        Future<AuthResult> server = serve(serverOptions().withMechanisms(Mechanism.DBUS_COOKIE_SHA1));
        try (Transport t = Transport.connect(BusAddress.of(listener.address()))) {
            AuthResult client = Authenticator.client(t, ClientAuthOptions.defaults().withKeyringDirectory(temp.resolve("keyrings")));
            assertEquals(Mechanism.DBUS_COOKIE_SHA1, client.mechanism());
            assertEquals(OptionalLong.of(UnixIds.effectiveUid().orElseThrow()), await(server).authorizedUid());
        }
    }

    @Test
    void cookieOverTcpNeverTriesExternal() throws Exception {
        listener.close();
        listener = TransportListener.listen("tcp:host=127.0.0.1");
        Future<AuthResult> server = serve(serverOptions());
        try (Transport t = Transport.connect(BusAddress.of(listener.address()))) {
            AuthResult client = Authenticator.client(t, ClientAuthOptions.defaults().withKeyringDirectory(temp.resolve("keyrings")));
            assertEquals(Mechanism.DBUS_COOKIE_SHA1, client.mechanism());
            assertEquals(Mechanism.DBUS_COOKIE_SHA1, await(server).mechanism());
        }
    }

    @Test
    void anonymousAfterExternalIsRejected() throws Exception {
        Future<AuthResult> server = serve(serverOptions().withMechanisms(Mechanism.ANONYMOUS));
        try (Transport t = Transport.connect(BusAddress.of(listener.address()))) {
            AuthResult client = Authenticator.client(t, ClientAuthOptions.defaults()
                    .withMechanisms(Mechanism.EXTERNAL, Mechanism.DBUS_COOKIE_SHA1, Mechanism.ANONYMOUS));
            assertEquals(Mechanism.ANONYMOUS, client.mechanism());
            AuthResult s = await(server);
            assertEquals(Mechanism.ANONYMOUS, s.mechanism());
            assertEquals(OptionalLong.empty(), s.authorizedUid());
        }
    }

    @Test
    void bytesAfterBeginReachTheServerAsLeftoverOrOnTheChannel() throws Exception {
        Future<AuthResult> server = executor.submit(() -> {
            SocketChannel ch = listener.accept();
            AuthResult r = Authenticator.server(ch, serverOptions());
            // the leftover and what is still unread make up the message stream, in order
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.writeBytes(r.leftover());
            ByteBuffer more = ByteBuffer.allocate(64);
            while (stream.size() < 10) {
                more.clear();
                int n = ch.read(more);
                if (n < 0) {
                    break;
                }
                stream.write(more.array(), 0, n);
            }
            ch.close();
            return new AuthResult(r.mechanism(), r.serverGuid(), false, r.authorizedUid(), stream.toByteArray());
        });
        try (SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(listener.address().get("path").orElseThrow()))) {
            write(raw, "\0AUTH EXTERNAL " + SaslClientTest.hex(Long.toString(UID)) + "\r\n");
            assertEquals("OK " + listener.guid() + "\r\n", readUntilCrLf(raw));
            write(raw, "BEGIN\r\nl\u0001\u0000\u0001" + "MSG!\r\n");
            assertArrayEquals("l\u0001\u0000\u0001MSG!\r\n".getBytes(StandardCharsets.ISO_8859_1), await(server).leftover());
        }
    }

    @Test
    void serverRefusesAClientWithoutTheNulByte() throws Exception {
        AuthenticationException e = misbehave("AUTH EXTERNAL 30\r\n", serverOptions());
        assertEquals("the client did not start with the NUL byte (first byte 0x41); it is not speaking the D-Bus protocol",
                e.getMessage());
    }

    @Test
    void serverRefusesAnOverlongLine() throws Exception {
        AuthenticationException e = misbehave("\0AUTH EXTERNAL " + "3".repeat(20_000), serverOptions());
        assertEquals("the peer sent an authentication line longer than 16384 bytes", e.getMessage());
    }

    @Test
    void serverDisconnectsAtTheSixthRejection() throws Exception {
        AuthenticationException e = misbehave("\0" + ("AUTH EXTERNAL " + SaslClientTest.hex("4242424") + "\r\n").repeat(7),
                serverOptions());
        assertTrue(e.getMessage().startsWith("the client was rejected 6 times; disconnecting (EXTERNAL: the client claims "
                + "uid 4242424 but the socket says uid " + UID), e::getMessage);
    }

    @Test
    void serverGivesUpAtItsDeadline() throws Exception {
        AuthenticationException e = misbehave("\0AUTH", serverOptions().withTimeout(Duration.ofMillis(200)));
        assertEquals("authentication did not finish within 200 ms (still waiting for a line from the client)", e.getMessage());
        AuthenticationException silent = misbehave("", serverOptions().withTimeout(Duration.ofMillis(100)));
        assertEquals("authentication did not finish within 100 ms (still waiting for the client's NUL byte)", silent.getMessage());
    }

    @Test
    void serverReportsAClientThatHangsUp() throws Exception {
        Future<AuthResult> server = serve(serverOptions());
        SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(listener.address().get("path").orElseThrow()));
        write(raw, "\0AUTH");
        raw.close();
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> await(server));
        assertEquals("the peer closed the connection during authentication (while waiting for a line from the client)",
                e.getMessage());
    }

    @Test
    void clientGivesUpAtItsDeadlineAndClosesTheChannel() throws Exception {
        Future<SocketChannel> silentServer = executor.submit(() -> listener.accept());
        try (Transport t = Transport.connect(BusAddress.of(listener.address()))) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Authenticator.client(t, ClientAuthOptions.defaults().withTimeout(Duration.ofMillis(100))));
            assertEquals("authentication did not finish within 100 ms (still waiting for a line from the server)", e.getMessage());
            assertFalse(t.channel().isOpen());
        } finally {
            await(silentServer).close();
        }
    }

    @Test
    void clientRejectsAServerWithAnotherGuid() throws Exception {
        Future<AuthResult> server = serve(serverOptions().withGuid("0123456789abcdef0123456789abcdef"));
        try (Transport t = Transport.connect(BusAddress.of(listener.address()))) {
            GuidMismatchException e = assertThrows(GuidMismatchException.class,
                    () -> Authenticator.client(t, ClientAuthOptions.defaults()));
            assertEquals("0123456789abcdef0123456789abcdef", e.actual());
            assertFalse(t.channel().isOpen());
        }
        await(server);
    }

    @Test
    void bothSidesFailWhenNoMechanismIsShared() throws Exception {
        Future<AuthResult> server = serve(serverOptions().withMechanisms(Mechanism.ANONYMOUS));
        try (Transport t = Transport.connect(BusAddress.of(listener.address()))) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Authenticator.client(t, ClientAuthOptions.defaults()));
            assertEquals("server rejected every mechanism: it offers [ANONYMOUS], busgen tried [EXTERNAL] (EXTERNAL: rejected); "
                    + "the server also offers [ANONYMOUS], which the client options do not enable", e.getMessage());
        }
        assertThrows(AuthenticationException.class, () -> await(server));
    }

    /** Connects a raw client that sends {@code bytes} and then waits; returns the server's failure. */
    private AuthenticationException misbehave(String bytes, ServerAuthOptions options) throws Exception {
        Future<AuthResult> server = serve(options);
        try (SocketChannel raw = SocketChannel.open(UnixDomainSocketAddress.of(listener.address().get("path").orElseThrow()))) {
            if (!bytes.isEmpty()) {
                executor.submit(() -> {
                    write(raw, bytes); // may block on a full socket buffer until the server hangs up
                    return null;
                });
            }
            return assertThrows(AuthenticationException.class, () -> await(server));
        }
    }

    private static void write(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static String readUntilCrLf(SocketChannel ch) throws IOException {
        StringBuilder s = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!s.toString().endsWith("\r\n")) {
            one.clear();
            if (ch.read(one) < 0) {
                break;
            }
            s.append((char) one.get(0));
        }
        return s.toString();
    }
}

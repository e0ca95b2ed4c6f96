package io.github.busgen.connection;

import io.github.busgen.auth.ClientAuthOptions;
import io.github.busgen.auth.Mechanism;
import io.github.busgen.auth.ServerAuthOptions;
import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.Leftovers;
import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peer-to-peer with no daemon: a {@link PeerServer} and {@link Connection#openPeer} clients that
 * authenticate for real, EXTERNAL over a unix socket and DBUS_COOKIE_SHA1 (with a keyring in a
 * temporary directory) over TCP, each side restricted to the one mechanism, then call each other
 * and signal each other.
 */
class PeerServerSaslTest {
    static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/test/Peer");
    static final InterfaceName IFACE = InterfaceName.of("io.github.busgen.test.Peer");

    static SimpleInterface echo(String side) {
        return SimpleInterface.builder(IFACE.value())
                .method("Echo", "s", "s", (call, args) -> List.of(side + ": " + args.get(0)))
                .build();
    }

    static Message echoCall(String text) {
        return Message.methodCall(PATH, MemberName.of("Echo")).interfaceName(IFACE).body(Signature.of("s"), text);
    }

    static void callBothWays(String listen, ServerAuthOptions serverAuth, ClientAuthOptions clientAuth) throws Exception {
        Leftovers before = Leftovers.snapshot();
        CompletableFuture<Connection> accepted = new CompletableFuture<>();
        try (PeerServer server = PeerServer.listen(listen, serverAuth, c -> {
            c.export(PATH, echo("server"));
            accepted.complete(c);
        })) {
            try (Connection client = Connection.builder().address(server.address()).peerToPeer()
                    .authentication(clientAuth).connect()) {
                client.export(PATH, echo("client"));
                Connection serverSide = accepted.get(10, TimeUnit.SECONDS);
                assertFalse(client.isBus());
                assertNull(client.uniqueName(), "no bus, no unique name");

                assertEquals(List.of("server: ü 😀"), client.call(echoCall("ü 😀")).body());
                assertEquals(List.of("client: back"), serverSide.call(echoCall("back")).body());
                assertEquals(List.of("server: async"), client.callAsync(echoCall("async")).get(10, TimeUnit.SECONDS).body());

                BlockingQueue<Message> signals = new LinkedBlockingQueue<>();
                client.subscribe(MatchRule.builder().type(MessageType.SIGNAL).interfaceName(IFACE).build(), signals::add);
                serverSide.emitSignal(PATH, IFACE, MemberName.of("Said"), Signature.of("s"), "hello peer");
                Message signal = signals.poll(10, TimeUnit.SECONDS);
                assertEquals(List.of("hello peer"), signal.body());
                assertEquals(List.of(serverSide), server.connections());
            }
        }
        before.assertNoneNewWithin(Duration.ofSeconds(5));
    }

    @Test
    void externalOverAUnixSocket(@TempDir Path dir) throws Exception {
        callBothWays("unix:path=" + dir.resolve("peer"),
                ServerAuthOptions.defaults().withMechanisms(Mechanism.EXTERNAL).withKeyringDirectory(dir.resolve("unused")),
                ClientAuthOptions.defaults().withMechanisms(Mechanism.EXTERNAL));
        assertFalse(Files.exists(dir.resolve("unused")), "EXTERNAL needs no keyring");
    }

    @Test
    void cookieSha1OverTcp(@TempDir Path dir) throws Exception {
        Path keyrings = dir.resolve("keyrings");
        Files.createDirectory(keyrings, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        callBothWays("tcp:host=127.0.0.1,port=0",
                ServerAuthOptions.defaults().withMechanisms(Mechanism.DBUS_COOKIE_SHA1).withKeyringDirectory(keyrings),
                ClientAuthOptions.defaults().withMechanisms(Mechanism.DBUS_COOKIE_SHA1).withKeyringDirectory(keyrings));
        // the server wrote a cookie for the client to read back
        String keyring = Files.readString(keyrings.resolve(ServerAuthOptions.DEFAULT_COOKIE_CONTEXT));
        assertTrue(keyring.matches("(?s)\\d+ \\d+ [0-9a-f]+\\n.*"), keyring);
    }
}

package io.github.busgen.auth;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageFramer;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.transport.AddressEntry;
import io.github.busgen.transport.BusAddress;
import io.github.busgen.transport.Transport;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * busgen's client authenticates against a real, private dbus-daemon (libdbus's server side) and
 * then says Hello: proof that the mechanisms and the handover to the message stream interoperate
 * with the reference implementation, over a unix socket and over TCP.
 */
class DbusDaemonAuthTest {

    @Test
    void externalOverUnixSocket() throws Exception {
        try (PrivateBus bus = PrivateBus.start(PrivateBus.config().auth("EXTERNAL"))) {
            AuthResult r = authenticateAndHello(bus, ClientAuthOptions.defaults(), true);
            assertEquals(Mechanism.EXTERNAL, r.mechanism());
        }
    }

    @Test
    void cookieSha1AfterExternalIsRejected() throws Exception {
        try (PrivateBus bus = PrivateBus.start(PrivateBus.config().auth("DBUS_COOKIE_SHA1"))) {
            AuthResult r = authenticateAndHello(bus, daemonKeyring(bus), true);
            // EXTERNAL went first on the unix socket; the daemon's REJECTED list led to the cookie
            assertEquals(Mechanism.DBUS_COOKIE_SHA1, r.mechanism());
        }
    }

    @Test
    void anonymousWhenAllowedOnBothSides() throws Exception {
        try (PrivateBus bus = PrivateBus.start(PrivateBus.config().auth("ANONYMOUS").allowAnonymous())) {
            ClientAuthOptions options = ClientAuthOptions.defaults()
                    .withMechanisms(Mechanism.EXTERNAL, Mechanism.DBUS_COOKIE_SHA1, Mechanism.ANONYMOUS);
            AuthResult r = authenticateAndHello(bus, options, true);
            assertEquals(Mechanism.ANONYMOUS, r.mechanism());
        }
    }

    @Test
    void tcpUsesCookieSha1WithoutTryingExternal() throws Exception {
        try (PrivateBus bus = PrivateBus.start(PrivateBus.config().tcp())) {
            AuthResult r = authenticateAndHello(bus, daemonKeyring(bus), false);
            assertEquals(Mechanism.DBUS_COOKIE_SHA1, r.mechanism());
        }
    }

    @Test
    void anonymousRefusedByDefaultClientGivesAClearMessage() throws Exception {
        try (PrivateBus bus = PrivateBus.start(PrivateBus.config().auth("ANONYMOUS").allowAnonymous());
             Transport t = Transport.connect(BusAddress.parse(bus.address()))) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Authenticator.client(t, ClientAuthOptions.defaults()));
            assertEquals("server rejected every mechanism: it offers [ANONYMOUS], busgen tried [EXTERNAL] "
                    + "(EXTERNAL: rejected); the server also offers [ANONYMOUS], which the client options do not enable",
                    e.getMessage());
            assertFalse(t.channel().isOpen());
        }
    }

    /** The client defaults, reading the keyring the daemon keeps in its $HOME. */
    private static ClientAuthOptions daemonKeyring(PrivateBus bus) {
        return ClientAuthOptions.defaults().withKeyringDirectory(bus.home().resolve(".dbus-keyrings"));
    }

    /** Connects, authenticates, sends Hello and checks the reply names a unique connection. */
    private static AuthResult authenticateAndHello(PrivateBus bus, ClientAuthOptions options, boolean unix) throws Exception {
        BusAddress address = BusAddress.parse(bus.address());
        AddressEntry entry = address.entries().get(0);
        assertTrue(entry.guid().isPresent(), "dbus-daemon prints its guid");
        try (Transport t = Transport.connect(address)) {
            assertEquals(unix, t.isUnixSocket());
            AuthResult r = Authenticator.client(t, options);
            assertEquals(entry.guid().get(), r.serverGuid());
            assertFalse(r.unixFdNegotiated(), "JDK channels cannot pass fds, so busgen never negotiates them");
            assertTrue(t.channel().isBlocking(), "the channel is handed back in blocking mode");

            Message hello = Message.methodCall(ObjectPath.of("/org/freedesktop/DBus"), MemberName.of("Hello"))
                    .destination(BusName.DBUS).interfaceName(InterfaceName.of("org.freedesktop.DBus")).serial(1).build();
            ByteBuffer out = ByteBuffer.wrap(hello.encodedBuffer(), 0, hello.length());
            while (out.hasRemaining()) {
                t.channel().write(out);
            }
            MessageFramer framer = new MessageFramer(t.channel(), r.leftover());
            Message first = framer.read();
            while (first != null && first.type() == MessageType.SIGNAL) {
                first = framer.read(); // NameAcquired may come first on some daemon versions
            }
            Message reply = first;
            assertEquals(MessageType.METHOD_RETURN, reply.type(), () -> "reply: " + reply + " " + reply.errorMessage());
            assertEquals(1, reply.replySerial());
            List<Object> body = reply.body();
            BusName unique = BusName.unique((String) body.get(0));
            assertTrue(unique.toString().startsWith(":"), unique::toString);
            return r;
        }
    }
}

package io.github.busgen.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connecting and listening: what works, and the message for each address that cannot. */
class TransportTest {
    private static final String GUID = "5fa01f4202cd837709a3274ca0df9d00";

    @TempDir
    Path temp;

    private static void assertContains(String message, String... fragments) {
        for (String f : fragments) {
            assertTrue(message.contains(f), () -> "\"" + f + "\" missing from: " + message);
        }
    }

    @Test
    void abstractSocketsAreOutOfReachAndTheMessageSaysWhatToUse() {
        UnsupportedAddressException e = assertThrows(UnsupportedAddressException.class,
                () -> Transport.connect(BusAddress.parse("unix:abstract=/tmp/dbus-U8OSdmf7,guid=" + GUID)));
        assertEquals("cannot connect to unix:abstract=/tmp/dbus-U8OSdmf7,guid=" + GUID + ": it names a socket in Linux's "
                + "abstract namespace, which the JDK's unix-domain channels cannot reach. Use a socket file instead: "
                + "unix:path=... or unix:dir=... (for example start dbus-daemon with --address=unix:dir=/tmp rather than "
                + "unix:tmpdir=/tmp), or tcp:host=127.0.0.1,port=...", e.getMessage());
        assertThrows(UnsupportedAddressException.class, () -> TransportListener.listen("unix:abstract=busgen-test"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix:dir=/tmp", "unix:tmpdir=/tmp"})
    void listenOnlyKeysCannotBeConnectedTo(String address) {
        UnsupportedAddressException e = assertThrows(UnsupportedAddressException.class,
                () -> Transport.connect(BusAddress.parse(address)));
        assertEquals("cannot connect to " + address + ": the dir= and tmpdir= keys are for listening only "
                + "(specification, \"Unix Domain Sockets\"); connect to the unix:path=... address the server reports "
                + "once it listens", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"launchd:env=DBUS_LAUNCHD_SESSION_BUS_SOCKET", "systemd:", "nonce-tcp:host=h,port=1,noncefile=/n",
        "unixexec:path=dbus-stdio", "autolaunch:", "carrier-pigeon:coop=3"})
    void otherTransportsAreNotSupportedWithAReason(String address) {
        UnsupportedAddressException e = assertThrows(UnsupportedAddressException.class,
                () -> Transport.connect(BusAddress.parse(address)));
        String transport = address.substring(0, address.indexOf(':'));
        assertContains(e.getMessage(), "cannot connect to " + address + ": not supported by busgen: ",
                "; use unix:path=... or tcp:host=...,port=...");
        assertTrue(e.getMessage().contains(transport + " ") || e.getMessage().contains("\"" + transport + "\""),
                e::getMessage);
        assertThrows(UnsupportedAddressException.class, () -> TransportListener.listen(address));
    }

    @Test
    void malformedUnixAndTcpEntriesFailWithReasons() {
        assertEquals("invalid unix address unix:path=/a,abstract=b: it has both path= and abstract=; exactly one of "
                + "path, abstract, runtime, dir, tmpdir is allowed",
                assertThrows(IOException.class, () -> Transport.connect(BusAddress.parse("unix:path=/a,abstract=b"))).getMessage());
        assertEquals("invalid unix address unix:guid=" + GUID + ": it needs one of path=, abstract=, runtime=yes, dir= or tmpdir=",
                assertThrows(IOException.class, () -> Transport.connect(BusAddress.parse("unix:guid=" + GUID))).getMessage());
        assertEquals("invalid tcp address tcp:host=127.0.0.1,port=abc: port \"abc\" is not a number in 1..65535",
                assertThrows(IOException.class, () -> Transport.connect(BusAddress.parse("tcp:host=127.0.0.1,port=abc"))).getMessage());
        assertEquals("cannot connect to tcp:host=127.0.0.1: a tcp address needs port= to be connectable",
                assertThrows(IOException.class, () -> Transport.connect(BusAddress.parse("tcp:host=127.0.0.1"))).getMessage());
        assertEquals("cannot connect to tcp:port=5: a tcp address needs host= (and port=) to be connectable",
                assertThrows(IOException.class, () -> Transport.connect(BusAddress.parse("tcp:port=5"))).getMessage());
        assertEquals("invalid tcp address tcp:host=127.0.0.1,port=5,family=ipx: family must be ipv4 or ipv6, not \"ipx\"",
                assertThrows(IOException.class,
                        () -> Transport.connect(BusAddress.parse("tcp:host=127.0.0.1,port=5,family=ipx"))).getMessage());
        assertEquals("host \"127.0.0.1\" of tcp:host=127.0.0.1,port=5,family=ipv6 has no ipv6 address",
                assertThrows(IOException.class,
                        () -> Transport.connect(BusAddress.parse("tcp:host=127.0.0.1,port=5,family=ipv6"))).getMessage());
    }

    @Test
    void missingSocketFileIsNamed() {
        Path p = temp.resolve("nothing-here");
        IOException e = assertThrows(IOException.class, () -> Transport.connect(BusAddress.parse("unix:path=" + p)));
        assertEquals("cannot connect to unix:path=" + p + ": no such socket file", e.getMessage());
    }

    @Test
    void everyFailingEntryIsListedAndTheNextEntryIsTried() throws Exception {
        Path missing = temp.resolve("missing");
        IOException all = assertThrows(IOException.class,
                () -> Transport.connect(BusAddress.parse("unix:path=" + missing + ";unix:abstract=x")));
        assertFalse(all instanceof UnsupportedAddressException, "one entry failed for another reason");
        assertContains(all.getMessage(), "could not connect to any of the 2 address entries: [1] cannot connect to unix:path="
                + missing + ": no such socket file; [2] cannot connect to unix:abstract=x: it names a socket in Linux's");
        assertEquals(2, all.getSuppressed().length);

        IOException unsupported = assertThrows(IOException.class,
                () -> Transport.connect(BusAddress.parse("unix:abstract=x;launchd:env=X")));
        assertTrue(unsupported instanceof UnsupportedAddressException, "every entry is unsupported");

        try (TransportListener l = TransportListener.listen("unix:dir=" + temp);
             Transport t = Transport.connect(BusAddress.parse("unix:path=" + missing + ";" + l.address()))) {
            assertEquals(l.address(), t.entry());
            assertTrue(t.isUnixSocket());
            assertTrue(t.channel().isBlocking());
            assertFalse(t.canPassFileDescriptors());
        }
    }

    @Test
    void unixDirListenerMakesARandomSocketFileAndDeletesIt() throws Exception {
        Path socket;
        try (TransportListener l = TransportListener.listen("unix:dir=" + temp)) {
            assertTrue(l.isUnixSocket());
            assertTrue(Guids.isValid(l.guid()));
            assertEquals(l.address().guid().orElseThrow(), l.guid());
            socket = Path.of(l.address().get("path").orElseThrow());
            assertEquals(temp, socket.getParent());
            assertTrue(socket.getFileName().toString().matches("dbus-[A-Za-z0-9]{10}"), socket::toString);
            assertTrue(BusAddress.isSocket(socket));
            exchangeOneByte(l, Transport.connect(BusAddress.of(l.address())));
        }
        assertFalse(Files.exists(socket), "close() deletes the socket file");
    }

    @Test
    void tmpdirListensOnAFileToo() throws Exception {
        try (TransportListener l = TransportListener.listen("unix:tmpdir=" + temp)) {
            assertTrue(l.address().has("path"), () -> l.address().toString());
            assertFalse(l.address().has("abstract"));
        }
    }

    @Test
    void pathListenerKeepsTheGuidItWasGiven() throws Exception {
        Path p = temp.resolve("s");
        try (TransportListener l = TransportListener.listen("unix:path=" + p + ",guid=" + GUID)) {
            assertEquals("unix:path=" + p + ",guid=" + GUID, l.address().toString());
            // a second server on the same live path is refused
            IOException e = assertThrows(IOException.class, () -> TransportListener.listen("unix:path=" + p));
            assertEquals("cannot listen on unix:path=" + p + ": a server is already listening on " + p, e.getMessage());
        }
        assertFalse(Files.exists(p));
    }

    @Test
    void staleSocketFileIsReplacedButOtherFilesAreNot() throws Exception {
        Path p = temp.resolve("stale");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(p));
        dead.close(); // the JDK leaves the socket file behind
        assertTrue(Files.exists(p));
        try (TransportListener l = TransportListener.listen("unix:path=" + p)) {
            exchangeOneByte(l, Transport.connect(BusAddress.of(l.address())));
        }
        Path file = temp.resolve("file");
        Files.writeString(file, "x");
        assertEquals("cannot listen on unix:path=" + file + ": " + file + " exists and is not a socket",
                assertThrows(IOException.class, () -> TransportListener.listen("unix:path=" + file)).getMessage());
    }

    @Test
    void overlongSocketPathIsRefusedWithItsLength() {
        Path p = temp.resolve("x".repeat(120));
        IOException e = assertThrows(IOException.class, () -> TransportListener.listen("unix:path=" + p));
        assertContains(e.getMessage(), "bytes long; unix sockets allow at most 107");
    }

    @Test
    void runtimeYesConnectsToTheRuntimeDirectoryBus() throws Exception {
        try (TransportListener l = TransportListener.listen("unix:path=" + temp.resolve("bus"))) {
            Transport t = Transport.connect(BusAddress.parse("unix:runtime=yes"), Map.of("XDG_RUNTIME_DIR", temp.toString()));
            assertEquals(AddressEntry.parse("unix:runtime=yes"), t.entry());
            exchangeOneByte(l, t);
        }
        assertEquals("cannot connect to unix:runtime=yes: XDG_RUNTIME_DIR is not set",
                assertThrows(IOException.class, () -> Transport.connect(BusAddress.parse("unix:runtime=yes"), Map.of())).getMessage());
        assertEquals("invalid unix address unix:runtime=no: runtime= must be \"yes\"",
                assertThrows(IOException.class, () -> Transport.connect(BusAddress.parse("unix:runtime=no"), Map.of())).getMessage());
    }

    @Test
    void tcpListenerPicksAPortAndClientsConnect() throws Exception {
        try (TransportListener l = TransportListener.listen("tcp:host=127.0.0.1,port=0,family=ipv4")) {
            assertFalse(l.isUnixSocket());
            int port = Integer.parseInt(l.address().get("port").orElseThrow());
            assertTrue(port > 0);
            assertEquals("tcp:host=127.0.0.1,port=" + port + ",family=ipv4,guid=" + l.guid(), l.address().toString());
            Transport t = Transport.connect(BusAddress.of(l.address()));
            assertFalse(t.isUnixSocket());
            exchangeOneByte(l, t);
        }
    }

    @Test
    void refusedTcpConnectionNamesTheEntry() throws Exception {
        int port;
        try (TransportListener l = TransportListener.listen("tcp:host=127.0.0.1")) {
            port = Integer.parseInt(l.address().get("port").orElseThrow());
        }
        IOException e = assertThrows(IOException.class,
                () -> Transport.connect(BusAddress.parse("tcp:host=127.0.0.1,port=" + port)));
        assertContains(e.getMessage(), "cannot connect to tcp:host=127.0.0.1,port=" + port + ": 127.0.0.1: ");
    }

    @Test
    void serverGuidCheck() throws Exception {
        AddressEntry withGuid = AddressEntry.parse("unix:path=/x,guid=" + GUID);
        Guids.checkServerGuid(withGuid, GUID);
        Guids.checkServerGuid(withGuid, GUID.toUpperCase());
        Guids.checkServerGuid(AddressEntry.parse("unix:path=/x"), "1234deadbeef");
        String other = "0123456789abcdef0123456789abcdef";
        GuidMismatchException e = assertThrows(GuidMismatchException.class, () -> Guids.checkServerGuid(withGuid, other));
        assertEquals("server at unix:path=/x,guid=" + GUID + " identified itself with GUID " + other
                + ", but the address names GUID " + GUID + "; the address now belongs to a different server (or it restarted)",
                e.getMessage());
        assertEquals(GUID, e.expected());
        assertEquals(other, e.actual());
    }

    @Test
    void randomGuidsAreValidAndDistinct() {
        String a = Guids.random();
        assertTrue(Guids.isValid(a) && a.equals(a.toLowerCase()), a);
        assertFalse(a.equals(Guids.random()));
        assertFalse(Guids.isValid("5fa01f4202cd837709a3274ca0df9d0"));
        assertFalse(Guids.isValid("5fa01f4202cd837709a3274ca0df9d0g"));
        assertFalse(Guids.isValid("5fa01f42-2cd8-3770-9a32-74ca0df9d00"));
    }

    /** Sends one byte from the client and reads it on the accepted channel, then closes both. */
    private static void exchangeOneByte(TransportListener l, Transport client) throws IOException {
        try (client; SocketChannel accepted = l.accept()) {
            assertTrue(accepted.isBlocking());
            client.channel().write(ByteBuffer.wrap(new byte[] {42}));
            ByteBuffer in = ByteBuffer.allocate(1);
            assertEquals(1, accepted.read(in));
            assertEquals(42, in.get(0));
        }
    }
}

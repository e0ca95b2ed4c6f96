package io.github.busgen.connection;

import io.github.busgen.auth.AuthResult;
import io.github.busgen.auth.Authenticator;
import io.github.busgen.auth.ServerAuthOptions;
import io.github.busgen.message.Message;
import io.github.busgen.message.MessageFramer;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.Leftovers;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection's fault promises (see the class comment of {@link Connection}) against a daemon
 * killed with SIGKILL, a plain {@link Connection#close()}, and a fake bus that breaks the
 * protocol: every pending call fails with Disconnected, disconnect listeners hear once, the
 * connection says it is closed, and none of its threads or sockets remains.
 */
class BusFaultsTest {
    static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/test/Faults");
    static final InterfaceName IFACE = InterfaceName.of("io.github.busgen.test.Faults");
    static final int CALLS = 100;

    static Message never(BusName destination) {
        return Message.methodCall(PATH, MemberName.of("Never")).interfaceName(IFACE).destination(destination).build();
    }

    /** A service whose Never method counts its calls down and never answers. */
    static SimpleInterface neverAnswering(CountDownLatch called) {
        return SimpleInterface.builder(IFACE.value())
                .method("Never", "", "", (call, args) -> {
                    called.countDown();
                    return new CompletableFuture<List<Object>>(); // never completed
                }).build();
    }

    /** Pending calls, each recording when it completed. */
    static final class Pending {
        final List<CompletableFuture<Message>> calls = new ArrayList<>();
        final AtomicLong lastCompletion = new AtomicLong();

        void start(Connection c, BusName destination, int count) {
            for (int i = 0; i < count; i++) {
                CompletableFuture<Message> f = c.callAsync(never(destination));
                f.whenComplete((m, t) -> lastCompletion.accumulateAndGet(System.nanoTime(), Math::max));
                calls.add(f);
            }
        }

        /** Asserts that every call failed with Disconnected. */
        void assertAllDisconnected() throws Exception {
            for (CompletableFuture<Message> f : calls) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
                assertInstanceOf(DBusException.class, e.getCause());
                assertTrue(((DBusException) e.getCause()).is(DBusErrors.DISCONNECTED), e.getCause().toString());
            }
        }
    }

    /** Everything a disconnect listener hears: the cause, or "null" after close(). */
    static BlockingQueue<Object> listen(Connection c) {
        BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
        c.onDisconnect(cause -> heard.add(cause == null ? "null" : cause));
        return heard;
    }

    static Object heardOnce(BlockingQueue<Object> heard) throws InterruptedException {
        Object first = heard.poll(10, TimeUnit.SECONDS);
        assertNotNull(first, "the disconnect listener heard nothing");
        assertNull(heard.poll(200, TimeUnit.MILLISECONDS), "the disconnect listener heard twice");
        return first;
    }

    static void assertClosedForGood(Connection c) {
        assertFalse(c.isOpen());
        DBusException e = assertThrows(DBusException.class, () -> c.call(never(BusName.of(":1.1"))));
        assertTrue(e.is(DBusErrors.DISCONNECTED), e.toString());
        CompletableFuture<Message> f = c.callAsync(never(BusName.of(":1.1")));
        assertTrue(f.isCompletedExceptionally(), "an async call on a closed connection fails at once");
    }

    @Test
    void killingTheDaemonFailsAHundredPendingCallsWithinASecond() throws Exception {
        Leftovers before = Leftovers.snapshot();
        PrivateBus bus = PrivateBus.start();
        try {
            Connection service = Connection.open(bus.address());
            Connection client = Connection.open(bus.address());
            CountDownLatch called = new CountDownLatch(CALLS);
            service.export(PATH, neverAnswering(called));
            BlockingQueue<Object> heard = listen(client);
            BlockingQueue<Object> serviceHeard = listen(service);
            Pending pending = new Pending();
            pending.start(client, service.uniqueName(), CALLS);
            assertTrue(called.await(10, TimeUnit.SECONDS), "the service did not get all the calls");

            long killed = System.nanoTime();
            bus.kill(); // SIGKILL
            pending.assertAllDisconnected();
            // The issue asks for every pending call to fail within a second of kill -9; this is that
            // requirement, measured from the kill to the last failure.
            long elapsed = pending.lastCompletion.get() - killed;
            assertTrue(elapsed < TimeUnit.SECONDS.toNanos(1), "the last call failed "
                    + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms after the kill");

            assertInstanceOf(Throwable.class, heardOnce(heard), "a fault has a cause");
            assertInstanceOf(Throwable.class, heardOnce(serviceHeard));
            assertNotNull(client.closeCause());
            assertClosedForGood(client);
            assertClosedForGood(service);
            before.assertNoneNewWithin(Duration.ofSeconds(5));
        } finally {
            bus.close();
        }
    }

    @Test
    void closeFailsPendingCallsAndLeavesNothingBehind() throws Exception {
        // the service runs its handlers on the test's own threads, so that only the client's are busgen's
        java.util.concurrent.ExecutorService servicePool = java.util.concurrent.Executors.newCachedThreadPool();
        try (PrivateBus bus = PrivateBus.start();
             Connection service = Connection.builder().address(bus.address()).executor(servicePool).connect()) {
            CountDownLatch called = new CountDownLatch(CALLS + 1);
            service.export(PATH, neverAnswering(called));
            Leftovers before = Leftovers.snapshot();
            Connection client = Connection.open(bus.address());
            BlockingQueue<Object> heard = listen(client);
            Pending pending = new Pending();
            pending.start(client, service.uniqueName(), CALLS);
            // a sync call blocked in another thread fails too
            CompletableFuture<Object> sync = CompletableFuture.supplyAsync(() -> {
                try {
                    return client.call(never(service.uniqueName()));
                } catch (DBusException e) {
                    return e;
                }
            });
            assertTrue(called.await(10, TimeUnit.SECONDS), "the service did not get all the calls");

            client.close();
            pending.assertAllDisconnected();
            Object syncResult = sync.get(10, TimeUnit.SECONDS);
            assertInstanceOf(DBusException.class, syncResult);
            assertTrue(((DBusException) syncResult).is(DBusErrors.DISCONNECTED), syncResult.toString());
            assertEquals("null", heardOnce(heard), "close() is no fault: the listener hears null");
            assertNull(client.closeCause());
            assertClosedForGood(client);
            client.close(); // twice is harmless
            before.assertNoneNewWithin(Duration.ofSeconds(5));
            assertTrue(service.isOpen(), "the other connection is untouched");
        } finally {
            servicePool.shutdownNow();
        }
    }

    /**
     * A fake bus on a unix socket: authenticates the client with busgen's SASL server, answers
     * Hello, and then sends what the test tells it.
     */
    static final class FakeBus implements AutoCloseable {
        final Path dir;
        final ServerSocketChannel listener;
        SocketChannel peer;
        MessageFramer framer;

        FakeBus() throws IOException {
            dir = Files.createTempDirectory("busgen-fake-bus");
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(dir.resolve("bus")));
        }

        String address() {
            return "unix:path=" + dir.resolve("bus");
        }

        /** Accepts and authenticates the client, then answers its Hello. */
        void serveHello() throws Exception {
            peer = listener.accept();
            AuthResult auth = Authenticator.server(peer, ServerAuthOptions.defaults());
            framer = new MessageFramer(peer, auth.leftover());
            Message hello = framer.read();
            assertEquals("Hello", hello.member().value());
            Message reply = Message.methodReturn(hello).sender(BusName.DBUS).serial(1)
                    .body(Signature.of("s"), ":1.1");
            write(reply.toByteArray());
        }

        void write(byte[] bytes) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                peer.write(b);
            }
        }

        /** Reads (and drops) the client's messages until it closes its end. */
        boolean readUntilClosed() throws Exception {
            while (true) {
                Message m;
                try {
                    m = framer.read();
                } catch (IOException e) {
                    return true; // reset by the client: closed too
                }
                if (m == null) {
                    return true;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (peer != null) {
                peer.close();
            }
            listener.close();
            Files.deleteIfExists(dir.resolve("bus"));
            Files.deleteIfExists(dir);
        }
    }

    /** A signal from the bus whose body is int32 7: the bytes the violations are made from. */
    static byte[] signalOfInt() {
        return Message.signal(ObjectPath.of("/x"), InterfaceName.of("x.Y"), MemberName.of("Z")).sender(BusName.DBUS)
                .serial(2).body(Signature.of("i"), 7).toByteArray();
    }

    /** Replaces the SIGNATURE header field's "i" (code 8, type g, length 1) with {@code code}. */
    static byte[] withSignatureCode(char code) {
        byte[] m = signalOfInt();
        for (int i = 0; i + 6 < m.length; i++) {
            if (m[i] == 8 && m[i + 1] == 1 && m[i + 2] == 'g' && m[i + 3] == 0 && m[i + 4] == 1 && m[i + 5] == 'i') {
                m[i + 5] = (byte) code;
                return m;
            }
        }
        throw new AssertionError("no signature field found");
    }

    static byte[] violation(String kind) {
        switch (kind) {
            case "garbage":
                return "this is not a D-Bus message at all, just bytes".getBytes(StandardCharsets.US_ASCII);
            case "invalid-signature":
                return withSignatureCode('('); // "(" is no signature
            case "body-not-matching-signature":
                return withSignatureCode('s'); // a string of length 7 with no bytes after it
            default:
                throw new IllegalArgumentException(kind);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "invalid-signature", "body-not-matching-signature"})
    void aProtocolViolationByTheBusClosesTheConnection(String kind) throws Exception {
        Leftovers before = Leftovers.snapshot();
        try (FakeBus fake = new FakeBus()) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try {
                    fake.serveHello();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            Connection client = Connection.open(fake.address());
            served.get(10, TimeUnit.SECONDS);
            assertEquals(":1.1", client.uniqueName().value());
            BlockingQueue<Object> heard = listen(client);
            Pending pending = new Pending();
            pending.start(client, BusName.of(":1.2"), 10);

            fake.write(violation(kind));
            pending.assertAllDisconnected();
            Object cause = heardOnce(heard);
            assertInstanceOf(DBusProtocolException.class, cause, "the listener hears the violation");
            assertClosedForGood(client);
            assertTrue(fake.readUntilClosed(), "the client closed its socket");
        }
        before.assertNoneNewWithin(Duration.ofSeconds(5));
    }
}

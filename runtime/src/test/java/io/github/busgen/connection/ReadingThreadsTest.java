package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who reads the socket (see "Threads" on {@link Connection}): synchronous callers reading their own
 * replies and handing the socket to each other, a caller reading while signals and calls for others
 * arrive, close, timeouts and interrupts while a caller reads, handlers served in place by reader
 * threads (blocking ones included, and synchronous calls from them), and the same with a
 * user-supplied executor, where one reader thread of its own reads. Peer to peer; both sides are
 * busgen connections.
 */
class ReadingThreadsTest {
    static final ObjectPath PATH = ObjectPath.of("/com/example/Reading");
    static final InterfaceName IFACE = InterfaceName.of("com.example.Reading");
    static final MemberName TICK = MemberName.of("Tick");
    static final Signature S = Signature.of("s"), I = Signature.of("i");

    /** Two connected peers, on their own threads or (both) on user executors, shut down with the pair. */
    static final class Pair implements AutoCloseable {
        final Connection client;
        final Connection server;
        private final PeerPair peers;
        private final ExecutorService[] executors;

        Pair(ExecutorService clientExecutor, ExecutorService serverExecutor) throws IOException {
            executors = new ExecutorService[] {clientExecutor, serverExecutor};
            peers = PeerPair.open(Duration.ofSeconds(20), clientExecutor, serverExecutor);
            client = peers.client;
            server = peers.server;
        }

        @Override
        public void close() throws IOException {
            peers.close();
            for (ExecutorService e : executors) {
                if (e != null) {
                    e.shutdownNow();
                }
            }
        }
    }

    /** Both sides on their own threads, or both on a user's executor. */
    static Pair pair(boolean userExecutors) throws IOException {
        return userExecutors ? new Pair(Executors.newCachedThreadPool(), Executors.newCachedThreadPool())
                : new Pair(null, null);
    }

    static Message call(String member, String signature, Object... args) {
        var b = Message.methodCall(PATH, MemberName.of(member)).interfaceName(IFACE);
        return signature.isEmpty() ? b.build() : b.body(Signature.of(signature), args);
    }

    static String text(Message m) {
        try {
            return m.bodyReader().readString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static int integer(Message m) {
        try {
            return m.bodyReader().readInt32();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A handler that counts itself in, then waits (at most 20 s) for {@code release}. */
    static SimpleInterface.Handler blocking(Runnable entered, CountDownLatch release) {
        return (c, args) -> {
            entered.run();
            release.await(20, TimeUnit.SECONDS);
            return null;
        };
    }

    /** A handler that calls Depth(n - 1) on the other side and answers one more than it got. */
    static final SimpleInterface.Handler DEPTH = (c, args) -> {
        int n = (Integer) args.get(0);
        return List.of(n == 0 ? 0 : 1 + integer(c.connection().call(call("Depth", "i", n - 1))));
    };

    static SimpleInterface.Builder echo() {
        return SimpleInterface.builder(IFACE.value()).method("Echo", "s", "s", (c, args) -> List.of(args.get(0)));
    }

    @ParameterizedTest(name = "user executors: {0}")
    @ValueSource(booleans = {false, true})
    void manyCallersShareTheSocketWhileSignalsArriveInOrder(boolean userExecutors) throws Exception {
        try (Pair p = pair(userExecutors)) {
            p.server.export(PATH, echo().method("Emit", "i", "", (c, args) -> {
                int n = (Integer) args.get(0);
                for (int i = 0; i < n; i++) {
                    c.connection().emitSignal(PATH, IFACE, TICK, I, i);
                }
                return null;
            }).build());
            List<Integer> ticks = Collections.synchronizedList(new ArrayList<>());
            p.client.subscribe(MatchRule.signal(IFACE, TICK), m -> ticks.add(integer(m)));
            int threads = 8;
            int calls = 300;
            ExecutorService callers = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(callers.submit(() -> {
                        for (int i = 0; i < calls; i++) {
                            String s = thread + "/" + i;
                            if (i % 10 == 3) {
                                // an asynchronous call among the synchronous ones: read by whoever leads
                                assertEquals(s, text(p.client.callAsync(call("Echo", "s", s)).get(10, TimeUnit.SECONDS)));
                            } else {
                                assertEquals(s, text(p.client.call(call("Echo", "s", s))));
                            }
                            if (thread == 0 && i % 50 == 0) {
                                p.client.call(call("Emit", "i", 20));
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                callers.shutdownNow();
            }
            List<Integer> expected = new ArrayList<>();
            for (int round = 0; round < calls / 50; round++) {
                for (int i = 0; i < 20; i++) {
                    expected.add(i);
                }
            }
            // a round trip after the last signal: the subscription has had them all by then, in order
            p.client.call(call("Echo", "s", "last"));
            await(() -> ticks.size() == expected.size());
            assertEquals(expected, new ArrayList<>(ticks));
            assertEquals(0, p.client.pendingCount());
        }
    }

    @ParameterizedTest(name = "user executors: {0}")
    @ValueSource(booleans = {false, true})
    void aCallerReadingServesCallsAndSignalsForOthers(boolean userExecutors) throws Exception {
        try (Pair p = pair(userExecutors)) {
            // the client exports an object too; the server's handler signals and calls back before answering
            p.client.export(PATH, echo().build());
            p.server.export(PATH, SimpleInterface.builder(IFACE.value()).method("Relay", "s", "s", (c, args) -> {
                c.connection().emitSignal(PATH, IFACE, TICK, I, 7);
                Message back = c.connection().call(call("Echo", "s", "back " + args.get(0)));
                return List.of(text(back));
            }).build());
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            p.client.subscribe(MatchRule.signal(IFACE, TICK), m -> seen.add("tick " + integer(m)));
            for (int i = 0; i < 50; i++) {
                // this thread reads the socket while it waits: the signal and the call back arrive first
                assertEquals("back " + i, text(p.client.call(call("Relay", "s", String.valueOf(i)))));
                assertEquals("tick 7", seen.poll(10, TimeUnit.SECONDS));
            }
        }
    }

    @ParameterizedTest(name = "user executors: {0}")
    @ValueSource(booleans = {false, true})
    void closingWhileACallerReadsFailsItAndLeavesNothingBehind(boolean userExecutors) throws Exception {
        long fdsBefore = descriptors();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Pair p = pair(userExecutors);
        try {
            p.server.export(PATH, echo().method("Block", "", "", blocking(entered::countDown, release)).build());
            p.client.call(call("Echo", "s", "warm")); // the socket left to nobody afterwards, for a while
            CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
                try {
                    p.client.call(call("Block", ""));
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            // the caller is reading the socket now, waiting in select
            p.client.close();
            Throwable t = failure.get(10, TimeUnit.SECONDS);
            assertTrue(t instanceof DBusException, String.valueOf(t));
            assertEquals(DBusErrors.DISCONNECTED, ((DBusException) t).errorName());
            assertFalse(p.client.isOpen());
        } finally {
            release.countDown();
            p.close();
        }
        await(() -> descriptors() <= fdsBefore);
        assertTrue(descriptors() <= fdsBefore, "descriptors left: " + (descriptors() - fdsBefore));
    }

    @ParameterizedTest(name = "user executors: {0}")
    @ValueSource(booleans = {false, true})
    void aTimeoutWhileReadingLeavesTheSocketToOthers(boolean userExecutors) throws Exception {
        try (Pair p = pair(userExecutors)) {
            CountDownLatch release = new CountDownLatch(1);
            p.server.export(PATH, echo().method("Block", "", "", blocking(() -> { }, release)).build());
            // a follower waits on another thread while the timing-out caller reads
            CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return text(p.client.call(call("Echo", "s", "other")));
            });
            DBusException e = assertThrows(DBusException.class,
                    () -> p.client.call(call("Block", ""), Duration.ofMillis(300)));
            assertEquals(DBusErrors.NO_REPLY, e.errorName());
            assertEquals("other", other.get(10, TimeUnit.SECONDS));
            // the socket is read after the timeout: asynchronous and synchronous replies still come
            assertEquals("async", text(p.client.callAsync(call("Echo", "s", "async")).get(10, TimeUnit.SECONDS)));
            assertEquals("sync", text(p.client.call(call("Echo", "s", "sync"))));
            release.countDown();
            assertEquals("after", text(p.client.call(call("Echo", "s", "after"))));
            assertEquals(0, p.client.pendingCount(), "timed-out calls are forgotten");
        }
    }

    @Test
    void anInterruptedCallerFailsAndTheConnectionGoesOn() throws Exception {
        try (Pair p = pair(false)) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            p.server.export(PATH, echo().method("Block", "", "", blocking(entered::countDown, release)).build());
            BlockingQueue<Object> outcome = new LinkedBlockingQueue<>();
            Thread caller = new Thread(() -> {
                try {
                    p.client.call(call("Block", ""));
                    outcome.add("returned");
                } catch (DBusException e) {
                    outcome.add(e.errorName().value() + (Thread.currentThread().isInterrupted() ? " interrupted" : ""));
                }
            });
            caller.start();
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            caller.interrupt();
            assertEquals(DBusErrors.FAILED.value() + " interrupted", outcome.poll(10, TimeUnit.SECONDS));
            assertTrue(p.client.isOpen());
            assertEquals("still", text(p.client.call(call("Echo", "s", "still"))));
            release.countDown();
        }
    }

    @ParameterizedTest(name = "user executors: {0}")
    @ValueSource(booleans = {false, true})
    void blockedHandlersDoNotStopOtherCalls(boolean userExecutors) throws Exception {
        try (Pair p = pair(userExecutors)) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger entered = new AtomicInteger();
            p.server.export(PATH, echo().method("Block", "", "", blocking(entered::incrementAndGet, release)).build());
            // several handlers blocked at once: each time the socket goes on being read by another thread
            List<CompletableFuture<Message>> blocked = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                blocked.add(p.client.callAsync(call("Block", "")));
                int n = i + 1;
                await(() -> entered.get() == n);
                assertEquals("served " + i, text(p.client.call(call("Echo", "s", "served " + i))));
            }
            for (CompletableFuture<Message> b : blocked) {
                assertFalse(b.isDone());
            }
            release.countDown();
            for (CompletableFuture<Message> b : blocked) {
                assertEquals(MessageType.METHOD_RETURN, b.get(10, TimeUnit.SECONDS).type());
            }
        }
    }

    @ParameterizedTest(name = "user executors: {0}")
    @ValueSource(booleans = {false, true})
    void handlersMakeSynchronousCallsBothWays(boolean userExecutors) throws Exception {
        try (Pair p = pair(userExecutors)) {
            p.client.export(PATH, echo().method("Depth", "i", "i", DEPTH).build());
            p.server.export(PATH, echo().method("Depth", "i", "i", DEPTH).build());
            // each side's handler calls the other side, which calls back, ten levels deep
            assertEquals(10, integer(p.client.call(call("Depth", "i", 10))));
            assertEquals(7, integer(p.server.call(call("Depth", "i", 7))));
        }
    }

    @Test
    void aDirectExecutorMayCallFromTheReadingThread() throws Exception {
        // a user executor that runs callbacks in place: a handler then runs on the thread that read
        // its call, and its synchronous call is read by that same thread
        ExecutorService direct = new java.util.concurrent.AbstractExecutorService() {
            private volatile boolean down;

            @Override
            public void execute(Runnable r) {
                r.run();
            }

            @Override
            public void shutdown() {
                down = true;
            }

            @Override
            public List<Runnable> shutdownNow() {
                down = true;
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return down;
            }

            @Override
            public boolean isTerminated() {
                return down;
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) {
                return true;
            }
        };
        try (Pair p = new Pair(null, direct)) {
            p.client.export(PATH, echo().build());
            p.server.export(PATH, SimpleInterface.builder(IFACE.value()).method("Relay", "s", "s",
                    (c, args) -> List.of(text(c.connection().call(call("Echo", "s", "via " + args.get(0)))))).build());
            assertEquals("via x", text(p.client.call(call("Relay", "s", "x"))));
        }
    }

    @Test
    void syncCallsAfterAQuietSpellStillSeeLaterMessages() throws Exception {
        try (Pair p = pair(false)) {
            p.server.export(PATH, echo().build());
            BlockingQueue<Integer> ticks = new LinkedBlockingQueue<>();
            p.client.subscribe(MatchRule.signal(IFACE, TICK), m -> ticks.add(integer(m)));
            for (int i = 0; i < 20; i++) {
                p.client.call(call("Echo", "s", "x"));
                // a signal that comes after the caller has left the socket: a reader thread reads it
                p.server.emitSignal(PATH, IFACE, TICK, I, i);
                assertEquals(i, ticks.poll(10, TimeUnit.SECONDS));
                Thread.sleep(i % 3); // sometimes before, sometimes after the reader thread is back
            }
        }
    }

    @Test
    void aWriterWaitsForRoomWhenThePeerDoesNotReadAndCloseReleasesIt() throws Exception {
        Path dir = Files.createTempDirectory("busgen-reading");
        Path socket = dir.resolve("s");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(socket));
            SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            try (SocketChannel raw = listener.accept()) {
                Connection client = new Connection(c, null, false, Duration.ofSeconds(20), null);
                client.start();
                try {
                    // far more than the socket buffers hold: the writer must wait for room, several times
                    byte[] payload = new byte[200_000];
                    int messages = 30;
                    CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < messages; i++) {
                            payload[0] = (byte) i;
                            client.emitSignal(PATH, IFACE, TICK, Signature.of("ay"), payload);
                        }
                    });
                    Thread.sleep(200);
                    assertFalse(sent.isDone(), "the socket cannot have taken it all");
                    io.github.busgen.message.MessageFramer framer = new io.github.busgen.message.MessageFramer(raw);
                    for (int i = 0; i < messages; i++) {
                        Message m = framer.read();
                        assertEquals(TICK, m.member());
                        assertEquals((byte) i, m.bodyReader().readByteArray()[0]);
                    }
                    sent.get(10, TimeUnit.SECONDS);

                    // and a writer waiting for room when the connection closes fails instead of hanging
                    CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                        try {
                            for (int i = 0; i < messages; i++) {
                                client.emitSignal(PATH, IFACE, TICK, Signature.of("ay"), payload);
                            }
                            return null;
                        } catch (Throwable t) {
                            return t;
                        }
                    });
                    Thread.sleep(200);
                    client.close();
                    Throwable t = blocked.get(10, TimeUnit.SECONDS);
                    assertTrue(t instanceof DBusException && ((DBusException) t).is(DBusErrors.DISCONNECTED),
                            String.valueOf(t));
                } finally {
                    client.close();
                }
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        }
    }

    /** This process's open descriptors that a connection makes: sockets, epoll instances, event fds and pipes. */
    static long descriptors() throws IOException {
        long n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:") || target.startsWith("anon_inode:") || target.startsWith("pipe:")) {
                        n++;
                    }
                } catch (IOException ignored) {
                    // closed meanwhile
                }
            }
        }
        return n;
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(Condition c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!c.holds() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(c.holds(), "condition not met within 10 s");
    }

    @Test
    void pendingCallsTableKeepsEveryCallFindable() {
        PendingCalls t = new PendingCalls();
        java.util.Map<Integer, PendingCall> model = new java.util.HashMap<>();
        java.util.Random r = new java.util.Random(8);
        for (int step = 0; step < 200_000; step++) {
            int serial = 1 + r.nextInt(300);
            switch (r.nextInt(3)) {
                case 0: {
                    PendingCall c = r.nextBoolean() ? PendingCall.sync(null) : PendingCall.async(null, null);
                    t.put(serial, c);
                    model.put(serial, c);
                    break;
                }
                case 1:
                    assertEquals(model.remove(serial), t.remove(serial));
                    break;
                default:
                    assertEquals(model.get(serial), t.get(serial));
            }
            assertEquals(model.size(), t.size());
        }
        long async = model.values().stream().filter(c -> c.future != null).count();
        assertEquals(async, t.asyncCount());
        assertNotNull(t.removeAll());
        assertEquals(0, t.size());
        assertEquals(0, t.asyncCount());
    }
    /**
     * A handler served in place that returns with its thread's interrupt flag set (the usual
     * {@code Thread.currentThread().interrupt()} after catching an InterruptedException) does not
     * pass the flag on: the next handlers, on whichever reader thread serves them, start with it
     * clear, and a synchronous call made from one of them works.
     */
    @Test
    void anInterruptLeftByAHandlerDoesNotReachTheNextOnes() throws Exception {
        try (Pair p = pair(false)) {
            p.client.export(PATH, SimpleInterface.builder(IFACE.value()).method("Depth", "i", "i", DEPTH).build());
            p.server.export(PATH, SimpleInterface.builder(IFACE.value())
                    .method("Interrupt", "", "", (c, args) -> {
                        Thread.currentThread().interrupt();
                        return null;
                    })
                    .method("WasInterrupted", "", "b", (c, args) -> List.of(Thread.currentThread().isInterrupted()))
                    .method("Depth", "i", "i", DEPTH)
                    .build());
            for (int i = 0; i < 50; i++) {
                p.client.call(call("Interrupt", ""));
                Message m = p.client.call(call("WasInterrupted", ""));
                assertFalse(m.bodyReader().readBoolean(), "handler " + i + " started interrupted");
            }
            p.client.call(call("Interrupt", ""));
            assertEquals(3, integer(p.client.call(call("Depth", "i", 3))),
                    "a synchronous call from a handler after an interrupting one");
        }
    }

    /**
     * A signal whose handler the user's executor refuses is dropped (and counted) rather than
     * closing the connection, and signals after it are delivered again once the executor accepts.
     */
    @Test
    void aSignalTheExecutorRefusesIsDroppedAndTheConnectionStays() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean refuse = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService refusing = new java.util.concurrent.ThreadPoolExecutor(0, 8, 30, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>()) {
            @Override
            public void execute(Runnable command) {
                if (refuse.get()) {
                    throw new java.util.concurrent.RejectedExecutionException("refused by the test");
                }
                super.execute(command);
            }
        };
        try (Pair p = new Pair(refusing, Executors.newCachedThreadPool())) {
            p.server.export(PATH, echo().method("Emit", "i", "", (c, args) -> {
                c.connection().emitSignal(PATH, IFACE, TICK, I, (Integer) args.get(0));
                return null;
            }).build());
            BlockingQueue<Integer> ticks = new LinkedBlockingQueue<>();
            p.client.subscribe(MatchRule.signal(IFACE, TICK), m -> ticks.add(integer(m)));

            refuse.set(true);
            p.client.call(call("Emit", "i", 1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (p.client.droppedSignals() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, p.client.droppedSignals());
            assertTrue(p.client.isOpen(), "a refused signal closed the connection");

            refuse.set(false);
            p.client.call(call("Emit", "i", 2));
            assertEquals(2, ticks.poll(10, TimeUnit.SECONDS));
            assertTrue(ticks.isEmpty(), "the refused signal was delivered after all: " + ticks);
        }
    }
}

package io.github.busgen.connection;

import io.github.busgen.fdo.BusClient;
import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.Leftovers;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection's threading promises on a private dbus-daemon: a blocked signal handler delays
 * no reply and no later signal is lost or reordered; synchronous calls made inside signal handlers
 * and exported methods work; callbacks run on the executor the builder was given.
 */
class BusThreadingTest {
    static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/test/Threads");
    static final InterfaceName IFACE = InterfaceName.of("io.github.busgen.test.Threads");
    static final BusName SERVICE = BusName.of("io.github.busgen.test.Threads");
    static final Signature S = Signature.of("s");

    static Message echo(BusName to, String text) {
        return Message.methodCall(PATH, MemberName.of("Echo")).interfaceName(IFACE).destination(to).body(S, text);
    }


    static Connection echoService(PrivateBus bus) throws Exception {
        Connection service = Connection.open(bus.address());
        service.export(PATH, SimpleInterface.builder(IFACE.value())
                .method("Echo", "s", "s", (call, args) -> List.of("echo " + args.get(0))).build());
        service.requestName(SERVICE, 0);
        return service;
    }

    static MatchRule signals() {
        return MatchRule.builder().type(MessageType.SIGNAL).interfaceName(IFACE).build();
    }

    static void gdbusEmit(PrivateBus bus, String text) {
        Programs.gdbusOn(bus.address(), "emit", "--object-path", PATH.value(), "--signal", IFACE.value() + ".Said",
                "'" + text + "'");
    }

    @Test
    void aBlockedSignalHandlerDelaysNoReplyAndLosesNoSignal() throws Exception {
        try (PrivateBus bus = PrivateBus.start(); Connection service = echoService(bus);
             Connection client = Connection.open(bus.address())) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            client.subscribe(signals(), m -> {
                String t = Bodies.text(m);
                if (t.equals("block")) {
                    entered.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                got.add(t);
            });
            gdbusEmit(bus, "block");
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the handler did not start");
            for (int i = 0; i < 5; i++) {
                service.emitSignal(PATH, IFACE, MemberName.of("Said"), S, "after " + i);
            }
            // replies still come while the handler is blocked
            assertEquals("echo sync", Bodies.text(client.call(echo(SERVICE, "sync"))));
            assertEquals("echo async", Bodies.text(client.callAsync(echo(SERVICE, "async")).get(10, TimeUnit.SECONDS)));
            assertTrue(got.isEmpty(), "signal handlers run one at a time: " + got);
            release.countDown();
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                order.add(got.poll(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of("block", "after 0", "after 1", "after 2", "after 3", "after 4"), order);
        }
    }

    @Test
    void syncCallsInsideSignalHandlersAndExportedMethodsWork() throws Exception {
        try (PrivateBus bus = PrivateBus.start(); Connection service = echoService(bus);
             Connection client = Connection.open(bus.address())) {
            // a relay whose method calls the echo service synchronously, a well-known name it has never called
            client.export(PATH, SimpleInterface.builder(IFACE.value())
                    .method("Relay", "s", "s", (call, args) -> List.of(Bodies.text(call.connection().call(
                            echo(SERVICE, (String) args.get(0)))))).build());
            BlockingQueue<String> results = new LinkedBlockingQueue<>();
            client.subscribe(signals(), m -> {
                // inside a signal handler: a call to a service (first use of its name) and to the bus
                results.add(Bodies.text(client.call(echo(SERVICE, Bodies.text(m)))));
                results.add(Boolean.toString(new BusClient(client).nameHasOwner(SERVICE)));
            });
            gdbusEmit(bus, "from gdbus");
            assertEquals("echo from gdbus", results.poll(10, TimeUnit.SECONDS));
            assertEquals("true", results.poll(10, TimeUnit.SECONDS));

            Message relay = Message.methodCall(PATH, MemberName.of("Relay")).interfaceName(IFACE)
                    .destination(client.uniqueName()).body(S, "relayed");
            assertEquals("echo relayed", Bodies.text(service.call(relay)));
        }
    }

    @Test
    void callbacksRunOnTheConfiguredExecutor() throws Exception {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> new Thread(r, "test-executor-" + n.incrementAndGet()));
        try (PrivateBus bus = PrivateBus.start(); Connection service = echoService(bus)) {
            Leftovers before = Leftovers.snapshot();
            BlockingQueue<String> threads = new LinkedBlockingQueue<>();
            try (Connection c = Connection.builder().address(bus.address()).executor(pool).connect()) {
                c.export(PATH, SimpleInterface.builder(IFACE.value()).method("Where", "", "", (call, args) -> {
                    threads.add("method " + Thread.currentThread().getName());
                    return null;
                }).build());
                c.subscribe(signals(), m -> threads.add("signal " + Thread.currentThread().getName()));
                c.onDisconnect(cause -> threads.add("disconnect " + Thread.currentThread().getName()));
                service.call(Message.methodCall(PATH, MemberName.of("Where")).interfaceName(IFACE)
                        .destination(c.uniqueName()).build());
                service.emitSignal(PATH, IFACE, MemberName.of("Said"), S, "x");
                // a stage attached before the reply comes (one attached after completion runs on the caller)
                java.util.concurrent.CompletableFuture<List<Object>> later = new java.util.concurrent.CompletableFuture<>();
                ObjectPath laterPath = ObjectPath.of("/io/github/busgen/test/Later");
                service.export(laterPath, SimpleInterface.builder(IFACE.value())
                        .method("Later", "", "", (call, args) -> later).build());
                var done = c.callAsync(Message.methodCall(laterPath, MemberName.of("Later")).interfaceName(IFACE)
                        .destination(SERVICE).build())
                        .thenRun(() -> threads.add("stage " + Thread.currentThread().getName()));
                later.complete(List.of());
                done.get(10, TimeUnit.SECONDS);
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    seen.add(threads.poll(10, TimeUnit.SECONDS));
                }
                for (String s : seen) {
                    assertTrue(s.matches("(method|signal|stage) test-executor-\\d+"), seen.toString());
                }
                // its own threads: the reader, and the timer of async calls; no dispatch threads
                assertTrue(before.newThreads().stream().noneMatch(t -> t.startsWith("busgen-dispatch-")),
                        before.newThreads().toString());
            }
            String disconnect = threads.poll(10, TimeUnit.SECONDS);
            assertTrue(disconnect.matches("disconnect test-executor-\\d+"), disconnect);
            before.assertNoneNewWithin(java.time.Duration.ofSeconds(5));
        } finally {
            pool.shutdownNow();
        }
    }
}

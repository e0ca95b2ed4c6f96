package io.github.busgen.connection;

import io.github.busgen.introspect.PropertyInfo;
import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Variant;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection logic peer to peer over a real unix socket: calls, errors, timeouts, dispatch, close. */
class PeerConnectionTest {
    static final ObjectPath PATH = ObjectPath.of("/com/example/Test");
    static final InterfaceName IFACE = InterfaceName.of("com.example.Test");

    static Message call(String member, String signature, Object... args) {
        var b = Message.methodCall(PATH, MemberName.of(member)).interfaceName(IFACE);
        return signature.isEmpty() ? b.build() : b.body(Signature.of(signature), args);
    }

    static SimpleInterface.Builder testInterface() {
        return SimpleInterface.builder("com.example.Test")
                .method("Echo", "s", "s", (c, args) -> List.of(args.get(0)))
                .method("Fail", "", "", (c, args) -> {
                    throw new DBusException(io.github.busgen.names.ErrorName.of("com.example.Error.Broken"), "it broke");
                });
    }

    @Test
    void syncAndAsyncCallsGetReplies() throws Exception {
        try (PeerPair p = PeerPair.open()) {
            p.server.export(PATH, testInterface().build());
            Message reply = p.client.call(call("Echo", "s", "héllo ✓"));
            assertEquals(MessageType.METHOD_RETURN, reply.type());
            assertEquals(List.of("héllo ✓"), reply.body());
            Message async = p.client.callAsync(call("Echo", "s", "async")).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("async"), async.body());
        }
    }

    @Test
    void errorRepliesCarryNameAndMessage() throws Exception {
        try (PeerPair p = PeerPair.open()) {
            p.server.export(PATH, testInterface().build());
            DBusException e = assertThrows(DBusException.class, () -> p.client.call(call("Fail", "")));
            assertEquals("com.example.Error.Broken", e.errorName().value());
            assertEquals("it broke", e.getMessage());
            ExecutionException ee = assertThrows(ExecutionException.class,
                    () -> p.client.callAsync(call("Fail", "")).get(5, TimeUnit.SECONDS));
            assertEquals("com.example.Error.Broken", ((DBusException) ee.getCause()).errorName().value());
        }
    }

    @Test
    void aCallWithoutReplyTimesOutWithNoReply() throws Exception {
        try (PeerPair p = PeerPair.open()) {
            CountDownLatch release = new CountDownLatch(1);
            p.server.export(PATH, testInterface().method("Hang", "", "", (c, a) -> {
                release.await(10, TimeUnit.SECONDS);
                return null;
            }).build());
            DBusException e = assertThrows(DBusException.class,
                    () -> p.client.call(call("Hang", ""), Duration.ofMillis(200)));
            assertTrue(e.is(DBusErrors.NO_REPLY), e.toString());
            ExecutionException ee = assertThrows(ExecutionException.class,
                    () -> p.client.callAsync(call("Hang", ""), Duration.ofMillis(200)).get(5, TimeUnit.SECONDS));
            assertTrue(((DBusException) ee.getCause()).is(DBusErrors.NO_REPLY));
            release.countDown();
            // the late replies are ignored and the connection still works
            assertEquals(List.of("x"), p.client.call(call("Echo", "s", "x")).body());
        }
    }

    @Test
    void cancellingAnAsyncCallForgetsIt() throws Exception {
        try (PeerPair p = PeerPair.open()) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            p.server.export(PATH, testInterface().method("Slow", "", "s", (c, a) -> {
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
                return List.of("late");
            }).build());
            CompletableFuture<Message> f = p.client.callAsync(call("Slow", ""));
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            assertTrue(f.cancel(true));
            release.countDown();
            assertEquals(List.of("y"), p.client.call(call("Echo", "s", "y")).body());
            assertTrue(f.isCancelled());
        }
    }

    @Test
    void closingThePeerFailsPendingCallsAndTellsListenersOnce() throws Exception {
        try (PeerPair p = PeerPair.open()) {
            p.server.export(PATH, testInterface().method("Hang", "", "", (c, a) -> {
                Thread.sleep(10_000);
                return null;
            }).build());
            BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
            p.client.onDisconnect(t -> heard.add(t == null ? "null" : t));
            List<CompletableFuture<Message>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(p.client.callAsync(call("Hang", "")));
            }
            p.server.close();
            for (CompletableFuture<Message> c : calls) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> c.get(5, TimeUnit.SECONDS));
                assertTrue(((DBusException) e.getCause()).is(DBusErrors.DISCONNECTED), e.getCause().toString());
            }
            Object cause = heard.poll(5, TimeUnit.SECONDS);
            assertNotNull(cause);
            assertInstanceOf(Throwable.class, cause);
            assertNull(heard.poll(200, TimeUnit.MILLISECONDS), "told twice");
            assertFalse(p.client.isOpen());
            DBusException e = assertThrows(DBusException.class, () -> p.client.call(call("Echo", "s", "z")));
            assertTrue(e.is(DBusErrors.DISCONNECTED));
        }
    }

    @Test
    void theRegistryAnswersTheSpecificationsErrors() throws Exception {
        AtomicInteger count = new AtomicInteger(7);
        try (PeerPair p = PeerPair.open()) {
            p.server.export(PATH, testInterface()
                    .property("Count", "i", PropertyInfo.Access.READWRITE, count::get, v -> count.set((Integer) v))
                    .property("Name", "s", PropertyInfo.Access.READ, () -> "test", null)
                    .build());
            assertError(p, Message.methodCall(ObjectPath.of("/nowhere"), MemberName.of("Echo")).build(),
                    DBusErrors.UNKNOWN_OBJECT);
            assertError(p, Message.methodCall(PATH, MemberName.of("Echo")).interfaceName(InterfaceName.of("com.example.Other"))
                    .build(), DBusErrors.UNKNOWN_INTERFACE);
            assertError(p, call("Nope", ""), DBusErrors.UNKNOWN_METHOD);
            assertError(p, call("Echo", "i", 5), DBusErrors.INVALID_ARGS);
            assertError(p, props("Get", "ss", "com.example.Test", "Missing"), DBusErrors.UNKNOWN_PROPERTY);
            assertError(p, props("Set", "ssv", "com.example.Test", "Name", Variant.ofString("x")),
                    DBusErrors.PROPERTY_READ_ONLY);
            assertError(p, props("Set", "ssv", "com.example.Test", "Count", Variant.ofString("x")),
                    DBusErrors.INVALID_ARGS);
            // a call without an interface finds the method by name
            Message noIface = Message.methodCall(PATH, MemberName.of("Echo")).body(Signature.of("s"), "any");
            assertEquals(List.of("any"), p.client.call(noIface).body());
            // properties
            assertEquals(List.of(Variant.ofInt32(7)), p.client.call(props("Get", "ss", "com.example.Test", "Count")).body());
            p.client.call(props("Set", "ssv", "com.example.Test", "Count", Variant.ofInt32(42)));
            assertEquals(42, count.get());
            Object all = p.client.call(props("GetAll", "s", "com.example.Test")).body().get(0);
            assertEquals(Map.of("Count", Variant.ofInt32(42), "Name", Variant.ofString("test")), all);
        }
    }

    /**
     * Property names need not be member names (specification, "org.freedesktop.DBus.Properties"):
     * a GObject-style one and one of punctuation that XML must escape work in Get, Set, GetAll,
     * PropertiesChanged and Introspect.
     */
    @Test
    void propertyNamesThatAreNoMemberNamesWorkEverywhere() throws Exception {
        AtomicInteger printing = new AtomicInteger(0);
        String odd = "a&b<c>\"d'*/";
        try (PeerPair p = PeerPair.open()) {
            SimpleInterface iface = testInterface()
                    .property("disable-printing", "b", PropertyInfo.Access.READWRITE, () -> printing.get() == 1,
                            v -> printing.set((Boolean) v ? 1 : 0))
                    .property(odd, "s", PropertyInfo.Access.READ, () -> "odd", null)
                    .build();
            p.server.export(PATH, iface);
            assertEquals(List.of(Variant.ofBoolean(false)),
                    p.client.call(props("Get", "ss", "com.example.Test", "disable-printing")).body());
            p.client.call(props("Set", "ssv", "com.example.Test", "disable-printing", Variant.ofBoolean(true)));
            assertEquals(1, printing.get());
            assertEquals(List.of(Variant.ofString("odd")), p.client.call(props("Get", "ss", "", odd)).body());
            Object all = p.client.call(props("GetAll", "s", "com.example.Test")).body().get(0);
            assertEquals(Map.of("disable-printing", Variant.ofBoolean(true), odd, Variant.ofString("odd")), all);
            assertError(p, props("Get", "ss", "com.example.Test", "disable_printing"), DBusErrors.UNKNOWN_PROPERTY);

            BlockingQueue<List<Object>> changes = new LinkedBlockingQueue<>();
            try (Subscription s = p.client.subscribe(MatchRule.signal(StandardInterfaces.PROPERTIES,
                    MemberName.of("PropertiesChanged")), m -> changes.add(Bodies.values(m)))) {
                p.server.emitPropertiesChanged(PATH, iface, List.of("disable-printing"));
                assertEquals(List.of("com.example.Test", Map.of("disable-printing", Variant.ofBoolean(true)), List.of()),
                        changes.poll(10, TimeUnit.SECONDS));
            }

            String xml = (String) p.client.call(Message.methodCall(PATH, MemberName.of("Introspect"))
                    .interfaceName(StandardInterfaces.INTROSPECTABLE).build()).body().get(0);
            assertTrue(xml.contains("<property name=\"disable-printing\" type=\"b\" access=\"readwrite\"/>"), xml);
            assertTrue(xml.contains("<property name=\"a&amp;b&lt;c&gt;&quot;d'*/\" type=\"s\" access=\"read\"/>"), xml);
        }
        assertThrows(io.github.busgen.names.InvalidNameException.class, () -> testInterface()
                .property("paper size", "s", PropertyInfo.Access.READ, () -> "A4", null));
    }

    static Message props(String member, String signature, Object... args) {
        return Message.methodCall(PATH, MemberName.of(member)).interfaceName(StandardInterfaces.PROPERTIES)
                .body(Signature.of(signature), args);
    }

    static void assertError(PeerPair p, Message m, io.github.busgen.names.ErrorName expected) {
        DBusException e = assertThrows(DBusException.class, () -> p.client.call(m));
        assertEquals(expected, e.errorName(), e.toString());
        assertFalse(e.getMessage().isEmpty(), "error replies say why");
    }

    @Test
    void noReplyExpectedGetsNoReplyButRunsTheHandler() throws Exception {
        try (PeerPair p = PeerPair.open()) {
            BlockingQueue<String> ran = new LinkedBlockingQueue<>();
            p.server.export(PATH, testInterface().method("Note", "s", "s", (c, a) -> {
                ran.add((String) a.get(0));
                return List.of("reply that must not be sent");
            }).build());
            BlockingQueue<Message> unexpected = new LinkedBlockingQueue<>();
            // watch everything the server sends back
            p.client.subscribe(MatchRule.builder().build(), unexpected::add);
            Message m = Message.methodCall(PATH, MemberName.of("Note")).interfaceName(IFACE).noReplyExpected(true)
                    .body(Signature.of("s"), "hi");
            p.client.send(m);
            assertEquals("hi", ran.poll(5, TimeUnit.SECONDS));
            Message bad = Message.methodCall(PATH, MemberName.of("Missing")).noReplyExpected(true).build();
            p.client.send(bad);
            // a round trip after both: had any reply been sent, it would have arrived before this one
            assertEquals(List.of("sync"), p.client.call(call("Echo", "s", "sync")).body());
            assertTrue(unexpected.isEmpty(), unexpected.toString());
        }
    }

    @Test
    void throwingBlockingAndLateHandlersDoNotStopOthers() throws Exception {
        try (PeerPair p = PeerPair.open()) {
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<List<Object>> late = new CompletableFuture<>();
            p.server.export(PATH, testInterface()
                    .method("Block", "", "", (c, a) -> {
                        release.await(10, TimeUnit.SECONDS);
                        return null;
                    })
                    .method("Throw", "", "", (c, a) -> {
                        throw new IllegalStateException("boom");
                    })
                    .method("Bad", "", "", (c, a) -> {
                        throw new IllegalArgumentException("bad argument");
                    })
                    .method("Late", "", "s", (c, a) -> late)
                    .build());
            CompletableFuture<Message> blocked = p.client.callAsync(call("Block", ""));
            CompletableFuture<Message> lateReply = p.client.callAsync(call("Late", ""));
            DBusException thrown = assertThrows(DBusException.class, () -> p.client.call(call("Throw", "")));
            assertEquals(DBusErrors.FAILED, thrown.errorName());
            assertEquals("boom", thrown.getMessage());
            assertEquals(DBusErrors.INVALID_ARGS,
                    assertThrows(DBusException.class, () -> p.client.call(call("Bad", ""))).errorName());
            assertEquals(List.of("still served"), p.client.call(call("Echo", "s", "still served")).body());
            assertFalse(blocked.isDone());
            late.complete(List.of("answered late"));
            assertEquals(List.of("answered late"), lateReply.get(5, TimeUnit.SECONDS).body());
            release.countDown();
            assertEquals(MessageType.METHOD_RETURN, blocked.get(5, TimeUnit.SECONDS).type());
        }
    }

    @Test
    void signalsReachSubscribersInOrderAndSyncCallsWorkInsideHandlers() throws Exception {
        try (PeerPair p = PeerPair.open()) {
            p.server.export(PATH, testInterface().build());
            p.client.export(PATH, testInterface().build());
            List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            MatchRule rule = MatchRule.signal(IFACE, MemberName.of("Tick"));
            try (Subscription s = p.server.subscribe(rule, m -> {
                try {
                    int n = (Integer) m.body().get(0);
                    // a synchronous call from inside a handler
                    p.server.call(call("Echo", "s", "n" + n));
                    seen.add(n);
                    if (n == 199) {
                        done.countDown();
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            })) {
                for (int i = 0; i < 200; i++) {
                    p.client.emitSignal(PATH, IFACE, MemberName.of("Tick"), Signature.of("i"), i);
                }
                assertTrue(done.await(10, TimeUnit.SECONDS));
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add(i);
            }
            assertEquals(expected, seen);
        }
    }

    @Test
    void introspectionListsInterfacesArgumentsAndChildren() throws Exception {
        try (PeerPair p = PeerPair.open()) {
            p.server.export(PATH, testInterface().signal("Changed", "i").build());
            p.server.export(ObjectPath.of("/com/example/Test/child/deep"), testInterface().build());
            String xml = (String) p.client.call(Message.methodCall(PATH, MemberName.of("Introspect"))
                    .interfaceName(StandardInterfaces.INTROSPECTABLE).build()).body().get(0);
            assertTrue(xml.startsWith("<!DOCTYPE node PUBLIC"), xml);
            assertTrue(xml.contains("<interface name=\"com.example.Test\">"), xml);
            assertTrue(xml.contains("<method name=\"Echo\">"), xml);
            assertTrue(xml.contains("<arg type=\"s\" direction=\"in\"/>"), xml);
            assertTrue(xml.contains("<signal name=\"Changed\">"), xml);
            assertTrue(xml.contains("<interface name=\"org.freedesktop.DBus.Properties\">"), xml);
            assertTrue(xml.contains("<node name=\"child\"/>"), xml);
            // the intermediate node exists, with only children
            String root = (String) p.client.call(Message.methodCall(ObjectPath.ROOT, MemberName.of("Introspect"))
                    .interfaceName(StandardInterfaces.INTROSPECTABLE).build()).body().get(0);
            assertTrue(root.contains("<node name=\"com\"/>"), root);
            assertFalse(root.contains("com.example.Test"), root);
        }
    }

    @Test
    void peerPingAndMachineIdWorkOnAnyPath() throws Exception {
        try (PeerPair p = PeerPair.open()) {
            Message ping = Message.methodCall(ObjectPath.of("/any/where"), MemberName.of("Ping"))
                    .interfaceName(StandardInterfaces.PEER).build();
            assertEquals(MessageType.METHOD_RETURN, p.client.call(ping).type());
            Message id = Message.methodCall(ObjectPath.ROOT, MemberName.of("GetMachineId"))
                    .interfaceName(StandardInterfaces.PEER).build();
            String machineId = (String) p.client.call(id).body().get(0);
            assertTrue(machineId.matches("[0-9a-f]{32}"), machineId);
        }
    }

    @Test
    void closeLeavesNoThreadsBehind() throws Exception {
        PeerPair p = PeerPair.open();
        p.server.export(PATH, testInterface().build());
        p.client.call(call("Echo", "s", "x"));
        p.client.callAsync(call("Echo", "s", "y"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        p.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> left;
        do {
            left = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith("busgen-") && t.isAlive()
                        && (t.getName().contains("-" + idOf(p.client) + "-") || t.getName().endsWith("-" + idOf(p.client))
                        || t.getName().contains("-" + idOf(p.server) + "-") || t.getName().endsWith("-" + idOf(p.server)))) {
                    left.add(t.getName());
                }
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline && sleep());
        assertEquals(List.of(), left);
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }

    private static String idOf(Connection c) {
        String s = c.toString(); // Connection[ID, ...]
        return s.substring("Connection[".length()).split("[,\\]]")[0];
    }
}

package io.github.busgen.connection;

import io.github.busgen.message.Flags;
import io.github.busgen.message.Message;
import io.github.busgen.message.MessageBuilder;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Call flags, timeouts and cancellation on a private dbus-daemon: the header flags
 * NO_REPLY_EXPECTED, NO_AUTO_START and ALLOW_INTERACTIVE_AUTHORIZATION as {@code busctl monitor}
 * sees them on the wire and as the receiving service sees them; NO_AUTO_START honoured by the
 * daemon's activation; the 25-second default timeout, per-call timeouts, and cancelled async calls.
 */
class BusCallFlagsTest {
    static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/test/Flags");
    static final InterfaceName IFACE = InterfaceName.of("io.github.busgen.test.Flags");
    static final Signature S = Signature.of("s");

    static MessageBuilder call(String member, BusName destination) {
        return Message.methodCall(PATH, MemberName.of(member)).interfaceName(IFACE).destination(destination);
    }

    /** One message as {@code busctl monitor} prints it: the keys of its first two lines. */
    static Map<String, String> readMonitored(Programs.Peer monitor) throws InterruptedException {
        Map<String, String> fields = new HashMap<>();
        String type = monitor.await(l -> l.startsWith("‣ Type="), Duration.ofSeconds(10));
        String addressing = monitor.await(l -> true, Duration.ofSeconds(10));
        Matcher m = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher(type + " " + addressing);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return fields;
    }

    @Test
    void flagsReachTheWireAndTheServiceAndNoReplyExpectedGetsNone() throws Exception {
        String busctl = Programs.busctl();
        Map<String, Integer> serviceSaw = new ConcurrentHashMap<>();
        CountDownLatch quietCalled = new CountDownLatch(1);
        CompletableFuture<List<Object>> quietAnswer = new CompletableFuture<>();
        try (PrivateBus bus = PrivateBus.start(); Connection service = Connection.open(bus.address());
             Connection client = Connection.open(bus.address())) {
            service.export(PATH, SimpleInterface.builder(IFACE.value())
                    .method("Plain", "s", "", (call, args) -> {
                        serviceSaw.put((String) args.get(0), call.flags());
                        return null;
                    })
                    .method("Quiet", "s", "s", (call, args) -> {
                        serviceSaw.put((String) args.get(0), call.flags());
                        quietCalled.countDown();
                        return quietAnswer; // answered below; the registry must not send it
                    }).build());
            try (Programs.Peer monitor = Programs.start(busctl, "--address=" + bus.address(), "monitor")) {
                monitor.await(l -> l.contains("Monitoring bus message stream"), Duration.ofSeconds(10));
                BusName to = service.uniqueName();
                Message plain = call("Plain", to).body(S, "plain");
                Message noAutoStart = CallOptions.DEFAULT.withNoAutoStart(true).applyTo(call("Plain", to))
                        .body(S, "no-auto-start");
                Message interactive = CallOptions.DEFAULT.withInteractiveAuthorization(true).applyTo(call("Plain", to))
                        .body(S, "interactive");
                Message quiet = call("Quiet", to).noReplyExpected(true).body(S, "no-reply");
                client.call(plain);
                client.call(noAutoStart);
                client.call(interactive);
                client.send(quiet);
                assertTrue(quietCalled.await(10, TimeUnit.SECONDS), "the service did not get the no-reply call");
                quietAnswer.complete(List.of("must not be sent")); // any reply would be written now, in this thread
                Message sentinel = call("Plain", to).body(S, "sentinel");
                client.call(sentinel);

                Map<Integer, Integer> flagsBySerial = new HashMap<>();
                List<String> repliesTo = new ArrayList<>();
                while (true) {
                    Map<String, String> m = readMonitored(monitor);
                    String sender = m.get("Sender");
                    if ("method_call".equals(m.get("Type")) && client.uniqueName().value().equals(sender)) {
                        flagsBySerial.put(Integer.parseInt(m.get("Cookie")), Integer.parseInt(m.get("Flags")));
                    } else if (to.value().equals(sender) && m.containsKey("ReplyCookie")) {
                        repliesTo.add(m.get("ReplyCookie"));
                        if (m.get("ReplyCookie").equals(Integer.toString(sentinel.serial()))) {
                            break;
                        }
                    }
                }
                assertEquals(0, flagsBySerial.get(plain.serial()));
                assertEquals(Flags.NO_AUTO_START, flagsBySerial.get(noAutoStart.serial()));
                assertEquals(Flags.ALLOW_INTERACTIVE_AUTHORIZATION, flagsBySerial.get(interactive.serial()));
                assertEquals(Flags.NO_REPLY_EXPECTED, flagsBySerial.get(quiet.serial()));
                assertEquals(List.of(plain.serial(), noAutoStart.serial(), interactive.serial(), sentinel.serial()),
                        repliesTo.stream().map(Integer::valueOf).toList(), "replies the service sent, in order");
            }
            assertEquals(Map.of("plain", 0, "no-auto-start", Flags.NO_AUTO_START,
                    "interactive", Flags.ALLOW_INTERACTIVE_AUTHORIZATION, "no-reply", Flags.NO_REPLY_EXPECTED,
                    "sentinel", 0), serviceSaw);
        }
    }

    @Test
    void noAutoStartStopsTheDaemonFromStartingAService() throws Exception {
        BusName activatable = BusName.of("io.github.busgen.test.Activatable");
        // the service's program exits at once, so that an attempt to start it fails fast and visibly
        try (PrivateBus bus = PrivateBus.start(PrivateBus.config().activatable(activatable.value(), "/bin/false"));
             Connection client = Connection.open(bus.address())) {
            Message withFlag = CallOptions.DEFAULT.withNoAutoStart(true).applyTo(call("Plain", activatable)).build();
            DBusException refused = assertThrows(DBusException.class, () -> client.call(withFlag));
            // dbus-daemon's answer to a call it may not activate for: the name "does not exist"
            assertEquals(DBusErrors.NAME_HAS_NO_OWNER, refused.errorName(), refused.toString());
            assertTrue(refused.getMessage().contains("does not exist"), refused.getMessage());

            Message withoutFlag = call("Plain", activatable).build();
            DBusException started = assertThrows(DBusException.class, () -> client.call(withoutFlag));
            assertTrue(started.errorName().value().startsWith("org.freedesktop.DBus.Error.Spawn."),
                    "the daemon tried to start the service: " + started);
        }
    }

    /** A service whose Never method never answers; the latch counts its calls. */
    static Connection neverAnswering(PrivateBus bus, CountDownLatch called,
                                     CompletableFuture<List<Object>> answer) throws Exception {
        Connection service = Connection.open(bus.address());
        service.export(PATH, SimpleInterface.builder(IFACE.value()).method("Never", "", "s", (call, args) -> {
            called.countDown();
            return answer;
        }).build());
        return service;
    }

    static void assertNoReply(Throwable t) {
        Throwable cause = t instanceof ExecutionException ? t.getCause() : t;
        assertInstanceOf(DBusException.class, cause);
        assertEquals(DBusErrors.NO_REPLY, ((DBusException) cause).errorName(), cause.toString());
    }

    @Test
    void theDefaultTimeoutIs25SecondsAndCallsWithoutTheirOwnUseTheConnections() throws Exception {
        assertEquals(Duration.ofSeconds(25), Connection.DEFAULT_TIMEOUT);
        assertNull(CallOptions.DEFAULT.timeout(), "no timeout of its own: the connection's default");
        try (PrivateBus bus = PrivateBus.start();
             Connection service = neverAnswering(bus, new CountDownLatch(2), new CompletableFuture<>());
             Connection plain = Connection.open(bus.address());
             Connection quick = Connection.builder().address(bus.address()).defaultTimeout(Duration.ofMillis(300))
                     .connect()) {
            assertEquals(Duration.ofSeconds(25), plain.defaultTimeout());
            assertEquals(Duration.ofMillis(300), quick.defaultTimeout());
            // the connection's default applies to calls that set none, sync and async
            assertNoReply(assertThrows(DBusException.class, () -> quick.call(call("Never", service.uniqueName()).build())));
            CompletableFuture<Message> async = quick.callAsync(call("Never", service.uniqueName()).build());
            assertNoReply(assertThrows(ExecutionException.class, () -> async.get(10, TimeUnit.SECONDS)));
            assertEquals(0, quick.pendingCount(), "timed-out calls are forgotten");
        }
    }

    @Test
    void perCallTimeoutsEndCallsWithNoReplyAndTheConnectionGoesOn() throws Exception {
        CompletableFuture<List<Object>> answer = new CompletableFuture<>();
        try (PrivateBus bus = PrivateBus.start();
             Connection service = neverAnswering(bus, new CountDownLatch(2), answer);
             Connection client = Connection.open(bus.address())) {
            BusName to = service.uniqueName();
            assertNoReply(assertThrows(DBusException.class,
                    () -> client.call(call("Never", to).build(), Duration.ofMillis(200))));
            CompletableFuture<Message> async = client.callAsync(call("Never", to).build(), Duration.ofMillis(200));
            assertNoReply(assertThrows(ExecutionException.class, () -> async.get(10, TimeUnit.SECONDS)));
            assertEquals(0, client.pendingCount(), "timed-out calls are forgotten");
            answer.complete(List.of("late")); // both late replies arrive now and are ignored
            // a round trip through the daemon after the late replies: the connection goes on
            assertEquals(client.uniqueName(), new io.github.busgen.fdo.BusClient(client).getNameOwner(client.uniqueName()));
            assertEquals(0, client.droppedReplies(), "a late reply is not mistaken for a spoofed one");
        }
    }

    @Test
    void cancellingAnAsyncCallForgetsIt() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        CompletableFuture<List<Object>> answer = new CompletableFuture<>();
        try (PrivateBus bus = PrivateBus.start(); Connection service = neverAnswering(bus, called, answer);
             Connection client = Connection.open(bus.address())) {
            CompletableFuture<Message> f = client.callAsync(call("Never", service.uniqueName()).build());
            assertTrue(called.await(10, TimeUnit.SECONDS));
            assertEquals(1, client.pendingCount());
            assertTrue(f.cancel(true));
            assertTrue(f.isCancelled());
            assertEquals(0, client.pendingCount(), "the cancelled call is forgotten");
            answer.complete(List.of("late"));
            // a round trip through the daemon after the late reply: the connection goes on
            assertTrue(new io.github.busgen.fdo.BusClient(client).nameHasOwner(service.uniqueName()));
            assertTrue(f.isCancelled());
            assertEquals(0, client.droppedReplies());
            assertTrue(client.isOpen());
        }
    }
}

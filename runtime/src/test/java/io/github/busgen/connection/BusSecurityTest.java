package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import io.github.busgen.wire.Signature;
import io.github.busgen.fdo.BusClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection's security promises on a private dbus-daemon: a reply is accepted only from the
 * peer the call went to, and a subscription naming a well-known sender gets only the signals of
 * that name's current owner, unicast signals included (the lesson of GLib's CVE-2024-34397), across
 * a change of owner.
 */
class BusSecurityTest {
    static final BusName SERVICE = BusName.of("io.github.busgen.test.Secure");
    static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/test/Secure");
    static final InterfaceName IFACE = InterfaceName.of("io.github.busgen.test.Secure");
    static final MemberName CHANGED = MemberName.of("Changed");
    static final Signature S = Signature.of("s");

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen");
            }
            Thread.sleep(5);
        }
    }


    /**
     * A third connection that knows our pending call's serial (an attacker would watch or guess it)
     * answers first, with a METHOD_RETURN and then an ERROR addressed to us. The daemon passes them
     * on (the test checks that they arrived); busgen drops both because they do not come from the
     * service the call went to, and the real answer, which comes later, completes the call.
     */
    @Test
    void spoofedRepliesFromAThirdConnectionAreIgnored() throws Exception {
        try (PrivateBus bus = PrivateBus.start(); Connection service = Connection.open(bus.address());
             Connection client = Connection.open(bus.address()); Connection spoofer = Connection.open(bus.address())) {
            CountDownLatch called = new CountDownLatch(2);
            CompletableFuture<List<Object>> answer = new CompletableFuture<>();
            service.export(PATH, SimpleInterface.builder(IFACE.value()).method("Get", "", "s", (call, args) -> {
                called.countDown();
                return answer;
            }).build());
            service.requestName(SERVICE, 0);

            // one call to the well-known name, one to the unique name
            List<Message> calls = List.of(
                    Message.methodCall(PATH, MemberName.of("Get")).interfaceName(IFACE).destination(SERVICE).build(),
                    Message.methodCall(PATH, MemberName.of("Get")).interfaceName(IFACE)
                            .destination(service.uniqueName()).build());
            List<CompletableFuture<Message>> replies = new ArrayList<>();
            for (Message call : calls) {
                replies.add(client.callAsync(call));
            }
            assertTrue(called.await(10, TimeUnit.SECONDS), "the service did not get the calls");

            for (Message call : calls) {
                spoofer.send(Message.methodReturn(call.serial()).destination(client.uniqueName()).body(S, "spoofed"));
                spoofer.send(Message.error(ErrorName.of("io.github.busgen.test.Error.Spoofed"), call.serial())
                        .destination(client.uniqueName()).body(S, "spoofed error"));
            }
            // all four spoofs reached the client, which dropped them
            await(() -> client.droppedReplies() == 4 || replies.stream().anyMatch(CompletableFuture::isDone),
                    "dropping the 4 spoofed replies");
            for (CompletableFuture<Message> r : replies) {
                assertTrue(!r.isDone(), "a spoofed reply completed the call: " + r);
            }

            answer.complete(List.of("real"));
            for (CompletableFuture<Message> r : replies) {
                Message reply = r.get(10, TimeUnit.SECONDS);
                assertEquals(MessageType.METHOD_RETURN, reply.type());
                assertEquals(service.uniqueName(), reply.sender());
                assertEquals("real", Bodies.text(reply));
            }
            assertEquals(4, client.droppedReplies());
        }
    }

    /**
     * The first call to a well-known name is written before the bus has said who owns it (the
     * question goes out just before the call, unanswered). While the owner serves that call, a
     * second connection replaces it as owner, so NameOwnerChanged reaches the client before the
     * reply does. The reply still comes from the peer the call went to, and completes the call.
     */
    @Test
    void aFirstCallAnsweredAfterTheNameMovedIsAccepted() throws Exception {
        try (PrivateBus bus = PrivateBus.start(); Connection first = Connection.open(bus.address());
             Connection second = Connection.open(bus.address()); Connection client = Connection.open(bus.address())) {
            first.export(PATH, SimpleInterface.builder(IFACE.value()).method("Get", "", "s", (call, args) -> {
                NameRequest taken = second.requestName(SERVICE, BusClient.REPLACE_EXISTING);
                assertEquals(NameRequest.Reply.PRIMARY_OWNER, taken.reply(), "the second connection took the name");
                return List.of("first");
            }).build());
            first.requestName(SERVICE, BusClient.ALLOW_REPLACEMENT);

            Message reply = client.callAsync(Message.methodCall(PATH, MemberName.of("Get")).interfaceName(IFACE)
                    .destination(SERVICE).build()).get(10, TimeUnit.SECONDS);
            assertEquals(first.uniqueName(), reply.sender());
            assertEquals("first", Bodies.text(reply));
            assertEquals(0, client.droppedReplies());
        }
    }

    /**
     * When the bus refuses to follow a name's owner (here: the client has used up its match rules),
     * a call to that name cannot have its reply checked; it fails at once with the bus's reason
     * instead of waiting for its timeout.
     */
    @Test
    void aCallFailsWithTheBusesReasonWhenItsNameCannotBeFollowed() throws Exception {
        try (PrivateBus bus = PrivateBus.start(PrivateBus.config().limit("max_match_rules_per_connection", 3));
             Connection service = Connection.open(bus.address()); Connection client = Connection.open(bus.address())) {
            service.export(PATH, SimpleInterface.builder(IFACE.value())
                    .method("Get", "", "s", (call, args) -> List.of("answer")).build());
            service.requestName(SERVICE, 0);
            // use up the client's match rules
            List<Subscription> rules = new ArrayList<>();
            DBusException full = null;
            for (int i = 0; i < 10 && full == null; i++) {
                try {
                    rules.add(client.subscribe(MatchRule.signal(IFACE, MemberName.of("Rule" + i)), m -> { }));
                } catch (DBusException e) {
                    full = e;
                }
            }
            assertTrue(full != null, "the daemon's limit of 3 match rules was never reached");
            assertEquals(DBusErrors.LIMITS_EXCEEDED, full.errorName());

            CompletableFuture<Message> reply = client.callAsync(Message.methodCall(PATH, MemberName.of("Get"))
                    .interfaceName(IFACE).destination(SERVICE).build(), Duration.ofSeconds(60));
            ExecutionException e = assertThrows(ExecutionException.class, () -> reply.get(30, TimeUnit.SECONDS));
            DBusException why = assertInstanceOf(DBusException.class, e.getCause());
            assertEquals(DBusErrors.LIMITS_EXCEEDED, why.errorName(), why.getMessage());
            assertTrue(why.getMessage().contains(SERVICE.value()), why.getMessage());

            // with a rule free again, the name can be followed and called
            rules.get(0).close();
            Message ok = client.call(Message.methodCall(PATH, MemberName.of("Get")).interfaceName(IFACE)
                    .destination(SERVICE).build());
            assertEquals("answer", Bodies.text(ok));
        }
    }

    /**
     * A subscription for the signals of a well-known name gets its owner's signals, broadcast or
     * unicast, and nobody else's: not a unicast signal from a third connection ({@code gdbus emit
     * --dest}) that claims the name's path and interface, and after the name changes owner, not the
     * old owner's, but the new owner's. A second subscription without a sender sees every one of
     * these signals, which shows that they all reached the connection.
     */
    @Test
    void aWellKnownSenderSubscriptionGetsOnlyTheCurrentOwnersSignals() throws Exception {
        Programs.gdbus();
        try (PrivateBus bus = PrivateBus.start(); Connection client = Connection.open(bus.address());
             Connection oldOwner = Connection.open(bus.address()); Connection newOwner = Connection.open(bus.address())) {
            NameRequest oldRequest = oldOwner.requestName(SERVICE, 0);
            assertEquals(NameRequest.Reply.PRIMARY_OWNER, oldRequest.reply());

            List<String> fromOwner = Collections.synchronizedList(new ArrayList<>());
            BlockingQueue<String> everyone = new LinkedBlockingQueue<>();
            MatchRule.Builder rule = MatchRule.builder().type(MessageType.SIGNAL).interfaceName(IFACE).member(CHANGED)
                    .path(PATH);
            client.subscribe(rule.sender(SERVICE).build(), m -> fromOwner.add(Bodies.text(m)));
            client.subscribe(MatchRule.builder().type(MessageType.SIGNAL).interfaceName(IFACE).member(CHANGED)
                    .path(PATH).build(), m -> everyone.add(Bodies.text(m)));

            // the attack: a unicast signal from a connection that does not own the name
            Programs.gdbusOn(bus.address(), "emit", "--dest", client.uniqueName().value(), "--object-path", PATH.value(),
                    "--signal", IFACE.value() + "." + CHANGED.value(), "'spoofed'");
            assertEquals("spoofed", everyone.poll(10, TimeUnit.SECONDS), "the spoof reached the connection");

            emit(oldOwner, null, "owner broadcast");
            emit(oldOwner, client.uniqueName(), "owner unicast");
            assertEquals("owner broadcast", everyone.poll(10, TimeUnit.SECONDS));
            assertEquals("owner unicast", everyone.poll(10, TimeUnit.SECONDS));

            // the name changes owner: the new owner queues, the old one releases
            NameRequest newRequest = newOwner.requestName(SERVICE, 0);
            assertEquals(NameRequest.Reply.IN_QUEUE, newRequest.reply());
            oldRequest.close();
            // the bus sent NameOwnerChanged to the client before anything the old owner sends from now on
            emit(oldOwner, null, "old owner broadcast");
            emit(oldOwner, client.uniqueName(), "old owner unicast");
            assertEquals("old owner broadcast", everyone.poll(10, TimeUnit.SECONDS));
            assertEquals("old owner unicast", everyone.poll(10, TimeUnit.SECONDS));
            await(newRequest::isOwned, "the queued owner getting the name");
            emit(newOwner, null, "new owner broadcast");
            emit(newOwner, client.uniqueName(), "new owner unicast");
            assertEquals("new owner broadcast", everyone.poll(10, TimeUnit.SECONDS));
            assertEquals("new owner unicast", everyone.poll(10, TimeUnit.SECONDS));

            // handlers run one at a time in arrival order, so fromOwner is complete once everyone is
            assertEquals(List.of("owner broadcast", "owner unicast", "new owner broadcast", "new owner unicast"),
                    List.copyOf(fromOwner));
        }
    }

    static void emit(Connection from, BusName destination, String text) {
        from.emitSignal(destination, PATH, IFACE, CHANGED, S, w -> w.writeString(text));
    }
}

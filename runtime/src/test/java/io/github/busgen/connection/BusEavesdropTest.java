package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection that eavesdrops (a match rule with {@code eavesdrop='true'}, as a watcher or an
 * attacker would use) receives copies of messages addressed to others. It must hand them to its
 * subscriptions and nothing else: never answer another connection's method call, and never take
 * a reply meant for another connection as the answer to its own call with the same serial.
 */
class BusEavesdropTest {
    static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/test/Watched");
    static final InterfaceName IFACE = InterfaceName.of("io.github.busgen.test.Watched");


    /**
     * dbus-send (libdbus, which takes the first reply with the right serial) calls a busgen service
     * that answers only when told; an eavesdropping busgen connection sees the call and must not
     * answer it, so dbus-send prints the service's answer.
     */
    @Test
    void anEavesdropperHandsOthersCallsToItsSubscriptionsAndNeverAnswersThem() throws Exception {
        String dbusSend = Programs.dbusSend();
        CountDownLatch called = new CountDownLatch(1);
        CompletableFuture<List<Object>> answer = new CompletableFuture<>();
        try (PrivateBus bus = PrivateBus.start(); Connection service = Connection.open(bus.address());
             Connection watcher = Connection.open(bus.address())) {
            service.export(PATH, SimpleInterface.builder(IFACE.value()).method("Get", "", "s", (call, args) -> {
                called.countDown();
                return answer;
            }).build());
            BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
            watcher.subscribe(MatchRule.builder().type(MessageType.METHOD_CALL).interfaceName(IFACE).eavesdrop(true)
                    .build(), seen::add);

            try (Programs.Peer client = Programs.start(dbusSend, "--bus=" + bus.address(), "--print-reply",
                    "--dest=" + service.uniqueName(), PATH.value(), IFACE.value() + ".Get")) {
                assertTrue(called.await(10, TimeUnit.SECONDS), "the service did not get the call");
                Message copy = seen.poll(10, TimeUnit.SECONDS);
                assertNotNull(copy, "the eavesdropper's subscription did not get the call");
                assertEquals(service.uniqueName(), copy.destination());
                // every message the watcher reads is handled in order: a round trip now means the
                // copy has been dealt with, answered or not
                new io.github.busgen.fdo.BusClient(watcher).getId();
                answer.complete(List.of("from the service"));
                String out = client.await(l -> l.contains("string") || l.startsWith("Error"), Duration.ofSeconds(10));
                assertEquals("string \"from the service\"", out.trim(), "dbus-send's answer: " + client.seen());
                assertEquals(0, client.process().waitFor(), "dbus-send's exit status");
            }
        }
    }

    /**
     * The eavesdropper and another client each call the same service with the same serial; the
     * service answers the other client first. That reply, which the eavesdropper sees too, is not
     * the eavesdropper's: its own call stays pending until its own reply comes.
     */
    @Test
    void aReplyToAnotherConnectionIsNotTakenForOursWhateverItsSerial() throws Exception {
        CompletableFuture<List<Object>> watcherAnswer = new CompletableFuture<>();
        try (PrivateBus bus = PrivateBus.start(); Connection service = Connection.open(bus.address());
             Connection watcher = Connection.open(bus.address()); Connection other = Connection.open(bus.address())) {
            service.export(PATH, SimpleInterface.builder(IFACE.value()).method("Get", "", "s", (call, args) ->
                    call.sender().equals(watcher.uniqueName()) ? watcherAnswer : List.of("for " + call.sender()))
                    .build());
            BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
            watcher.subscribe(MatchRule.builder().type(MessageType.METHOD_RETURN).eavesdrop(true).build(), seen::add);

            Message watcherCall = Message.methodCall(PATH, MemberName.of("Get")).interfaceName(IFACE)
                    .destination(service.uniqueName()).build();
            CompletableFuture<Message> watcherReply = watcher.callAsync(watcherCall);
            int serial = watcherCall.serial();
            // bring the other connection's serials up to just below the watcher's
            int last;
            do {
                Message filler = Message.signal(PATH, IFACE, MemberName.of("Filler")).build();
                other.send(filler);
                last = filler.serial();
            } while (last < serial - 1);
            assertEquals(serial - 1, last, "the other connection had used more serials already");
            Message otherCall = Message.methodCall(PATH, MemberName.of("Get")).interfaceName(IFACE)
                    .destination(service.uniqueName()).build();
            Message otherReply = other.call(otherCall);
            assertEquals(serial, otherCall.serial());
            assertEquals("for " + other.uniqueName(), Bodies.text(otherReply));

            Message copy = seen.poll(10, TimeUnit.SECONDS);
            assertNotNull(copy, "the eavesdropper did not see the other connection's reply");
            assertEquals(other.uniqueName(), copy.destination());
            assertEquals(serial, copy.replySerial());
            assertFalse(watcherReply.isDone(), "the eavesdropper took another connection's reply: "
                    + (watcherReply.isDone() ? Bodies.text(watcherReply.get()) : ""));

            watcherAnswer.complete(List.of("for the watcher"));
            assertEquals("for the watcher", Bodies.text(watcherReply.get(10, TimeUnit.SECONDS)));
        }
    }
}

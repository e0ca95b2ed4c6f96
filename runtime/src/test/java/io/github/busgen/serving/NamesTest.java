package io.github.busgen.serving;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.NameRequest;
import io.github.busgen.fdo.BusClient;
import io.github.busgen.names.BusName;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Well-known names with each flag the user chooses: the bus's answer, ownership passing between
 * connections (replaced, queued, given back), the request's listeners told when the name is
 * acquired or lost, and release on close, as a watcher outside sees it: dbus-monitor shows
 * NameOwnerChanged and the ReleaseName calls, dbus-send asks the bus who owns the name.
 */
class NamesTest {
    private static final BusName NAME = BusName.of("io.github.busgen.test.Names");
    private PrivateBus bus;
    private Monitor monitor;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        bus = PrivateBus.start();
        monitor = Monitor.start(bus.address());
    }

    @AfterEach
    void stop() throws Exception {
        connections.forEach(Connection::close);
        monitor.close();
        bus.close();
    }

    private Connection open() throws IOException {
        Connection c = Connection.open(bus.address());
        connections.add(c);
        return c;
    }

    /** A request with a listener that records each acquired (true) and lost (false). */
    private static final class Watched {
        final NameRequest request;
        final BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();

        Watched(Connection c, int flags) {
            request = c.requestName(NAME, flags);
            request.onChange(changes::add);
        }

        boolean nextChange() throws InterruptedException {
            Boolean b = changes.poll(Programs.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (b == null) {
                throw new AssertionError("the request of " + request + " heard nothing");
            }
            return b;
        }
    }

    /** Waits for NameOwnerChanged(NAME, from, to) after {@code mark}; "" is no owner. */
    private void ownerChanged(int mark, String from, String to) {
        String body = "string \"" + NAME + "\" string \"" + from + "\" string \"" + to + "\"";
        monitor.await(mark, "NameOwnerChanged " + body, s -> s.is("signal", "NameOwnerChanged")
                && "org.freedesktop.DBus".equals(s.get("sender")) && s.body.equals(body));
    }

    /** The owner as dbus-send learns it from the bus, or the error dbus-send prints. */
    private String owner() {
        Programs.Result r = Programs.run(Programs.dbusSend(), "--bus=" + bus.address(), "--print-reply=literal", "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus", "org.freedesktop.DBus.GetNameOwner", "string:" + NAME);
        return r.exitCode == 0 ? r.stdout.trim() : r.stderr.trim();
    }

    private String queue() {
        Programs.Result r = Programs.run(Programs.dbusSend(), "--bus=" + bus.address(), "--print-reply=literal", "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus", "org.freedesktop.DBus.ListQueuedOwners", "string:" + NAME);
        return r.exitCode == 0 ? r.stdout.trim().replaceAll("\\s+", " ") : r.stderr.trim();
    }

    private static String noOwner() {
        return "Error org.freedesktop.DBus.Error.NameHasNoOwner: Could not get owner of name '" + NAME + "': no such name";
    }

    @Test
    void replacedThenGivenBackFromTheQueue() throws Exception {
        Connection a = open(), b = open();
        String ua = a.uniqueName().value(), ub = b.uniqueName().value();
        int mark = monitor.mark();
        Watched ra = new Watched(a, BusClient.ALLOW_REPLACEMENT);
        assertEquals(NameRequest.Reply.PRIMARY_OWNER, ra.request.reply());
        assertTrue(ra.request.isOwned());
        ownerChanged(mark, "", ua);
        assertEquals(ua, owner());

        Watched rb = new Watched(b, BusClient.REPLACE_EXISTING);
        assertEquals(NameRequest.Reply.PRIMARY_OWNER, rb.request.reply());
        assertFalse(ra.nextChange(), "a should hear it lost the name");
        assertFalse(ra.request.isOwned());
        ownerChanged(mark, ua, ub);
        assertEquals(ub, owner());
        assertEquals("array [ " + ub + " " + ua + " ]", queue()); // a waits in the queue

        rb.request.close(); // b releases; the name goes back to a
        assertTrue(ra.nextChange(), "a should hear it has the name again");
        assertTrue(ra.request.isOwned());
        assertFalse(rb.request.isOwned());
        ownerChanged(mark, ub, ua);
        assertEquals(ua, owner());
        Monitor.Seen release = monitor.await(mark, "b's ReleaseName", s -> s.is("method call", "ReleaseName") && ub.equals(s.get("sender")));
        assertEquals("string \"" + NAME + "\"", release.body);
    }

    @Test
    void doNotQueueLeavesTheQueueWhenReplaced() throws Exception {
        Connection a = open(), b = open();
        String ua = a.uniqueName().value(), ub = b.uniqueName().value();
        Watched ra = new Watched(a, BusClient.ALLOW_REPLACEMENT | BusClient.DO_NOT_QUEUE);
        assertEquals(NameRequest.Reply.PRIMARY_OWNER, ra.request.reply());
        int mark = monitor.mark();
        Watched rb = new Watched(b, BusClient.REPLACE_EXISTING | BusClient.DO_NOT_QUEUE);
        assertEquals(NameRequest.Reply.PRIMARY_OWNER, rb.request.reply());
        assertFalse(ra.nextChange());
        ownerChanged(mark, ua, ub);
        assertEquals("array [ " + ub + " ]", queue()); // a did not stay in the queue

        rb.request.close();
        ownerChanged(mark, ub, "");
        assertEquals(noOwner(), owner());
        assertFalse(ra.request.isOwned());
    }

    @Test
    void withoutAllowReplacementOthersQueueOrAreRefused() throws Exception {
        Connection a = open(), b = open(), c = open();
        String ua = a.uniqueName().value(), ub = b.uniqueName().value();
        Watched ra = new Watched(a, 0);
        assertEquals(NameRequest.Reply.PRIMARY_OWNER, ra.request.reply());
        Watched rb = new Watched(b, BusClient.REPLACE_EXISTING); // a did not allow it: b queues
        assertEquals(NameRequest.Reply.IN_QUEUE, rb.request.reply());
        assertFalse(rb.request.isOwned());
        Watched rc = new Watched(c, BusClient.REPLACE_EXISTING | BusClient.DO_NOT_QUEUE);
        assertEquals(NameRequest.Reply.EXISTS, rc.request.reply());
        Watched again = new Watched(a, 0);
        assertEquals(NameRequest.Reply.ALREADY_OWNER, again.request.reply());
        assertEquals("array [ " + ua + " " + ub + " ]", queue());

        int mark = monitor.mark();
        a.close(); // closing the connection releases its names while the bus still listens
        assertTrue(rb.nextChange(), "b should hear it acquired the name");
        assertTrue(rb.request.isOwned());
        ownerChanged(mark, ua, ub);
        assertEquals(ub, owner());
        // released by a ReleaseName call, answered, before a's own unique name went away
        Monitor.Seen release = monitor.await(mark, "a's ReleaseName", s -> s.is("method call", "ReleaseName") && ua.equals(s.get("sender")));
        assertEquals("string \"" + NAME + "\"", release.body);
        Monitor.Seen released = monitor.awaitAnswer(release);
        assertEquals("method return", released.type);
        assertEquals("uint32 1", released.body); // DBUS_RELEASE_NAME_REPLY_RELEASED
        Monitor.Seen gone = monitor.await(mark, "a leaving the bus", s -> s.is("signal", "NameOwnerChanged")
                && s.body.equals("string \"" + ua + "\" string \"" + ua + "\" string \"\""));
        List<Monitor.Seen> seen = monitor.seen();
        assertTrue(seen.indexOf(released) < seen.indexOf(gone), monitor::text);
    }

    @Test
    void theServiceNameIsReleasedWhenTheServiceCloses() throws Exception {
        try (ServiceBus service = ServiceBus.start(); Monitor watcher = Monitor.start(service.address())) {
            String unique = service.connection.uniqueName().value();
            String library = LibraryService.NAME.value();
            assertEquals("s \"library\"\n", service.busctlCall(LibraryService.PATH.value(), LibraryService.LIBRARY, "Describe").ok());
            int mark = watcher.mark();
            service.connection.close();
            watcher.await(mark, "the service's name released", s -> s.is("signal", "NameOwnerChanged")
                    && s.body.equals("string \"" + library + "\" string \"" + unique + "\" string \"\""));
            assertTrue(service.busctlCall(LibraryService.PATH.value(), LibraryService.LIBRARY, "Describe").failed()
                    .contains(library), "no one should answer for the name now");
        }
    }
}

package io.github.busgen.fdo;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.DBusErrors;
import io.github.busgen.connection.DBusException;
import io.github.busgen.connection.MatchRule;
import io.github.busgen.connection.Subscription;
import io.github.busgen.names.BusName;
import io.github.busgen.testing.PrivateBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link BusClient}, which wraps the generated {@link DBusProxy}, against a private dbus-daemon. */
class BusClientTest {
    private static final BusName NAME = BusName.of("io.github.busgen.test.BusClient");

    private static PrivateBus bus;
    private static Connection first;
    private static Connection second;

    @BeforeAll
    static void start() throws Exception {
        bus = PrivateBus.start();
        first = Connection.open(bus.address());
        second = Connection.open(bus.address());
    }

    @AfterAll
    static void stop() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void namesOwnersAndQueues() throws Exception {
        BusClient a = new BusClient(first);
        BusClient b = new BusClient(second);
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        try (Subscription changed = b.onNameOwnerChanged(c -> {
                if (c.name().equals(NAME)) {
                    events.add(c);
                }
            });
             Subscription acquired = a.onNameAcquired(n -> {
                 if (n.equals(NAME)) {
                     events.add("acquired");
                 }
             });
             Subscription lost = a.onNameLost(n -> {
                 if (n.equals(NAME)) {
                     events.add("lost");
                 }
             })) {
            assertFalse(a.nameHasOwner(NAME));
            assertEquals(BusClient.RequestNameReply.PRIMARY_OWNER, a.requestName(NAME, BusClient.ALLOW_REPLACEMENT));
            assertEquals(BusClient.RequestNameReply.ALREADY_OWNER, a.requestName(NAME, 0));
            assertEquals(BusClient.RequestNameReply.EXISTS, b.requestName(NAME, BusClient.DO_NOT_QUEUE));
            assertEquals(BusClient.RequestNameReply.IN_QUEUE, b.requestName(NAME, 0));
            assertTrue(b.nameHasOwner(NAME));
            assertEquals(first.uniqueName(), b.getNameOwner(NAME));
            assertEquals(List.of(first.uniqueName().value(), second.uniqueName().value()), b.listQueuedOwners(NAME));
            assertTrue(b.listNames().contains(NAME.value()));

            // two connections hear these, each on its own thread: no order between them
            List<Object> gained = List.of(events.poll(5, TimeUnit.SECONDS), events.poll(5, TimeUnit.SECONDS));
            assertTrue(gained.contains(new BusClient.NameOwnerChanged(NAME, null, first.uniqueName())),
                    gained.toString());
            assertTrue(gained.contains("acquired"), gained.toString());

            assertEquals(BusClient.ReleaseNameReply.RELEASED, a.releaseName(NAME));
            assertEquals(BusClient.ReleaseNameReply.NOT_OWNER, a.releaseName(NAME));
            assertEquals(second.uniqueName(), a.getNameOwner(NAME), "the queued connection took over");
            List<Object> rest = List.of(events.poll(5, TimeUnit.SECONDS), events.poll(5, TimeUnit.SECONDS));
            assertTrue(rest.contains("lost"), rest.toString());
            assertTrue(rest.contains(new BusClient.NameOwnerChanged(NAME, first.uniqueName(), second.uniqueName())),
                    rest.toString());
        }
    }

    @Test
    void errorsAndCredentials() {
        BusClient a = new BusClient(first);
        DBusException none = assertThrows(DBusException.class,
                () -> a.getNameOwner(BusName.of("io.github.busgen.test.Nobody")));
        assertEquals(DBusErrors.NAME_HAS_NO_OWNER, none.errorName());
        DBusException unknown = assertThrows(DBusException.class,
                () -> a.startServiceByName(BusName.of("io.github.busgen.test.Nobody")));
        assertEquals(DBusErrors.SERVICE_UNKNOWN, unknown.errorName());

        assertEquals(ProcessHandle.current().pid(), a.getConnectionUnixProcessID(first.uniqueName()));
        assertTrue(a.getConnectionUnixUser(first.uniqueName()) >= 0);
        assertTrue(a.getConnectionCredentials(first.uniqueName()).containsKey("UnixUserID"));
        assertTrue(a.getId().matches("[0-9a-f]{32}"), a.getId());
        assertTrue(a.listActivatableNames().contains("org.freedesktop.DBus"));
        MatchRule rule = MatchRule.parse("type='signal',interface='io.github.busgen.test.X'");
        a.addMatch(rule);
        a.removeMatch(rule);
        assertEquals(DBusErrors.MATCH_RULE_NOT_FOUND, assertThrows(DBusException.class, () -> a.removeMatch(rule))
                .errorName());
    }
}

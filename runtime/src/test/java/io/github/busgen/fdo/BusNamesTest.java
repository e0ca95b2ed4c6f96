package io.github.busgen.fdo;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.DBusErrors;
import io.github.busgen.connection.DBusException;
import io.github.busgen.connection.NameRequest;
import io.github.busgen.fdo.BusClient.NameOwnerChanged;
import io.github.busgen.fdo.BusClient.ReleaseNameReply;
import io.github.busgen.fdo.BusClient.RequestNameReply;
import io.github.busgen.names.BusName;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import io.github.busgen.wire.Variant;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Name ownership and the bus's queries against a private dbus-daemon, through
 * {@link Connection#requestName} and {@link BusClient}: queueing, replacement, DO_NOT_QUEUE,
 * NameAcquired/NameLost/NameOwnerChanged, and the answers of GetNameOwner, NameHasOwner,
 * ListNames, ListActivatableNames, ListQueuedOwners, the credential queries and GetId.
 */
class BusNamesTest {
    static final BusName NAME = BusName.of("io.github.busgen.test.Owned");
    static final BusName ACTIVATABLE = BusName.of("io.github.busgen.test.Activatable");

    static <T> T next(BlockingQueue<T> q, String what) throws InterruptedException {
        T v = q.poll(10, TimeUnit.SECONDS);
        if (v == null) {
            throw new AssertionError(what + " did not come");
        }
        return v;
    }

    static NameOwnerChanged change(BusName oldOwner, BusName newOwner) {
        return new NameOwnerChanged(NAME, oldOwner, newOwner);
    }

    /** NameOwnerChanged for NAME only, in order. */
    static BlockingQueue<NameOwnerChanged> watchOwners(Connection observer) {
        BlockingQueue<NameOwnerChanged> changes = new LinkedBlockingQueue<>();
        new BusClient(observer).onNameOwnerChanged(c -> {
            if (c.name().equals(NAME)) {
                changes.add(c);
            }
        });
        return changes;
    }

    @Test
    void aQueuedRequesterGetsTheNameWhenTheOwnerReleasesIt() throws Exception {
        try (PrivateBus bus = PrivateBus.start(); Connection observer = Connection.open(bus.address());
             Connection a = Connection.open(bus.address()); Connection b = Connection.open(bus.address())) {
            BusClient client = new BusClient(observer);
            BlockingQueue<NameOwnerChanged> changes = watchOwners(observer);

            NameRequest first = a.requestName(NAME, 0);
            assertEquals(NameRequest.Reply.PRIMARY_OWNER, first.reply());
            assertTrue(first.isOwned());
            assertEquals(change(null, a.uniqueName()), next(changes, "NameOwnerChanged to the first owner"));

            NameRequest second = b.requestName(NAME, 0);
            BlockingQueue<Boolean> secondHeard = new LinkedBlockingQueue<>();
            second.onChange(secondHeard::add);
            assertEquals(NameRequest.Reply.IN_QUEUE, second.reply());
            assertFalse(second.isOwned());
            assertEquals(List.of(a.uniqueName().value(), b.uniqueName().value()), client.listQueuedOwners(NAME));

            first.close(); // ReleaseName
            assertEquals(true, next(secondHeard, "NameAcquired for the queued requester"));
            assertTrue(second.isOwned());
            assertFalse(first.isOwned());
            assertEquals(change(a.uniqueName(), b.uniqueName()), next(changes, "NameOwnerChanged to the second"));
            assertEquals(b.uniqueName(), client.getNameOwner(NAME));
            assertEquals(List.of(b.uniqueName().value()), client.listQueuedOwners(NAME));

            second.close();
            assertEquals(change(b.uniqueName(), null), next(changes, "NameOwnerChanged to nobody"));
            assertFalse(client.nameHasOwner(NAME));
            assertNull(changes.poll(), "no other change");
        }
    }

    @Test
    void aReplaceableOwnerLosesTheNameToReplaceExisting() throws Exception {
        try (PrivateBus bus = PrivateBus.start(); Connection observer = Connection.open(bus.address());
             Connection a = Connection.open(bus.address()); Connection b = Connection.open(bus.address())) {
            BusClient client = new BusClient(observer);
            BlockingQueue<NameOwnerChanged> changes = watchOwners(observer);
            BlockingQueue<BusName> lostOnA = new LinkedBlockingQueue<>();
            new BusClient(a).onNameLost(lostOnA::add);

            NameRequest first = a.requestName(NAME, BusClient.ALLOW_REPLACEMENT);
            BlockingQueue<Boolean> firstHeard = new LinkedBlockingQueue<>();
            first.onChange(firstHeard::add);
            assertEquals(NameRequest.Reply.PRIMARY_OWNER, first.reply());
            assertEquals(change(null, a.uniqueName()), next(changes, "NameOwnerChanged to the first owner"));

            NameRequest second = b.requestName(NAME, BusClient.REPLACE_EXISTING);
            assertEquals(NameRequest.Reply.PRIMARY_OWNER, second.reply());
            assertTrue(second.isOwned());
            // only changes reach listeners: not the first NameAcquired, which came before requestName returned
            assertEquals(false, next(firstHeard, "NameLost on the replaced owner's request"));
            assertEquals(NAME, next(lostOnA, "NameLost through BusClient"));
            assertFalse(first.isOwned());
            assertEquals(change(a.uniqueName(), b.uniqueName()), next(changes, "NameOwnerChanged to the replacer"));
            // without DO_NOT_QUEUE the replaced owner waits in the queue
            assertEquals(List.of(b.uniqueName().value(), a.uniqueName().value()), client.listQueuedOwners(NAME));

            // the new owner did not allow replacement: a third request only queues, or fails with DO_NOT_QUEUE
            try (Connection c = Connection.open(bus.address())) {
                BusClient third = new BusClient(c);
                assertEquals(RequestNameReply.EXISTS,
                        third.requestName(NAME, BusClient.REPLACE_EXISTING | BusClient.DO_NOT_QUEUE));
                assertEquals(RequestNameReply.IN_QUEUE, third.requestName(NAME, BusClient.REPLACE_EXISTING));
                List<String> queue = client.listQueuedOwners(NAME);
                assertEquals(b.uniqueName().value(), queue.get(0), queue.toString());
                assertEquals(java.util.Set.of(b.uniqueName().value(), a.uniqueName().value(), c.uniqueName().value()),
                        java.util.Set.copyOf(queue));
            }
            assertEquals(b.uniqueName(), client.getNameOwner(NAME));
        }
    }

    @Test
    void doNotQueueAnswersExistsAndReleaseNameAnswersItsCodes() throws Exception {
        try (PrivateBus bus = PrivateBus.start(); Connection a = Connection.open(bus.address());
             Connection b = Connection.open(bus.address())) {
            BusClient ca = new BusClient(a);
            BusClient cb = new BusClient(b);
            assertEquals(ReleaseNameReply.NON_EXISTENT, ca.releaseName(NAME));
            assertEquals(RequestNameReply.PRIMARY_OWNER, ca.requestName(NAME, 0));
            assertEquals(RequestNameReply.ALREADY_OWNER, ca.requestName(NAME, 0));

            NameRequest refused = b.requestName(NAME, BusClient.DO_NOT_QUEUE);
            assertEquals(NameRequest.Reply.EXISTS, refused.reply());
            assertFalse(refused.isOwned());
            assertEquals(List.of(a.uniqueName().value()), ca.listQueuedOwners(NAME), "EXISTS leaves no queue entry");
            assertEquals(ReleaseNameReply.NOT_OWNER, cb.releaseName(NAME));
            assertEquals(ReleaseNameReply.RELEASED, ca.releaseName(NAME));
            assertEquals(ReleaseNameReply.NON_EXISTENT, ca.releaseName(NAME));
        }
    }

    @Test
    void closingTheConnectionReleasesItsNames() throws Exception {
        try (PrivateBus bus = PrivateBus.start(); Connection observer = Connection.open(bus.address())) {
            BusClient client = new BusClient(observer);
            BlockingQueue<NameOwnerChanged> changes = watchOwners(observer);
            Connection a = Connection.open(bus.address());
            a.requestName(NAME, 0);
            assertEquals(change(null, a.uniqueName()), next(changes, "NameOwnerChanged to the owner"));
            a.close();
            assertEquals(change(a.uniqueName(), null), next(changes, "NameOwnerChanged after close"));
            assertFalse(client.nameHasOwner(NAME));
        }
    }

    @Test
    void theBusAnswersItsQueriesAboutNamesAndCredentials() throws Exception {
        try (PrivateBus bus = PrivateBus.start(PrivateBus.config().activatable(ACTIVATABLE.value(), "/bin/false"));
             Connection c = Connection.open(bus.address())) {
            BusClient client = new BusClient(c);
            c.requestName(NAME, 0);

            assertEquals(c.uniqueName(), client.getNameOwner(NAME));
            assertEquals(c.uniqueName(), client.getNameOwner(c.uniqueName()));
            assertEquals(BusName.DBUS, client.getNameOwner(BusName.DBUS));
            assertTrue(client.nameHasOwner(NAME));
            assertFalse(client.nameHasOwner(BusName.of("io.github.busgen.test.Nobody")));
            DBusException none = assertThrows(DBusException.class,
                    () -> client.getNameOwner(BusName.of("io.github.busgen.test.Nobody")));
            assertTrue(none.is(DBusErrors.NAME_HAS_NO_OWNER), none.toString());

            List<String> names = client.listNames();
            assertTrue(names.containsAll(List.of(BusName.DBUS.value(), c.uniqueName().value(), NAME.value())),
                    names.toString());
            assertFalse(names.contains(ACTIVATABLE.value()), "not running, so not listed: " + names);
            List<String> activatable = client.listActivatableNames();
            assertTrue(activatable.containsAll(List.of(BusName.DBUS.value(), ACTIVATABLE.value())), activatable.toString());
            assertFalse(activatable.contains(NAME.value()), activatable.toString());

            long uid = realUid();
            long pid = ProcessHandle.current().pid();
            assertEquals(uid, client.getConnectionUnixUser(c.uniqueName()));
            assertEquals(uid, client.getConnectionUnixUser(NAME));
            assertEquals(pid, client.getConnectionUnixProcessID(c.uniqueName()));
            Map<String, Variant> credentials = client.getConnectionCredentials(NAME);
            assertEquals(Variant.ofUInt32(uid), credentials.get("UnixUserID"), credentials.toString());
            assertEquals(Variant.ofUInt32(pid), credentials.get("ProcessID"), credentials.toString());

            // another process: the daemon reports its pid, not ours
            BusName pythonName = BusName.of("io.github.busgen.test.Python");
            try (Programs.Peer python = Programs.start(Programs.python(),
                    Programs.resource("/interop/echo_peer.py").toString(), bus.address(), pythonName.value())) {
                BusName unique = BusName.of(python.awaitPrefix("ready ", Duration.ofSeconds(20)));
                assertEquals(unique, client.getNameOwner(pythonName));
                assertEquals(python.process().pid(), client.getConnectionUnixProcessID(pythonName));
                assertEquals(Variant.ofUInt32(python.process().pid()),
                        client.getConnectionCredentials(unique).get("ProcessID"));
            }

            String id = client.getId();
            assertTrue(id.matches("[0-9a-f]{32}"), id);
            // the bus id is not the address's guid (specification: "not related"); busctl reads the same one
            String busctl = Programs.runOk(Programs.busctl(), "--address=" + bus.address(), "call",
                    BusName.DBUS.value(), BusClient.PATH.value(), BusClient.INTERFACE.value(), "GetId");
            assertEquals("s \"" + id + "\"", busctl.trim());
        }
    }

    /** The real uid of this process, from /proc/self/status ("Uid:\treal\teffective\t..."). */
    static long realUid() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no Uid line in /proc/self/status");
    }
}

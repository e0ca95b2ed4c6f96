package io.github.busgen.serving;

import io.github.busgen.connection.DBusErrors;
import io.github.busgen.connection.DBusException;
import io.github.busgen.testing.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.github.busgen.serving.LibraryService.LIBRARY;
import static io.github.busgen.serving.LibraryService.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A handler that blocks, handlers that answer later through a future, and handlers that throw do
 * not stop the service: while the blocked and the late calls are still waiting (their tools still
 * running), a crowd of calls from busctl, gdbus and dbus-send, started together, all get their
 * answers. Then the late calls are answered when their futures complete (a value, a D-Bus error,
 * an IllegalArgumentException), the blocked one when released, each exactly once.
 */
class ConcurrentHandlersTest {
    @RegisterExtension
    static final ServiceBus bus = ServiceBus.perClass().withMonitor();

    /** The next Later call's future, once its handler has run. */
    private static CompletableFuture<String> nextLater() throws InterruptedException {
        CompletableFuture<String> f = bus.service.later.poll(Programs.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertNotNull(f, "the Later handler did not run");
        return f;
    }

    @Test
    void blockedLateAndFailingHandlersDoNotStopOtherCalls() throws Exception {
        String name = LibraryService.NAME.value();
        String p = PATH.value();
        // the tools' own reply timeouts, raised well above the test's limit so that only an answer ends them
        Programs.Peer blocked = Programs.start(bus.busctlCommand("call", "--timeout=300", name, p, LIBRARY, "Block"));
        assertTrue(bus.service.blockEntered.await(Programs.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "Block did not start");

        Programs.Peer late1 = Programs.start(bus.gdbusCallCommand(p, LIBRARY + ".Later", "--timeout", "300", "'one'"));
        CompletableFuture<String> f1 = nextLater();
        Programs.Peer late2 = Programs.start(withReplyTimeout(bus.dbusSendCommand(p, LIBRARY + ".Later", "string:two")));
        CompletableFuture<String> f2 = nextLater();
        Programs.Peer late3 = Programs.start(bus.busctlCommand("call", "--timeout=300", name, p, LIBRARY, "Later", "s", "three"));
        CompletableFuture<String> f3 = nextLater();

        // a crowd of calls at once, throwing handlers among them
        List<Programs.Peer> crowd = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            crowd.add(Programs.start(bus.busctlCommand("call", name, p, LIBRARY, "Lend", "su", "Dune", String.valueOf(i + 1))));
            expected.add("s \"Dune for " + (i + 1) + " days\"\n");
            crowd.add(Programs.start(bus.gdbusCallCommand(p, LIBRARY + ".Crash")));
            expected.add("Error: GDBus.Error:org.freedesktop.DBus.Error.Failed: the shelf collapsed\n");
            crowd.add(Programs.start(bus.dbusSendCommand(p, LIBRARY + ".Lend", "string:Emma", "uint32:0")));
            expected.add("Error org.freedesktop.DBus.Error.InvalidArgs: a book is lent for at least one day\n");
            crowd.add(Programs.start(bus.busctlCommand("get-property", name, p, LIBRARY, "Name")));
            expected.add("s \"Busgen Public Library\"\n");
            crowd.add(Programs.start(bus.gdbusCallCommand("/anywhere", "org.freedesktop.DBus.Peer.Ping")));
            expected.add("()\n");
        }
        for (int i = 0; i < crowd.size(); i++) {
            Programs.Result r = crowd.get(i).finish();
            assertEquals(expected.get(i), r.exitCode == 0 ? r.stdout : r.stderr, r::toString);
        }

        // still waiting: nothing has answered them
        assertTrue(blocked.isAlive() && late1.isAlive() && late2.isAlive() && late3.isAlive());

        f1.complete("one, later");
        assertEquals("('one, later',)\n", late1.finish().ok());
        f2.completeExceptionally(new DBusException(LibraryService.NOT_AVAILABLE, "two is out"));
        assertEquals("Error " + LibraryService.NOT_AVAILABLE.value() + ": two is out\n", late2.finish().failed());
        f3.completeExceptionally(new IllegalArgumentException("three is not a title"));
        assertTrue(late3.finish().failed().contains("three is not a title"));
        assertTrue(blocked.isAlive());
        bus.service.blockRelease.countDown();
        assertEquals("s \"unblocked\"\n", blocked.finish().ok());

        // on the wire: each late call answered once, as its future said
        int mark = bus.monitor.mark();
        bus.service.announce("sentinel");
        bus.monitor.await(mark, "the sentinel", s -> s.is("signal", "Announcement") && s.body.equals("string \"sentinel\""));
        List<String> answers = new ArrayList<>();
        for (Monitor.Seen call : bus.monitor.seen()) {
            if (call.is("method call", "Later")) {
                List<Monitor.Seen> a = bus.monitor.answersTo(call);
                assertEquals(1, a.size(), () -> "answers to " + call + ": " + a);
                Monitor.Seen answer = a.get(0);
                answers.add(answer.type + (answer.type.equals("error") ? " " + answer.get("error_name") : "") + " " + answer.body);
            }
        }
        assertEquals(List.of("method return string \"one, later\"",
                "error " + LibraryService.NOT_AVAILABLE.value() + " string \"two is out\"",
                "error " + DBusErrors.INVALID_ARGS.value() + " string \"three is not a title\""), answers);
    }

    private static List<String> withReplyTimeout(List<String> dbusSend) {
        List<String> cmd = new ArrayList<>(dbusSend);
        cmd.add(1, "--reply-timeout=300000");
        return cmd;
    }
}

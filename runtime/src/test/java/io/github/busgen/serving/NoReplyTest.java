package io.github.busgen.serving;

import io.github.busgen.testing.Programs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.github.busgen.serving.LibraryService.LIBRARY;
import static io.github.busgen.serving.LibraryService.PATH;
import static io.github.busgen.serving.ServiceBus.rawCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call with NO_REPLY_EXPECTED gets no answer at all: neither a reply nor any of the errors the
 * registry or a handler would otherwise send. The service runs its handlers on one thread here,
 * so it answers in the order calls arrive, and an answer to a later ordinary call (the sentinel)
 * proves that anything it would have sent for the earlier ones has been sent.
 */
class NoReplyTest {
    @RegisterExtension
    static final ServiceBus bus = ServiceBus.perClass().oneHandlerThread().withMonitor();

    @Test
    void pythonGetsNoAnswerToAnyCallWithTheFlag() {
        String p = PATH.value();
        List<String> calls = List.of(
                rawCall(p, LIBRARY, "Touch", true, "", ""),                            // a handler that answers nothing
                rawCall(p, LIBRARY, "Lend", true, "su", "\"Dune\", 2"),                // would reply
                rawCall(p, LIBRARY, "Crash", true, "", ""),                            // Failed
                rawCall(p, LIBRARY, "Lend", true, "su", "\"Dune\", 0"),                // InvalidArgs (IllegalArgumentException)
                rawCall(p, LIBRARY, "Lend", true, "su", "\"Ulysses\", 1"),             // the handler's own error
                rawCall(p, LIBRARY, "Lend", true, "s", "\"Dune\""),                    // InvalidArgs (signature)
                rawCall(p, LIBRARY, "Borrow", true, "", ""),                           // UnknownMethod
                rawCall(p, "io.github.busgen.test.Nope", "Describe", true, "", ""),    // UnknownInterface
                rawCall("/nowhere", LIBRARY, "Describe", true, "", ""),                // UnknownObject
                rawCall(p, "org.freedesktop.DBus.Properties", "Get", true, "ss", "\"" + LIBRARY + "\", \"Nope\""),
                rawCall(p, "org.freedesktop.DBus.Properties", "Set", true, "ssv", "\"" + LIBRARY + "\", \"Name\", \"x\""),
                rawCall(p, "org.freedesktop.DBus.Peer", "Ping", true, "", ""),
                rawCall(p, "org.freedesktop.DBus.Introspectable", "Introspect", true, "", ""),
                rawCall(p, LIBRARY, "Describe", false, "", ""));                       // the sentinel
        Programs.Result r = bus.rawCalls(calls);
        List<String> expected = new ArrayList<>();
        expected.add(r.stdout.lines().findFirst().orElse("")); // ready :1.N
        for (int i = 0; i < calls.size() - 1; i++) {
            expected.add("sent " + i);
        }
        expected.add("reply " + (calls.size() - 1) + " 'library'");
        expected.add("done");
        assertEquals(String.join("\n", expected) + "\n", r.ok(), "python saw an answer to a call sent without wanting one");
        assertTrue(expected.get(0).startsWith("ready :"), r::toString);

        // the handler ran and saw the flag
        assertEquals(List.of(true), drainTouches());

        // on the wire: the sentinel has its answer, no other call from python has one
        String python = expected.get(0).substring("ready ".length());
        Monitor.Seen sentinel = bus.monitor.await("the sentinel call", s -> s.is("method call", "Describe")
                && python.equals(s.get("sender")) && LIBRARY.equals(s.get("interface")) && p.equals(s.get("path")));
        bus.monitor.awaitAnswer(sentinel);
        for (Monitor.Seen call : bus.monitor.seen()) {
            if (call.type.equals("method call") && python.equals(call.get("sender")) && call != sentinel
                    && LibraryService.NAME.value().equals(call.get("destination"))) {
                assertEquals(List.of(), bus.monitor.answersTo(call), () -> "answered: " + call);
            }
        }
    }

    @Test
    void busctlGetsNoAnswer() {
        int mark = bus.monitor.mark();
        String name = LibraryService.NAME.value();
        String p = PATH.value();
        bus.busctl("call", "--expect-reply=no", name, p, LIBRARY, "Touch").ok();
        bus.busctl("call", "--expect-reply=no", name, p, LIBRARY, "Crash").ok();
        bus.busctl("call", "--expect-reply=no", name, p, LIBRARY, "Borrow").ok();
        bus.busctl("call", "--expect-reply=no", name, "/nowhere", LIBRARY, "Touch").ok();
        assertEquals("s \"library\"\n", bus.busctlCall(p, LIBRARY, "Describe").ok());

        assertEquals(List.of(true), drainTouches(), bus.monitor::text);
        Monitor.Seen sentinel = bus.monitor.awaitCall(mark, p, LIBRARY, "Describe");
        bus.monitor.awaitAnswer(sentinel);
        String service = bus.connection.uniqueName().value();
        List<Monitor.Seen> seen = bus.monitor.seen();
        for (Monitor.Seen s : seen.subList(mark, seen.size())) {
            if (s.type.equals("method call") && LibraryService.NAME.value().equals(s.get("destination")) && s != sentinel) {
                assertEquals(List.of(), bus.monitor.answersTo(s), () -> "answered: " + s);
            }
            // busctl does not wait: an answer to it once it has gone would come back from the bus
            // as ServiceUnknown (dbus-send without --print-reply shows this: it does not set the flag)
            assertTrue(!s.type.equals("error") || !service.equals(s.get("destination")), s::toString);
        }
    }

    private static List<Boolean> drainTouches() {
        List<Boolean> out = new ArrayList<>();
        bus.service.touches.drainTo(out);
        return out;
    }
}

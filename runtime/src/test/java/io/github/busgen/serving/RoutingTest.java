package io.github.busgen.serving;

import io.github.busgen.testing.Programs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.github.busgen.serving.LibraryService.LIBRARY;
import static io.github.busgen.serving.LibraryService.PATH;
import static io.github.busgen.serving.ServiceBus.rawCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing as a python-dbus caller that writes the header by hand sees it: a call naming no
 * interface finds the method by member alone (the standard ones too), the handler sees the
 * caller's unique name and the path, and a subtree handler answers for the path it was called at.
 */
class RoutingTest {
    @RegisterExtension
    static final ServiceBus bus = ServiceBus.perClass();

    @Test
    void callsWithoutAnInterfaceAreRoutedByMember() throws Exception {
        String p = PATH.value();
        Programs.Result r = bus.rawCalls(List.of(
                rawCall(p, null, "WhoAmI", false, "", ""),
                rawCall(p, null, "Lend", false, "su", "\"Emma\", 1"),
                rawCall(LibraryService.SHELVES.child("A").value(), null, "Where", false, "", ""),
                rawCall("/no/object/here", null, "Ping", false, "", ""),
                rawCall("/no/object/here", null, "GetMachineId", false, "", ""),
                rawCall(p, null, "Borrow", false, "", ""),
                rawCall(p, null, "Lend", false, "s", "\"Emma\""),
                rawCall("/no/object/here", null, "Describe", false, "", ""),
                rawCall(p, null, "Describe", false, "", "")));
        List<String> lines = r.ok().lines().toList();
        assertTrue(lines.get(0).startsWith("ready :"), r::toString);
        String caller = lines.get(0).substring("ready ".length());
        assertEquals(List.of(
                "reply 0 '" + caller + "' '/io/github/busgen/test/Library' 0",
                "reply 1 'Emma for 1 days'",
                "reply 2 '/io/github/busgen/test/Shelves/A'",
                "reply 3",
                "reply 4 '" + BusctlTest.machineId() + "'",
                "error 5 org.freedesktop.DBus.Error.UnknownMethod no method Borrow at /io/github/busgen/test/Library",
                "error 6 org.freedesktop.DBus.Error.InvalidArgs Lend takes arguments of signature \"su\", not \"s\"",
                "error 7 org.freedesktop.DBus.Error.UnknownObject no object at /no/object/here"),
                lines.subList(1, 9), r::toString);
        // two interfaces of the object have Describe: the specification leaves open which one answers
        assertTrue(lines.get(9).equals("reply 8 'library'") || lines.get(9).equals("reply 8 'admin'"), r::toString);
        assertEquals("done", lines.get(10), r::toString);
    }

    @Test
    void introspectWithoutAnInterface() {
        Programs.Result r = bus.rawCalls(List.of(rawCall(LibraryService.SHELVES.value(), null, "Introspect", false, "", "")));
        String reply = r.ok().lines().toList().get(1);
        assertTrue(reply.startsWith("reply 0 '<!DOCTYPE node PUBLIC"), r::toString);
        assertTrue(reply.contains("<node name=\"A\"/>\\u000a  <node name=\"B\"/>\\u000a  <node name=\"C\"/>"), r::toString);
        assertTrue(reply.contains("<interface name=\"" + "org.freedesktop.DBus.Introspectable" + "\">"), r::toString);
        assertTrue(!reply.contains(LIBRARY), r::toString);
    }
}

package io.github.busgen.serving;

import io.github.busgen.testing.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import static io.github.busgen.serving.LibraryService.ADMIN;
import static io.github.busgen.serving.LibraryService.LIBRARY;
import static io.github.busgen.serving.LibraryService.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GLib's gdbus drives the hand-written service: {@code gdbus introspect --recurse} walks every
 * node from the root and shows argument names, access and the annotations (EmitsChangedSignal,
 * NoReply, Deprecated) with each property's value read through Properties.GetAll, and
 * {@code gdbus call} gets the answers, Peer and Properties included.
 */
class GdbusTest {
    @RegisterExtension
    static final ServiceBus bus = ServiceBus.perClass();

    /** gdbus's output with each line trimmed and runs of spaces folded, so layout does not matter. */
    private static String folded(String text) {
        return text.lines().map(l -> l.trim().replaceAll(" +", " ")).filter(l -> !l.isEmpty())
                .collect(Collectors.joining("\n"));
    }

    private static void assertShows(String text, String... lines) {
        String expected = String.join("\n", lines);
        assertTrue(text.contains(expected), () -> "gdbus introspect should show\n" + expected + "\nbut showed\n" + text);
    }

    @Test
    void introspectRecursesThroughEveryNode() {
        String out = Programs.run(Programs.gdbus(), "introspect", "--address", bus.address(), "--dest", LibraryService.NAME.value(),
                "--object-path", "/", "--recurse").ok();
        String text = folded(out);
        List<String> nodes = text.lines().filter(l -> l.startsWith("node ")).map(l -> l.split(" ")[1]).toList();
        assertEquals(BusctlTest.TREE, nodes);

        // argument names and directions
        assertShows(text, "AddBook(in s title,", "in s author,", "out o book);");
        assertShows(text, "signals:", "Announcement(s text);", "Whisper(s text);", "BookAdded(o book,", "s title);");
        // method annotations
        assertShows(text, "@org.freedesktop.DBus.Method.NoReply(\"true\")", "Touch();");
        assertShows(text, "@org.freedesktop.DBus.Deprecated(\"true\")", "OldCatalog(out as titles);");
        // properties: access, value read with GetAll, EmitsChangedSignal of every kind
        assertShows(text, "properties:",
                "@org.freedesktop.DBus.Property.EmitsChangedSignal(\"const\")",
                "readonly s Name = 'Busgen Public Library';",
                "readwrite s Motto = 'Read more';",
                "@org.freedesktop.DBus.Property.EmitsChangedSignal(\"invalidates\")",
                "readwrite s Hours = '9-17';",
                "@org.freedesktop.DBus.Property.EmitsChangedSignal(\"false\")");
        assertShows(text, "writeonly s Secret;", "readonly u BookCount = 2;");
        // the interface annotation, and a property that overrides it
        assertShows(text, "@org.freedesktop.DBus.Property.EmitsChangedSignal(\"invalidates\")", "interface " + ADMIN + " {");
        assertShows(text, "properties:\nreadwrite x Budget = "); // inherits: no annotation of its own
        assertShows(text, "@org.freedesktop.DBus.Property.EmitsChangedSignal(\"true\")", "readwrite s Auditor = 'nobody';");
        // an object of the subtree handler, and a book the object manager announces
        assertShows(text, "node /io/github/busgen/test/Shelves/B {");
        assertShows(text, "readonly s Letter = 'B';");
        assertShows(text, "readonly s Title = 'Emma';");
    }

    @Test
    void callsAnswerWithValues() {
        String p = PATH.value();
        assertEquals("('Dune for 2 days',)\n", bus.gdbusCall(p, LIBRARY + ".Lend", "Dune", "2").ok());
        assertEquals("(<{'k': <int64 5>, 'list': <[1, 2]>}>,)\n",
                bus.gdbusCall(p, LIBRARY + ".Echo", "<@a{sv} {'k': <int64 5>, 'list': <[1, 2]>}>").ok());
        String who = bus.gdbusCall(p, LIBRARY + ".WhoAmI").ok();
        assertTrue(who.matches("\\(':1\\.\\d+', objectpath '/io/github/busgen/test/Library', byte 0x00\\)\n"), who);
        assertEquals("(objectpath '/io/github/busgen/test/Shelves/A',)\n",
                bus.gdbusCall(LibraryService.SHELVES.child("A").value(), LibraryService.SHELF + ".Where").ok());
    }

    @Test
    void propertiesThroughTheStandardInterface() {
        String p = PATH.value();
        String props = "org.freedesktop.DBus.Properties";
        assertEquals("({'Budget': <int64 1000>, 'Auditor': <'nobody'>},)\n",
                bus.gdbusCall(p, props + ".GetAll", ADMIN).ok());
        assertEquals("()\n", bus.gdbusCall(p, props + ".Set", ADMIN, "Budget", "<int64 -5>").ok());
        assertEquals("(<int64 -5>,)\n", bus.gdbusCall(p, props + ".Get", ADMIN, "Budget").ok());
        // a valid interface without properties gives an empty dictionary, as the specification says
        assertEquals("(@a{sv} {},)\n", bus.gdbusCall(p, props + ".GetAll", "org.freedesktop.DBus.Peer").ok());
        // the empty interface name means all interfaces of the object
        assertEquals("({'Letter': <'C'>},)\n",
                bus.gdbusCall(LibraryService.SHELVES.child("C").value(), props + ".GetAll", "").ok());
    }

    @Test
    void peerAnswersOnAnyPath() throws IOException {
        assertEquals("('" + BusctlTest.machineId() + "',)\n",
                bus.gdbusCall("/no/object/here", "org.freedesktop.DBus.Peer.GetMachineId").ok());
        assertEquals("()\n", bus.gdbusCall("/no/object/here", "org.freedesktop.DBus.Peer.Ping").ok());
    }
}

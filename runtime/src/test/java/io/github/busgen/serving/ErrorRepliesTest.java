package io.github.busgen.serving;

import io.github.busgen.connection.DBusErrors;
import io.github.busgen.names.ErrorName;
import io.github.busgen.testing.Programs;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static io.github.busgen.serving.LibraryService.LIBRARY;
import static io.github.busgen.serving.LibraryService.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error answer the issue promises, provoked with busctl, gdbus and dbus-send, and checked
 * twice: on the wire (dbus-monitor shows an ERROR with that name answering the tool's call) and
 * as the tool reports it (gdbus and dbus-send print the name and message; busctl prints the
 * message, which sd-bus replaces with "Access denied" for AccessDenied).
 */
class ErrorRepliesTest {
    @RegisterExtension
    static final ServiceBus bus = ServiceBus.perClass().withMonitor();
    private static final String PROPERTIES = "org.freedesktop.DBus.Properties";


    /**
     * One provocation: the call as the monitor sees it (path, interface, member), and its
     * arguments in each tool's syntax. {@code busctl} holds busctl's whole command after the
     * address, since properties go through its get-property and set-property.
     */
    record Case(String description, ErrorName expected, String path, String iface, String member,
                List<String> busctl, List<String> gdbus, List<String> dbusSend) {
        @Override
        public String toString() {
            return description + " -> " + expected.value();
        }
    }

    private static Case call(String description, ErrorName expected, String path, String iface, String member,
                             List<String> busctlSigAndArgs, List<String> gdbus, List<String> dbusSend) {
        List<String> busctl = new java.util.ArrayList<>(List.of("call", LibraryService.NAME.value(), path, iface, member));
        busctl.addAll(busctlSigAndArgs);
        return new Case(description, expected, path, iface, member, busctl, gdbus, dbusSend);
    }

    private static Case get(String description, ErrorName expected, String property) {
        return new Case(description, expected, PATH.value(), PROPERTIES, "Get",
                List.of("get-property", LibraryService.NAME.value(), PATH.value(), LIBRARY, property),
                List.of(LIBRARY, property),
                List.of("string:" + LIBRARY, "string:" + property));
    }

    private static Case set(String description, ErrorName expected, String property, String busctlSig,
                            String busctlValue, String gvariant, String dbusSendVariant) {
        return new Case(description, expected, PATH.value(), PROPERTIES, "Set",
                List.of("set-property", LibraryService.NAME.value(), PATH.value(), LIBRARY, property, busctlSig, busctlValue),
                List.of(LIBRARY, property, gvariant),
                List.of("string:" + LIBRARY, "string:" + property, "variant:" + dbusSendVariant));
    }

    static List<Case> cases() {
        String p = PATH.value();
        return List.of(
                call("no object at the path", DBusErrors.UNKNOWN_OBJECT, "/io/github/busgen/test/Nowhere", LIBRARY,
                        "Describe", List.of(), List.of(), List.of()),
                call("the subtree handler has no object there", DBusErrors.UNKNOWN_OBJECT,
                        LibraryService.SHELVES.child("Z").value(), LibraryService.SHELF, "Where", List.of(), List.of(), List.of()),
                call("the object lacks the interface", DBusErrors.UNKNOWN_INTERFACE, p, "io.github.busgen.test.Nope",
                        "Describe", List.of(), List.of(), List.of()),
                call("GetAll of an interface the object lacks", DBusErrors.UNKNOWN_INTERFACE, p, PROPERTIES, "GetAll",
                        List.of("s", "io.github.busgen.test.Nope"), List.of("io.github.busgen.test.Nope"),
                        List.of("string:io.github.busgen.test.Nope")),
                call("the interface lacks the method", DBusErrors.UNKNOWN_METHOD, p, LIBRARY, "Borrow",
                        List.of(), List.of(), List.of()),
                get("no such property", DBusErrors.UNKNOWN_PROPERTY, "Nope"),
                set("a read-only property", DBusErrors.PROPERTY_READ_ONLY, "Name", "s", "x", "<'x'>", "string:x"),
                get("a write-only property read", DBusErrors.ACCESS_DENIED, "Secret"),
                call("a call whose signature does not match", DBusErrors.INVALID_ARGS, p, LIBRARY, "Lend",
                        List.of("s", "Dune"), List.of("'Dune'"), List.of("string:Dune")),
                set("a value of the wrong type", DBusErrors.INVALID_ARGS, "Motto", "i", "5", "<5>", "int32:5"),
                call("the handler's own error name", LibraryService.NOT_AVAILABLE, p, LIBRARY, "Lend",
                        List.of("su", "Ulysses", "3"), List.of("'Ulysses'", "3"), List.of("string:Ulysses", "uint32:3")),
                call("another own error name", LibraryService.NO_SUCH_BOOK, p, LIBRARY, "RemoveBook",
                        List.of("o", "/nope"), List.of("'/nope'"), List.of("objpath:/nope")),
                call("the handler throws IllegalArgumentException", DBusErrors.INVALID_ARGS, p, LIBRARY, "Lend",
                        List.of("su", "Dune", "0"), List.of("'Dune'", "0"), List.of("string:Dune", "uint32:0")),
                set("the property setter throws IllegalArgumentException", DBusErrors.INVALID_ARGS, "Motto", "s", "",
                        "<''>", "string:"),
                call("the handler throws another RuntimeException", DBusErrors.FAILED, p, LIBRARY, "Crash",
                        List.of(), List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void busctlReportsTheError(Case c) {
        reports(c, "busctl", () -> bus.busctl(c.busctl.toArray(String[]::new)),
                message -> c.expected.equals(DBusErrors.ACCESS_DENIED) ? "Access denied" : message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gdbusReportsTheError(Case c) {
        reports(c, "gdbus", () -> bus.gdbusCall(c.path, c.iface + "." + c.member, c.gdbus.toArray(String[]::new)),
                message -> "GDBus.Error:" + c.expected.value() + ": " + message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dbusSendReportsTheError(Case c) {
        reports(c, "dbus-send", () -> bus.dbusSend(c.path, c.iface + "." + c.member, c.dbusSend.toArray(String[]::new)),
                message -> "Error " + c.expected.value() + ": " + message);
    }

    /**
     * Runs a tool that must fail, checks the error on the wire, and that the tool's standard error
     * shows what {@code shown} makes of the error's message.
     */
    private static void reports(Case c, String tool, Supplier<Programs.Result> run, UnaryOperator<String> shown) {
        int mark = bus.monitor.mark();
        String err = run.get().failed();
        String expected = shown.apply(onTheWire(c, mark));
        assertTrue(err.contains(expected), () -> tool + " should print \"" + expected + "\" but printed: " + err);
    }

    /** Checks the monitor saw the tool's call answered by one error of the expected name; returns its message. */
    private static String onTheWire(Case c, int mark) {
        Monitor.Seen call = bus.monitor.awaitCall(mark, c.path, c.iface, c.member);
        assertEquals(LibraryService.NAME.value(), call.get("destination"), call::toString);
        Monitor.Seen answer = bus.monitor.awaitAnswer(call);
        assertEquals("error", answer.type, answer::toString);
        assertEquals(c.expected.value(), answer.get("error_name"), answer::toString);
        assertEquals(bus.connection.uniqueName().value(), answer.get("sender"), answer::toString);
        assertEquals(1, bus.monitor.answersTo(call).size(), () -> "answered more than once: " + bus.monitor.answersTo(call));
        return answer.onlyString();
    }
}

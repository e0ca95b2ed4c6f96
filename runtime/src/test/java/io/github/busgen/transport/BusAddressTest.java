package io.github.busgen.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Address lists, and finding the session and system bus from an injected environment. */
class BusAddressTest {
    @TempDir
    Path temp;

    @Test
    void parsesEntriesInOrder() {
        BusAddress a = BusAddress.parse("unix:path=/tmp/dbus-test;tcp:host=127.0.0.1,port=4242");
        assertEquals(List.of(AddressEntry.parse("unix:path=/tmp/dbus-test"), AddressEntry.parse("tcp:host=127.0.0.1,port=4242")),
                a.entries());
        assertEquals("unix:path=/tmp/dbus-test;tcp:host=127.0.0.1,port=4242", a.toString());
        assertEquals(a, BusAddress.parse(a.toString()));
    }

    @Test
    void trailingSemicolonIsAccepted() {
        assertEquals(BusAddress.parse("unix:path=/x"), BusAddress.parse("unix:path=/x;"));
    }

    @Test
    void emptyAddressAndEmptyEntriesAreErrors() {
        assertEquals("invalid D-Bus address entry \"\": the address is empty (expected transport:key=value,...)",
                assertThrows(InvalidAddressException.class, () -> BusAddress.parse("")).getMessage());
        assertEquals("invalid D-Bus address entry \"unix:path=/a;;unix:path=/b\": entry 2 of 3 is empty "
                        + "(two ';' in a row, or a leading ';')",
                assertThrows(InvalidAddressException.class, () -> BusAddress.parse("unix:path=/a;;unix:path=/b")).getMessage());
        assertEquals("invalid D-Bus address entry \";unix:path=/a\": entry 1 of 2 is empty (two ';' in a row, or a leading ';')",
                assertThrows(InvalidAddressException.class, () -> BusAddress.parse(";unix:path=/a")).getMessage());
        assertThrows(InvalidAddressException.class, () -> BusAddress.parse(";"));
    }

    @Test
    void malformedEntryInAListIsNamed() {
        InvalidAddressException e = assertThrows(InvalidAddressException.class,
                () -> BusAddress.parse("unix:path=/a;tcp:host"));
        assertEquals("invalid D-Bus address entry \"tcp:host\": \"host\" has no '=' (expected key=value)", e.getMessage());
    }

    @Test
    void sessionBusFromTheVariable() throws Exception {
        assertEquals(BusAddress.parse("unix:path=/x/bus"),
                BusAddress.sessionBus(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/x/bus", "XDG_RUNTIME_DIR", "/y")));
    }

    @Test
    void sessionBusFromTheRuntimeDirectoryWhenTheVariableIsUnsetOrEmpty() throws Exception {
        try (TransportListener l = TransportListener.listen("unix:path=" + temp.resolve("bus"))) {
            BusAddress expected = BusAddress.of(l.address().without("guid"));
            assertEquals(expected, BusAddress.sessionBus(Map.of("XDG_RUNTIME_DIR", temp.toString())));
            assertEquals(expected, BusAddress.sessionBus(Map.of("DBUS_SESSION_BUS_ADDRESS", "", "XDG_RUNTIME_DIR", temp.toString())));
        }
    }

    @Test
    void noSessionBusSaysWhatWasMissingAndWhatToDo() throws IOException {
        NoBusAddressException none = assertThrows(NoBusAddressException.class, () -> BusAddress.sessionBus(Map.of()));
        assertEquals("no session bus: DBUS_SESSION_BUS_ADDRESS is not set and XDG_RUNTIME_DIR is not set either. "
                + "Run inside a desktop session, start one with \"dbus-run-session -- COMMAND\", or set "
                + "DBUS_SESSION_BUS_ADDRESS to the address a dbus-daemon printed (dbus-daemon --session --print-address)",
                none.getMessage());

        NoBusAddressException noSocket = assertThrows(NoBusAddressException.class,
                () -> BusAddress.sessionBus(Map.of("XDG_RUNTIME_DIR", temp.toString())));
        assertEquals("no session bus: DBUS_SESSION_BUS_ADDRESS is not set and there is no " + temp.resolve("bus")
                + " ($XDG_RUNTIME_DIR/bus). Run", noSocket.getMessage().substring(0, noSocket.getMessage().indexOf(". Run") + 5));

        Files.writeString(temp.resolve("bus"), "not a socket");
        NoBusAddressException file = assertThrows(NoBusAddressException.class,
                () -> BusAddress.sessionBus(Map.of("XDG_RUNTIME_DIR", temp.toString())));
        assertEquals("no session bus: DBUS_SESSION_BUS_ADDRESS is not set and " + temp.resolve("bus")
                + " exists but is not a socket. Run", file.getMessage().substring(0, file.getMessage().indexOf(". Run") + 5));
    }

    @Test
    void malformedVariableNamesTheVariable() {
        InvalidAddressException e = assertThrows(InvalidAddressException.class,
                () -> BusAddress.sessionBus(Map.of("DBUS_SESSION_BUS_ADDRESS", "garbage")));
        assertEquals("environment variable DBUS_SESSION_BUS_ADDRESS: invalid D-Bus address entry \"garbage\": "
                + "no ':' after the transport name (expected transport:key=value,...)", e.getMessage());
        InvalidAddressException s = assertThrows(InvalidAddressException.class,
                () -> BusAddress.systemBus(Map.of("DBUS_SYSTEM_BUS_ADDRESS", "unix:path")));
        assertEquals("environment variable DBUS_SYSTEM_BUS_ADDRESS: invalid D-Bus address entry \"unix:path\": "
                + "\"path\" has no '=' (expected key=value)", s.getMessage());
    }

    @Test
    void systemBusFromTheVariableElseTheWellKnownSocket() {
        assertEquals(BusAddress.parse("tcp:host=h,port=1"), BusAddress.systemBus(Map.of("DBUS_SYSTEM_BUS_ADDRESS", "tcp:host=h,port=1")));
        assertEquals(BusAddress.parse("unix:path=/run/dbus/system_bus_socket"), BusAddress.systemBus(Map.of()));
        assertEquals(BusAddress.parse("unix:path=/run/dbus/system_bus_socket"),
                BusAddress.systemBus(Map.of("DBUS_SYSTEM_BUS_ADDRESS", "")));
    }
}

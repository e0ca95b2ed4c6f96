package io.github.busgen.serving;

import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.wire.Signature;
import io.github.busgen.testing.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.github.busgen.serving.LibraryService.ADMIN;
import static io.github.busgen.serving.LibraryService.LIBRARY;
import static io.github.busgen.serving.LibraryService.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signals the service emits, as dbus-monitor and python-dbus listeners see them:
 * PropertiesChanged carrying values or invalidated names as each property's (or its interface's)
 * EmitsChangedSignal says, nothing for const and false; signals broadcast to every listener, and a
 * signal with a destination reaching that listener only.
 */
class SignalsTest {
    @RegisterExtension
    static final ServiceBus bus = ServiceBus.perClass().withMonitor();

    private static boolean fromService(Monitor.Seen s) {
        return bus.connection.uniqueName().value().equals(s.get("sender"));
    }

    private static boolean isPropertiesChanged(Monitor.Seen s) {
        return fromService(s) && s.is("signal", "PropertiesChanged")
                && "org.freedesktop.DBus.Properties".equals(s.get("interface")) && PATH.value().equals(s.get("path"));
    }

    /**
     * Runs {@code change}, then broadcasts a sentinel signal, and returns the bodies of the
     * PropertiesChanged signals the service sent in between (a connection's messages keep their order).
     */
    private static List<String> propertiesChanged(Runnable change) {
        int mark = bus.monitor.mark();
        change.run();
        String sentinel = "sentinel " + mark;
        bus.service.announce(sentinel);
        bus.monitor.await(mark, "the sentinel", s -> fromService(s) && s.is("signal", "Announcement")
                && s.body.equals("string \"" + sentinel + "\""));
        List<Monitor.Seen> seen = bus.monitor.seen();
        return seen.subList(mark, seen.size()).stream().filter(SignalsTest::isPropertiesChanged).map(s -> s.body).toList();
    }

    private static String changed(String iface, String changedEntries, String invalidated) {
        return "string \"" + iface + "\" array [" + changedEntries + " ] array [" + invalidated + " ]";
    }

    @Test
    void setPropertyEmitsTheValueWhenEmitsChangedSignalIsTrue() {
        assertEquals(List.of(changed(LIBRARY, " dict entry( string \"Motto\" variant string \"Quiet please\" )", "")),
                propertiesChanged(() -> bus.busctl("set-property", LibraryService.NAME.value(), PATH.value(), LIBRARY,
                        "Motto", "s", "Quiet please").ok()));
    }

    @Test
    void setPropertyEmitsTheNameWhenItInvalidates() {
        assertEquals(List.of(changed(LIBRARY, "", " string \"Hours\"")),
                propertiesChanged(() -> bus.gdbusCall(PATH.value(), "org.freedesktop.DBus.Properties.Set", LIBRARY,
                        "Hours", "<'10-18'>").ok()));
    }

    @Test
    void theInterfaceAnnotationAppliesUnlessThePropertyOverridesIt() {
        // Admin says invalidates; Budget inherits it, Auditor says true
        assertEquals(List.of(changed(ADMIN, "", " string \"Budget\"")),
                propertiesChanged(() -> bus.dbusSend(PATH.value(), "org.freedesktop.DBus.Properties.Set",
                        "string:" + ADMIN, "string:Budget", "variant:int64:7").ok()));
        assertEquals(List.of(changed(ADMIN, " dict entry( string \"Auditor\" variant string \"carol\" )", "")),
                propertiesChanged(() -> bus.dbusSend(PATH.value(), "org.freedesktop.DBus.Properties.Set",
                        "string:" + ADMIN, "string:Auditor", "variant:string:carol").ok()));
    }

    @Test
    void constAndFalsePropertiesEmitNothing() {
        assertEquals(List.of(), propertiesChanged(() ->
                bus.connection.emitPropertiesChanged(PATH, bus.service.library, List.of("Name", "Visitors"))));
        // mixed: one signal with the value of Motto and the name of Secret (write-only: no value to send)
        bus.service.motto = "Mixed";
        assertEquals(List.of(changed(LIBRARY, " dict entry( string \"Motto\" variant string \"Mixed\" )", " string \"Secret\"")),
                propertiesChanged(() -> bus.connection.emitPropertiesChanged(PATH, bus.service.library,
                        List.of("Name", "Motto", "Visitors", "Secret"))));
    }

    @Test
    void broadcastReachesEveryListenerAndUnicastOnlyItsDestination() {
        String script = Programs.resource("/interop/signal_subscriber.py").toString();
        Programs.Peer a = Programs.start(Programs.python(), script, bus.address(), LIBRARY);
        Programs.Peer b = Programs.start(Programs.python(), script, bus.address(), LIBRARY);
        BusName nameA = ready(a);
        BusName nameB = ready(b);

        int mark = bus.monitor.mark();
        bus.service.whisper(nameA, "psst");
        bus.busctlCall(PATH.value(), LIBRARY, "Announce", "s", "to everyone").ok();
        bus.connection.emitSignal(PATH, InterfaceName.of(LIBRARY), MemberName.of("Done"), Signature.EMPTY, w -> { });

        String whisper = "signal Whisper s\narg 'psst'\nend\n";
        String announcement = "signal Announcement s\narg 'to everyone'\nend\n";
        assertEquals("ready " + nameA + "\n" + whisper + announcement + "done\n", a.finish().ok());
        assertEquals("ready " + nameB + "\n" + announcement + "done\n", b.finish().ok());

        // on the wire: the unicast one carries its destination, the broadcast one none
        Monitor.Seen w = bus.monitor.await(mark, "Whisper", s -> fromService(s) && s.is("signal", "Whisper"));
        assertEquals(nameA.value(), w.get("destination"), w::toString);
        Monitor.Seen all = bus.monitor.await(mark, "Announcement", s -> fromService(s) && s.is("signal", "Announcement"));
        assertEquals("-", all.get("destination"), all::toString);
        assertEquals("string \"to everyone\"", all.body);
    }

    private static BusName ready(Programs.Peer listener) {
        String line = listener.nextLine();
        assertTrue(line.startsWith("ready :"), () -> line + "\n" + listener.kill());
        return BusName.of(line.substring("ready ".length()));
    }
}

package io.github.busgen.serving;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.busgen.serving.LibraryService.ADMIN;
import static io.github.busgen.serving.LibraryService.LIBRARY;
import static io.github.busgen.serving.LibraryService.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * systemd's busctl drives the hand-written service: {@code tree} walks the object tree through
 * the child nodes of Introspect (exports, the object manager's books, the subtree handler's
 * shelves), {@code introspect} lists every member with the flags it reads from the annotations,
 * and {@code call}, {@code get-property} and {@code set-property} work, Peer included.
 */
class BusctlTest {
    @RegisterExtension
    static final ServiceBus bus = ServiceBus.perClass();

    static final List<String> TREE = List.of(
            "/",
            "/io",
            "/io/github",
            "/io/github/busgen",
            "/io/github/busgen/test",
            "/io/github/busgen/test/Library",
            "/io/github/busgen/test/Library/books",
            "/io/github/busgen/test/Library/books/b1",
            "/io/github/busgen/test/Library/books/b2",
            "/io/github/busgen/test/Shelves",
            "/io/github/busgen/test/Shelves/A",
            "/io/github/busgen/test/Shelves/B",
            "/io/github/busgen/test/Shelves/C");

    @Test
    void treeWalksExportsObjectManagerAndSubtree() {
        String list = bus.busctl("tree", "--list", LibraryService.NAME.value()).ok();
        assertEquals(TREE, list.lines().toList());

        String drawn = bus.busctl("tree", LibraryService.NAME.value()).ok();
        // the drawing shows each path after its branch, indented by depth
        assertEquals(TREE.subList(1, TREE.size()), drawn.lines().map(l -> l.substring(l.indexOf('/'))).toList(), drawn);
        assertTrue(drawn.contains("  └─/io/github/busgen/test/Shelves/C"), drawn);
    }

    /**
     * busctl's introspect table: for "IFACE" and "IFACE.Member", the columns TYPE, SIGNATURE,
     * RESULT/VALUE and FLAGS, cut at the header's column offsets (values may hold spaces).
     */
    static Map<String, List<String>> introspect(ServiceBus bus, String path) {
        String out = bus.busctl("introspect", LibraryService.NAME.value(), path).ok();
        List<String> lines = out.lines().toList();
        String header = lines.get(0);
        int[] at = {header.indexOf("TYPE"), header.indexOf("SIGNATURE"), header.indexOf("RESULT/VALUE"), header.indexOf("FLAGS")};
        Map<String, List<String>> rows = new LinkedHashMap<>();
        String iface = null;
        for (String line : lines.subList(1, lines.size())) {
            String name = line.substring(0, at[0]).trim();
            List<String> cols = List.of(line.substring(at[0], at[1]).trim(), line.substring(at[1], at[2]).trim(),
                    line.substring(at[2], at[3]).trim(), line.substring(at[3]).trim());
            if (cols.get(0).equals("interface")) {
                iface = name;
                rows.put(name, cols);
            } else {
                rows.put(iface + name, cols);
            }
        }
        return rows;
    }

    @Test
    void introspectListsMembersWithTheirFlags() {
        Map<String, List<String>> rows = introspect(bus, PATH.value());
        String l = LIBRARY + ".";
        // methods: in signature, out signature, flags from NoReply and Deprecated
        assertEquals(List.of("method", "ss", "o", "-"), rows.get(l + "AddBook"));
        assertEquals(List.of("method", "su", "s", "-"), rows.get(l + "Lend"));
        assertEquals(List.of("method", "v", "v", "-"), rows.get(l + "Echo"));
        assertEquals(List.of("method", "-", "-", "no-reply"), rows.get(l + "Touch"));
        assertEquals(List.of("method", "-", "as", "deprecated"), rows.get(l + "OldCatalog"));
        // signals
        assertEquals(List.of("signal", "os", "-", "-"), rows.get(l + "BookAdded"));
        assertEquals(List.of("signal", "s", "-", "-"), rows.get(l + "Whisper"));
        // properties: busctl reads each value with GetAll, and flags from EmitsChangedSignal and access
        assertEquals(List.of("property", "s", "\"Busgen Public Library\"", "const"), rows.get(l + "Name"));
        assertEquals(List.of("property", "s", "\"Read more\"", "emits-change writable"), rows.get(l + "Motto"));
        assertEquals(List.of("property", "s", "\"9-17\"", "emits-invalidation writable"), rows.get(l + "Hours"));
        List<String> visitors = rows.get(l + "Visitors"); // its value grows with every Lend
        assertEquals(List.of("property", "u", "-"), List.of(visitors.get(0), visitors.get(1), visitors.get(3)));
        // write-only: GetAll leaves it out, so there is no value to show
        assertEquals(List.of("property", "s", "-", "emits-change writable"), rows.get(l + "Secret"));
        assertEquals(List.of("property", "u", "2", "emits-change"), rows.get(l + "BookCount"));
        // the interface annotation; busctl does not pass it down to the properties (it marks every
        // property emits-change unless the property says otherwise), so only the interface shows it
        assertEquals(List.of("interface", "-", "-", "emits-invalidation"), rows.get(ADMIN));
        assertEquals(List.of("property", "x", "1000", "emits-change writable"), rows.get(ADMIN + ".Budget"));
        // the standard interfaces, served by the runtime
        assertEquals(List.of("method", "-", "s", "-"), rows.get("org.freedesktop.DBus.Introspectable.Introspect"));
        assertEquals(List.of("method", "-", "a{oa{sa{sv}}}", "-"), rows.get("org.freedesktop.DBus.ObjectManager.GetManagedObjects"));
        assertEquals(List.of("signal", "oa{sa{sv}}", "-", "-"), rows.get("org.freedesktop.DBus.ObjectManager.InterfacesAdded"));
        assertEquals(List.of("signal", "oas", "-", "-"), rows.get("org.freedesktop.DBus.ObjectManager.InterfacesRemoved"));
        assertEquals(List.of("method", "-", "s", "-"), rows.get("org.freedesktop.DBus.Peer.GetMachineId"));
        assertEquals(List.of("method", "ssv", "-", "-"), rows.get("org.freedesktop.DBus.Properties.Set"));
        assertEquals(List.of("signal", "sa{sv}as", "-", "-"), rows.get("org.freedesktop.DBus.Properties.PropertiesChanged"));
    }

    @Test
    void introspectSubtreeObjectsAndNodesWithoutInterfaces() {
        Map<String, List<String>> shelf = introspect(bus, LibraryService.SHELVES.child("B").value());
        assertEquals(List.of("method", "-", "o", "-"), shelf.get(LibraryService.SHELF + ".Where"));
        assertEquals(List.of("property", "s", "\"B\"", "const"), shelf.get(LibraryService.SHELF + ".Letter"));

        Map<String, List<String>> book = introspect(bus, LibraryService.BOOKS.child("b2").value());
        assertEquals(List.of("property", "s", "\"Jane Austen\"", "const"), book.get(LibraryService.BOOK + ".Author"));

        // a node that only has children: Peer and Introspectable, nothing to get properties of
        Map<String, List<String>> inner = introspect(bus, "/io/github");
        assertEquals(List.of("org.freedesktop.DBus.Introspectable", "org.freedesktop.DBus.Introspectable.Introspect",
                "org.freedesktop.DBus.Peer", "org.freedesktop.DBus.Peer.GetMachineId", "org.freedesktop.DBus.Peer.Ping"),
                List.copyOf(inner.keySet()));
    }

    @Test
    void callsAnswerWithValues() {
        String p = PATH.value();
        assertEquals("s \"Dune for 3 days\"\n", bus.busctlCall(p, LIBRARY, "Lend", "su", "Dune", "3").ok());
        assertEquals("v a{sv} 1 \"k\" i 5\n", bus.busctlCall(p, LIBRARY, "Echo", "v", "a{sv}", "1", "k", "i", "5").ok());
        assertEquals("s \"admin\"\n", bus.busctlCall(p, ADMIN, "Describe").ok());
        assertEquals("o \"/io/github/busgen/test/Shelves/C\"\n",
                bus.busctlCall(LibraryService.SHELVES.child("C").value(), LibraryService.SHELF, "Where").ok());
    }

    @Test
    void theHandlerSeesSenderPathAndFlags() {
        // busctl asks for interactive authorization unless told not to; 0x4 is that flag, 0x2 NO_AUTO_START
        String out = bus.busctl("call", "--auto-start=no", "--allow-interactive-authorization=no",
                LibraryService.NAME.value(), PATH.value(), LIBRARY, "WhoAmI").ok();
        assertTrue(out.matches("soy \":1\\.\\d+\" \"/io/github/busgen/test/Library\" 2\n"), out);
        out = bus.busctl("call", "--allow-interactive-authorization=yes",
                LibraryService.NAME.value(), PATH.value(), LIBRARY, "WhoAmI").ok();
        assertTrue(out.endsWith("\"/io/github/busgen/test/Library\" 4\n"), out);
    }

    @Test
    void getAndSetProperties() {
        String name = LibraryService.NAME.value();
        String p = PATH.value();
        assertEquals("s \"Busgen Public Library\"\n", bus.busctl("get-property", name, p, LIBRARY, "Name").ok());
        assertEquals("x 1000\ns \"nobody\"\n", bus.busctl("get-property", name, p, ADMIN, "Budget", "Auditor").ok());

        bus.busctl("set-property", name, p, ADMIN, "Auditor", "s", "alice").ok();
        assertEquals("alice", bus.service.auditor);
        assertEquals("s \"alice\"\n", bus.busctl("get-property", name, p, ADMIN, "Auditor").ok());

        bus.busctl("set-property", name, p, LIBRARY, "Secret", "s", "swordfish").ok();
        assertEquals("swordfish", bus.service.secret);
    }

    @Test
    void peerAnswersOnAnyPath() throws IOException {
        String expected = machineId();
        for (String path : List.of(PATH.value(), "/", "/no/object/here")) {
            assertEquals("s \"" + expected + "\"\n",
                    bus.busctlCall(path, "org.freedesktop.DBus.Peer", "GetMachineId").ok(), path);
            assertEquals("", bus.busctlCall(path, "org.freedesktop.DBus.Peer", "Ping").ok(), path);
        }
    }

    /** The machine id the runtime should answer: /etc/machine-id, else /var/lib/dbus/machine-id. */
    static String machineId() throws IOException {
        for (Path p : List.of(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"))) {
            if (Files.isReadable(p)) {
                String id = Files.readString(p).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
        }
        throw new AssertionError("this machine has no machine id (/etc/machine-id); GetMachineId cannot be checked");
    }
}

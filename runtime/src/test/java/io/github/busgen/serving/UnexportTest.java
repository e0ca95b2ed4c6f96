package io.github.busgen.serving;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.github.busgen.serving.LibraryService.ADMIN;
import static io.github.busgen.serving.LibraryService.LIBRARY;
import static io.github.busgen.serving.LibraryService.PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unexporting, as busctl and gdbus see it: an interface closed at a path shared with another
 * leaves the other serving, a closed object and a closed subtree handler vanish from the tree and
 * answer UnknownObject.
 */
class UnexportTest {
    @RegisterExtension
    static final ServiceBus bus = ServiceBus.perClass();

    @Test
    void closedExportsDisappear() {
        String name = LibraryService.NAME.value();
        String b1 = LibraryService.BOOKS.child("b1").value();
        String shelf = LibraryService.SHELVES.child("A").value();
        assertEquals("s \"admin\"\n", bus.busctlCall(PATH.value(), ADMIN, "Describe").ok());

        bus.service.adminExport.close();
        assertTrue(bus.gdbusCall(PATH.value(), ADMIN + ".Describe").failed()
                .contains("GDBus.Error:org.freedesktop.DBus.Error.UnknownInterface:"));
        assertEquals("('library',)\n", bus.gdbusCall(PATH.value(), LIBRARY + ".Describe").ok());
        assertFalse(BusctlTest.introspect(bus, PATH.value()).containsKey(ADMIN));

        bus.busctlCall(PATH.value(), LIBRARY, "RemoveBook", "o", b1).ok();
        bus.service.shelvesExport.close();
        assertEquals(List.of("/", "/io", "/io/github", "/io/github/busgen", "/io/github/busgen/test",
                        "/io/github/busgen/test/Library", "/io/github/busgen/test/Library/books",
                        "/io/github/busgen/test/Library/books/b2"),
                bus.busctl("tree", "--list", name).ok().lines().toList());
        for (String gone : List.of(b1, shelf, LibraryService.SHELVES.value())) {
            assertTrue(bus.gdbusCall(gone, "org.freedesktop.DBus.Introspectable.Introspect").failed()
                    .contains("GDBus.Error:org.freedesktop.DBus.Error.UnknownObject:"), gone);
        }
    }
}

package io.github.busgen.names;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bus names on which the D-Bus specification and libdbus disagree, decided explicitly. busgen
 * follows the specification ("Valid Names", "Bus names"): a bus name, unique or not, "must contain at
 * least one '.' (period) character (and thus at least two elements)". libdbus's
 * {@code _dbus_validate_bus_name} skips that rule for unique names; GLib's {@code g_dbus_is_name}
 * follows the specification, and dbus-daemon only ever hands out {@code :N.M} names, so rejecting
 * these loses nothing on a real bus.
 */
class SpecVersusLibdbusTest {
    /**
     * {@code valid_unique_names[]} rows 1-3 of libdbus's test: libdbus accepts them, the specification
     * (and busgen, and GLib) rejects them because they have no period.
     */
    static final Set<String> UNIQUE_NAMES_WITHOUT_PERIOD = Set.of(":0", ":a", ":");

    /**
     * Rows of libdbus's {@code invalid_unique_names[]} that are commented out in its source ({@code //":-",}
     * and {@code //":0-10",}, since 2005, no reason given); libdbus 1.14 accepts both. Both have no
     * period, so busgen rejects them; '-' itself is allowed in bus names.
     */
    static final Set<String> COMMENTED_OUT_UNIQUE_NAMES = Set.of(":-", ":0-10");

    /**
     * Rows of {@code invalid_interfaces[]} that start with ':' and that libdbus therefore does not
     * check as bus or error names. As bus names: ":" and ":0-1" have no period (rejected, libdbus
     * accepts); ":11.34324" is a proper unique name (accepted, as libdbus does). As error names all
     * three are invalid (':' is not allowed), as libdbus also finds.
     */
    static final Set<String> UNASSERTED_INTERFACE_ROWS = Set.of(":", ":0-1", ":11.34324");

    @Test
    void uniqueNamesWithoutPeriodAreRejectedAsTheSpecificationSays() {
        for (String s : UNIQUE_NAMES_WITHOUT_PERIOD) {
            assertRejectedForMissingPeriod(s);
        }
        // libdbus's commented-out rows: the same rule applies, though '-' is fine
        for (String s : COMMENTED_OUT_UNIQUE_NAMES) {
            assertRejectedForMissingPeriod(s);
        }
        assertTrue(BusName.isValid(":-.-"));
        assertTrue(BusName.isValid(":0-10.1"));
    }

    private static void assertRejectedForMissingPeriod(String s) {
        assertFalse(BusName.isValid(s), s);
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> BusName.of(s));
        assertEquals(NameRule.BUS_NAME_NEEDS_PERIOD, e.rule(), e::getMessage);
        assertTrue(e.getMessage().contains("at least one '.'"), e::getMessage);
    }

    @Test
    void colonRowsOfTheInterfaceTableAreDecided() {
        assertRejectedForMissingPeriod(":");
        assertRejectedForMissingPeriod(":0-1");
        assertTrue(BusName.of(":11.34324").isUnique());
        for (String s : UNASSERTED_INTERFACE_ROWS) {
            assertFalse(InterfaceName.isValid(s), s);
            assertFalse(ErrorName.isValid(s), s);
        }
    }

    @Test
    void uniqueNamesWhoseFirstElementIsOnlyTheColonAreAccepted() {
        // libdbus and GLib agree: the ':' is the first element's content, and the name does not begin
        // with '.', so ":.a" has two non-empty elements
        assertTrue(BusName.isValid(":.a"));
        assertTrue(BusName.isValid(":.1"));
        assertTrue(BusName.isValid(":.blah"));
        // but the element after a period is never empty
        assertEquals(NameRule.EMPTY_ELEMENT, assertThrows(InvalidNameException.class, () -> BusName.of(":.")).rule());
        assertEquals(NameRule.EMPTY_ELEMENT, assertThrows(InvalidNameException.class, () -> BusName.of(":..a")).rule());
        // a well-known name may not begin with '.'
        assertEquals(NameRule.EMPTY_ELEMENT, assertThrows(InvalidNameException.class, () -> BusName.of(".a.b")).rule());
    }
}

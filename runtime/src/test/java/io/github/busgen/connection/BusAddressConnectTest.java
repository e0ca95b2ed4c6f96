package io.github.busgen.connection;

import io.github.busgen.fdo.BusClient;
import io.github.busgen.testing.Leftovers;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.transport.GuidMismatchException;
import io.github.busgen.transport.InvalidAddressException;
import io.github.busgen.transport.UnsupportedAddressException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening connections by address: an address busgen cannot open fails with a message that says
 * why and what to use instead; a malformed address says what is wrong with it; in a list, a
 * failing entry gives way to the next one that works; the guid key is checked against the bus.
 */
class BusAddressConnectTest {
    static void assertMentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "the message should mention \"" + p + "\": " + e.getMessage());
        }
    }

    @Test
    void anAbstractSocketFailsSayingWhatToUseInstead() throws Exception {
        Leftovers before = Leftovers.snapshot();
        UnsupportedAddressException e = assertThrows(UnsupportedAddressException.class,
                () -> Connection.open("unix:abstract=/tmp/dbus-busgen-test"));
        assertMentions(e, "unix:abstract=/tmp/dbus-busgen-test", "abstract namespace", "Use", "unix:path=");
        UnsupportedAddressException peer = assertThrows(UnsupportedAddressException.class,
                () -> Connection.openPeer("unix:abstract=foo"));
        assertMentions(peer, "unix:path=");
        before.assertNoneNewWithin(Duration.ofSeconds(5));
    }

    @Test
    void aMalformedAddressSaysWhatIsWrong() {
        InvalidAddressException noColon = assertThrows(InvalidAddressException.class, () -> Connection.open("nonsense"));
        assertMentions(noColon, "\"nonsense\"");
        InvalidAddressException noValue = assertThrows(InvalidAddressException.class,
                () -> Connection.open("unix:path"));
        assertMentions(noValue, "\"unix:path\"", "'='");
        InvalidAddressException empty = assertThrows(InvalidAddressException.class, () -> Connection.open(""));
        assertMentions(empty, "empty");
    }

    @Test
    void inAListTheFirstEntryThatWorksIsUsed(@TempDir Path dir) throws Exception {
        try (PrivateBus bus = PrivateBus.start()) {
            String missing = "unix:path=" + dir.resolve("no-bus-here");
            for (String first : new String[] {missing, "unix:abstract=busgen-test", "tcp:host=127.0.0.1,port=1"}) {
                try (Connection c = Connection.open(first + ";" + bus.address())) {
                    assertTrue(c.uniqueName().value().startsWith(":"), c.toString());
                    assertTrue(new BusClient(c).nameHasOwner(c.uniqueName()));
                }
            }
            // when every entry fails, the message gives each entry's reason
            IOException all = assertThrows(IOException.class,
                    () -> Connection.open(missing + ";unix:abstract=busgen-test"));
            assertMentions(all, "2 address entries", "[1]", "no-bus-here", "[2]", "abstract");
        }
    }

    @Test
    void theGuidOfTheAddressIsChecked() throws Exception {
        try (PrivateBus bus = PrivateBus.start()) {
            String path = bus.address().substring(0, bus.address().indexOf(",guid="));
            String guid = bus.address().substring(bus.address().indexOf(",guid=") + ",guid=".length());
            String wrong = "0".repeat(32);
            GuidMismatchException e = assertThrows(GuidMismatchException.class,
                    () -> Connection.open(path + ",guid=" + wrong));
            assertMentions(e, wrong, guid);
            try (Connection c = Connection.open(path)) {
                assertEquals(c.uniqueName(), new BusClient(c).getNameOwner(c.uniqueName()));
            }
        }
    }
}

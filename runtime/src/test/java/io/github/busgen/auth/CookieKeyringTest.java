package io.github.busgen.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DBUS_COOKIE_SHA1 keyring: permissions, rotation, locking, and reading as a client. */
class CookieKeyringTest {
    private static final long NOW = 1_800_000_000L;

    @TempDir
    Path temp;

    private Path dir() {
        return temp.resolve("keyrings");
    }

    private CookieKeyring keyring(long now) {
        return new CookieKeyring(dir(), "ctx", OptionalLong.empty(), () -> now);
    }

    private void privateDir() throws IOException {
        Files.createDirectory(dir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @Test
    void serverCreatesAPrivateDirectoryAndFile() throws Exception {
        CookieKeyring.Cookie c = keyring(NOW).current();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("ctx"))));
        assertEquals(NOW, c.created());
        assertEquals(48, c.secret().length(), "24 random bytes in hex");
        assertEquals(List.of(c.id() + " " + NOW + " " + c.secret()), Files.readAllLines(dir().resolve("ctx")));
        assertFalse(Files.exists(dir().resolve("ctx.lock")), "the lock is dropped");
        assertEquals(c.secret(), keyring(NOW).secret(c.id()));
    }

    @Test
    void recentCookieIsReusedAndAnAgingOneReplaced() throws Exception {
        CookieKeyring.Cookie first = keyring(NOW).current();
        assertEquals(first, keyring(NOW + 299).current());
        CookieKeyring.Cookie second = keyring(NOW + 301).current();
        assertNotEquals(first.id(), second.id());
        assertEquals(2, Files.readAllLines(dir().resolve("ctx")).size(), "the old one stays until 7 minutes");
        keyring(NOW + 421).current();
        List<String> lines = Files.readAllLines(dir().resolve("ctx"));
        assertFalse(lines.stream().anyMatch(l -> l.startsWith(first.id() + " ")), () -> "expired cookie kept: " + lines);
    }

    @Test
    void cookiesFromTheFarFutureAndMalformedLinesAreDropped() throws Exception {
        privateDir();
        Files.writeString(dir().resolve("ctx"), "5 " + (NOW + 301) + " aa\ngarbage\n6 " + NOW + " zz\n7 " + (NOW - 10) + " bb\n");
        CookieKeyring.Cookie c = keyring(NOW).current();
        assertEquals(new CookieKeyring.Cookie(7, NOW - 10, "bb"), c);
        assertEquals(List.of("7 " + (NOW - 10) + " bb"), Files.readAllLines(dir().resolve("ctx")));
    }

    @Test
    void staleLockIsRemoved() throws Exception {
        privateDir();
        Files.writeString(dir().resolve("ctx.lock"), "");
        keyring(NOW).current();
        assertFalse(Files.exists(dir().resolve("ctx.lock")));
        assertTrue(Files.exists(dir().resolve("ctx")));
    }

    @Test
    void directoryOthersCanAccessIsIgnoredBothWays() throws Exception {
        Files.createDirectory(dir());
        Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwx---r-x"));
        IOException server = assertThrows(IOException.class, () -> keyring(NOW).current());
        assertEquals("keyring directory " + dir() + " is accessible by group or others (rwx---r-x); ignoring it, "
                + "as the D-Bus specification requires (chmod 700 it)", server.getMessage());
        assertThrows(IOException.class, () -> keyring(NOW).secret(1));
        assertFalse(Files.exists(dir().resolve("ctx")), "nothing is written into a public directory");
    }

    @Test
    void directoryOfAnotherUserIsIgnored() throws Exception {
        privateDir();
        long owner = ((Integer) Files.getAttribute(dir(), "unix:uid")) & 0xFFFFFFFFL;
        CookieKeyring other = new CookieKeyring(dir(), "ctx", OptionalLong.of(owner + 1), () -> NOW);
        assertEquals("keyring directory " + dir() + " belongs to uid " + owner + ", not to uid " + (owner + 1) + "; ignoring it",
                assertThrows(IOException.class, () -> other.secret(1)).getMessage());
    }

    @Test
    void clientErrorsSayWhatIsMissing() throws Exception {
        assertEquals("no keyring directory " + dir(), assertThrows(IOException.class, () -> keyring(NOW).secret(1)).getMessage());
        privateDir();
        assertEquals("no cookie 1 in " + dir().resolve("ctx"),
                assertThrows(IOException.class, () -> keyring(NOW).secret(1)).getMessage());
    }

    @Test
    void contextNamesAreChecked() {
        CookieKeyring.checkContext("org_freedesktop_general");
        for (String bad : List.of("", "a/b", "a\\b", "a b", "a.b", "a\tb", "a\nb", "caf\u00e9")) {
            assertThrows(IllegalArgumentException.class, () -> CookieKeyring.checkContext(bad), bad);
        }
        assertEquals("cookie context \"a.b\" contains U+002E, which context names may not contain",
                assertThrows(IllegalArgumentException.class, () -> CookieKeyring.checkContext("a.b")).getMessage());
    }
}

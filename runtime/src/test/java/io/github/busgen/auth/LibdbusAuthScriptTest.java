package io.github.busgen.auth;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays libdbus's 19 SASL auth scripts ({@code libdbus/auth/*.auth-script} in the shared corpus)
 * against {@link SaslClient} and {@link SaslServer}, with the script language of libdbus's
 * {@code _dbus_auth_script_run()} as the corpus README describes it: the driver plays the peer,
 * SEND injects a line, EXPECT_COMMAND checks the first word of the next line sent back, and so on.
 *
 * <p>Choices where libdbus's behaviour is one option among several, and what busgen does:
 * <ul>
 *   <li>fallback: the client accepts OK while waiting for DBUS_COOKIE_SHA1 data (libdbus and the
 *       specification's diagram do; see {@link SaslClient}).</li>
 *   <li>anonymous-client-successful: the client is configured to allow ANONYMOUS, as libdbus's
 *       client is by default; busgen's default client does not offer it.</li>
 *   <li>the server offers ANONYMOUS here, as libdbus's does by default; busgen's default server
 *       does not.</li>
 *   <li>"our uid" is the effective uid and "our login name" is the JDK's {@code user.name}.</li>
 * </ul>
 * The corpus folder is the system property {@code busgen.corpus} (default /work/shared/corpus);
 * without it these tests are skipped, saying so.
 */
class LibdbusAuthScriptTest {
    private static final List<String> SCRIPTS = List.of("anonymous-client-successful", "anonymous-server-successful",
            "cancel", "client-out-of-mechanisms", "cookie-sha1-username", "cookie-sha1", "external-auto",
            "external-failed", "external-root", "external-silly", "external-successful", "external-username",
            "extra-bytes", "fail-after-n-attempts", "fallback", "invalid-command-client", "invalid-command",
            "invalid-hex-encoding", "mechanisms");
    private static final String GUID = "5fa01f4202cd837709a3274ca0df9d00";

    @TempDir
    Path temp;

    static Path authDir() {
        return Path.of(System.getProperty("busgen.corpus", "/work/shared/corpus"), "libdbus", "auth");
    }

    @TestFactory
    Stream<DynamicTest> libdbusScripts() throws IOException {
        Path dir = authDir();
        if (!Files.isDirectory(dir)) {
            // a skipped dynamic test, so that reports show the skip and its reason
            return Stream.of(DynamicTest.dynamicTest("libdbus auth scripts", () -> Assumptions.assumeTrue(false,
                    "corpus folder " + dir + " is absent (system property busgen.corpus); skipping the libdbus auth script replays")));
        }
        List<Path> scripts;
        try (Stream<Path> s = Files.list(dir)) {
            scripts = s.filter(p -> p.toString().endsWith(".auth-script")).sorted().collect(Collectors.toList());
        }
        List<String> names = scripts.stream().map(p -> p.getFileName().toString().replace(".auth-script", ""))
                .collect(Collectors.toList());
        assertTrue(names.containsAll(SCRIPTS), () -> "missing scripts in " + dir + ": "
                + SCRIPTS.stream().filter(n -> !names.contains(n)).collect(Collectors.toList()));
        return scripts.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                () -> new Runner(p, temp.resolve(p.getFileName() + ".keyrings")).run()));
    }

    /** One script's run: the endpoint under test, its input, its output, the peer's credentials. */
    static final class Runner {
        private final Path script;
        private final Path keyrings;
        private final long uid = UnixIds.effectiveUid().orElseThrow();
        private final String loginName = UnixIds.loginName();
        private OptionalLong credentials = OptionalLong.of(uid);
        private SaslClient client;
        private SaslServer server;
        private final LineBuffer input = new LineBuffer(LineBuffer.DEFAULT_MAX_LINE_LENGTH);
        /** Every byte the endpoint sent and no EXPECT has consumed yet, lines ending in \r\n. */
        private final StringBuilder output = new StringBuilder();
        private final java.io.ByteArrayOutputStream unused = new java.io.ByteArrayOutputStream();
        private int lineNo;

        Runner(Path script, Path keyrings) {
            this.script = script;
            this.keyrings = keyrings;
        }

        void run() throws IOException {
            String text = Files.readString(script, StandardCharsets.ISO_8859_1);
            for (String raw : text.split("\r\n|\r|\n", -1)) {
                lineNo++;
                String line = raw.stripLeading();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (!command(line)) {
                    return; // WIN_ONLY: skipped, counts as a pass
                }
            }
            if (unused.size() > 0) {
                fail(where() + "bytes after authentication that no EXPECT_UNUSED consumed: \"" + unused + "\"");
            }
            assertEquals("", output.toString(), where() + "output left that no EXPECT consumed");
        }

        private String where() {
            return script.getFileName() + ":" + lineNo + ": ";
        }

        /** Runs one script command; false to stop and pass (a platform gate). */
        private boolean command(String line) throws IOException {
            // prefix matching in this order: the longer EXPECT_* forms before EXPECT
            if (line.startsWith("UNIX_ONLY")) {
                return true;
            } else if (line.startsWith("WIN_ONLY")) {
                return false;
            } else if (line.startsWith("CLIENT")) {
                checkNoEndpoint();
                client = new SaslClient(ClientAuthOptions.defaults().withUid(uid)
                        .withMechanisms(Mechanism.EXTERNAL, Mechanism.DBUS_COOKIE_SHA1, Mechanism.ANONYMOUS)
                        .withKeyringDirectory(keyrings), true, false);
                emit(client.start());
            } else if (line.startsWith("SERVER")) {
                checkNoEndpoint();
                server = new SaslServer(ServerAuthOptions.defaults().withGuid(GUID)
                        .withMechanisms(Mechanism.EXTERNAL, Mechanism.DBUS_COOKIE_SHA1, Mechanism.ANONYMOUS)
                        .withCookieContext("org_freedesktop_test").withKeyringDirectory(keyrings)
                        .withOwnUser(uid, loginName), () -> credentials, false);
            } else if (line.startsWith("NO_CREDENTIALS")) {
                credentials = OptionalLong.empty();
            } else if (line.startsWith("ROOT_CREDENTIALS")) {
                credentials = OptionalLong.of(0);
            } else if (line.startsWith("SILLY_CREDENTIALS")) {
                credentials = OptionalLong.of(4312);
            } else if (line.startsWith("ALLOWED_MECHS")) {
                fail(where() + "ALLOWED_MECHS is not implemented by this driver (no corpus script uses it)");
            } else if (line.startsWith("SEND")) {
                send(substitute(argument(line.substring(4))) + "\r\n");
            } else if (line.startsWith("EXPECT_STATE")) {
                String expected = argument(line.substring("EXPECT_STATE".length()));
                SaslState state = state();
                assertTrue(expected.startsWith(state.name()), where() + "expected state " + expected + ", was " + state);
            } else if (line.startsWith("EXPECT_COMMAND")) {
                String word = argument(line.substring("EXPECT_COMMAND".length()));
                int end = output.indexOf("\r\n");
                assertTrue(end >= 0, where() + "expected command " + word + ", but the endpoint sent nothing");
                String sent = output.substring(0, end);
                output.delete(0, end + 2);
                assertEquals(word, sent.split(" ", 2)[0], where() + "the endpoint sent \"" + sent + "\"");
            } else if (line.startsWith("EXPECT_UNUSED")) {
                String expected = argument(line.substring("EXPECT_UNUSED".length()));
                assertEquals(expected, unused.toString(StandardCharsets.ISO_8859_1), where() + "unused bytes");
                unused.reset();
            } else if (line.startsWith("EXPECT_HAVE_NO_CREDENTIALS")) {
                assertTrue(server == null || server.authorizedUid().isEmpty(), where() + "expected no credentials, have "
                        + server.authorizedUid());
            } else if (line.startsWith("EXPECT_HAVE_SOME_CREDENTIALS")) {
                assertTrue(server != null && server.authorizedUid().isPresent(), where() + "expected credentials, have none");
            } else if (line.startsWith("EXPECT")) {
                String expected = argument(line.substring("EXPECT".length()));
                assertTrue(output.toString().startsWith(expected), where() + "expected output to start with \""
                        + expected + "\", it is \"" + output + "\"");
                output.delete(0, expected.length());
            } else {
                fail(where() + "unknown script command: " + line);
            }
            return true;
        }

        private void checkNoEndpoint() {
            if (client != null || server != null) {
                fail(where() + "CLIENT or SERVER given twice");
            }
        }

        private SaslState state() {
            if (client == null && server == null) {
                fail(where() + "no CLIENT or SERVER yet");
            }
            return client != null ? client.state() : server.state();
        }

        /** Hands bytes to the endpoint and lets it process every complete line ("pumping"). */
        private void send(String bytes) throws IOException {
            byte[] b = bytes.getBytes(StandardCharsets.ISO_8859_1);
            if (state() == SaslState.AUTHENTICATED) {
                unused.writeBytes(b);
                return;
            }
            input.append(b, 0, b.length);
            String line;
            while (state() == SaslState.WAITING_FOR_INPUT && (line = input.nextLine()) != null) {
                emit(client != null ? client.receive(line) : server.receive(line));
            }
            if (state() == SaslState.AUTHENTICATED) {
                unused.writeBytes(input.drain());
            }
        }

        private void emit(List<String> lines) {
            for (String l : lines) {
                output.append(l).append("\r\n");
            }
        }

        /**
         * The argument after a keyword: '...' is literal (blanks included), an unquoted blank ends
         * it, and \r, \n, \\ are escapes inside and outside quotes.
         */
        static String argument(String rest) {
            String s = rest.stripLeading();
            StringBuilder b = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char n = s.charAt(++i);
                    b.append(n == 'r' ? '\r' : n == 'n' ? '\n' : n);
                } else if (c == '\'') {
                    quoted = !quoted;
                } else if ((c == ' ' || c == '\t') && !quoted) {
                    break;
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }

        /** Replaces the first placeholder found, checked in libdbus's order, by the hex of its value. */
        private String substitute(String arg) {
            boolean root = uid == 0;
            String[][] placeholders = {
                {"WRONG_USERID_HEX", root ? "65534" : "0"},
                {"USERID_HEX", Long.toString(uid)},
                {"WRONG_USERNAME_HEX", root ? "nobody" : "root"},
                {"USERNAME_HEX", loginName},
            };
            for (String[] p : placeholders) {
                int at = arg.indexOf(p[0]);
                if (at >= 0) {
                    return arg.substring(0, at) + SaslCommand.hex(p[1]) + arg.substring(at + p[0].length());
                }
            }
            return arg;
        }
    }

    /** The driver itself: quoting and escapes as the README describes them. */
    @Test
    void argumentSyntax() {
        assertEquals("AUTH", Runner.argument(" AUTH"));
        assertEquals("BEGIN\r\nHello", Runner.argument(" 'BEGIN\\r\\nHello'"));
        assertEquals("a b", Runner.argument(" 'a b' ignored"));
        assertEquals("a", Runner.argument(" a b"));
        assertEquals("x\\y", Runner.argument(" 'x\\\\y'"));
    }

    /** The runner fails a script when the endpoint misbehaves: it is not a test that cannot fail. */
    @Test
    void runnerDetectsAWrongReply() throws IOException {
        Path bad = temp.resolve("bad.auth-script");
        Files.writeString(bad, "SERVER\nSEND 'AUTH EXTERNAL USERID_HEX'\nEXPECT_COMMAND REJECTED\n");
        AssertionError e = assertThrows(AssertionError.class, () -> new Runner(bad, temp.resolve("k")).run());
        assertTrue(e.getMessage().contains("the endpoint sent \"OK " + GUID + "\""), e::getMessage);
        Path leftover = temp.resolve("leftover.auth-script");
        Files.writeString(leftover, "SERVER\nSEND 'AUTH EXTERNAL USERID_HEX'\n");
        e = assertThrows(AssertionError.class, () -> new Runner(leftover, temp.resolve("k")).run());
        assertTrue(e.getMessage().contains("output left"), e::getMessage);
    }
}

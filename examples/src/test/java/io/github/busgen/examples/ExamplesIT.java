package io.github.busgen.examples;

import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples jar's commands, run as a user runs them ({@code java -jar target/busgen-examples.jar
 * COMMAND}) against a private dbus-daemon, with busctl, gdbus and a python-dbus notification server
 * as the other programs.
 */
class ExamplesIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NAME = "io.github.busgen.examples.Counter";
    private static final String PATH = "/io/github/busgen/examples/Counter";

    private static String jar() {
        String jar = System.getProperty("busgen.examples.jar", "target/busgen-examples.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), "the examples jar is built first: " + jar);
        return jar;
    }

    private static List<String> command(String... args) {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar()));
        c.addAll(List.of(args));
        return c;
    }

    /** Runs a command to its end with a clean environment plus {@code env}. */
    private static Programs.Result run(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("DBUS_SESSION_BUS_ADDRESS", "");
        all.putIfAbsent("XDG_RUNTIME_DIR", "/nonexistent-runtime-dir");
        return Programs.run(WAIT, all, command(args).toArray(String[]::new));
    }

    private static void assertNoStackTrace(String output) {
        assertFalse(output.contains("\tat ") || output.contains("Exception in thread"), "a stack trace:\n" + output);
    }

    private static void assertConversation(String out) {
        for (String line : List.of("service: exported the counter at " + PATH, "client: Add(5) -> 5",
                "client: heard signal CountChanged(5)", "client: heard PropertiesChanged: Count = 5",
                "client: Add(-2) -> 3", "client: Count -> 3", "client: heard signal CountChanged(42)",
                "client: Describe() -> {count=42", "client: heard signal CountChanged(0)", "demo: done")) {
            assertTrue(out.contains(line), "missing \"" + line + "\" in:\n" + out);
        }
    }

    @Test
    void demoUsesTheSessionBusWhenThereIsOne() throws Exception {
        try (PrivateBus bus = PrivateBus.start()) {
            Programs.Result r = run(Map.of("DBUS_SESSION_BUS_ADDRESS", bus.address()), "demo");
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.startsWith("demo: using the session bus at " + bus.address()), r.stdout);
            assertTrue(r.stdout.contains(" as " + NAME), r.stdout);
            assertConversation(r.stdout);
        }
    }

    @Test
    void demoStartsAPrivateDaemonWithoutASessionBus() {
        Programs.Result r = run(Map.of(), "demo");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("demo: started a private dbus-daemon at unix:path="), r.stdout);
        assertConversation(r.stdout);
    }

    @Test
    void demoRunsPeerToPeerWithoutAnyDaemon() {
        Programs.Result r = run(Map.of("PATH", "/nonexistent"), "demo");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("no dbus-daemon on the PATH either, so running peer-to-peer"), r.stdout);
        assertTrue(r.stdout.contains("on the peer-to-peer connection"), r.stdout);
        assertConversation(r.stdout);
    }

    @Test
    void counterServiceAnswersBusctlGdbusAndTheClientThenStopsOnSigterm() throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             Programs.Peer service = Programs.start(command("counter-service", "--address", bus.address())
                     .toArray(String[]::new))) {
            service.awaitPrefix("counter-service: serving " + NAME, WAIT);
            String busctl = Programs.busctl();
            assertEquals("i 5", Programs.runOk(busctl, "--address=" + bus.address(), "call", NAME, PATH, NAME,
                    "Add", "i", "5").trim());
            assertEquals("i 5", Programs.runOk(busctl, "--address=" + bus.address(), "get-property", NAME, PATH, NAME,
                    "Count").trim());
            String described = Programs.gdbusOn(bus.address(), "call", "--dest", NAME, "--object-path", PATH,
                    "--method", NAME + ".Describe");
            assertTrue(described.contains("'count': <5>"), described);
            String introspected = Programs.gdbusOn(bus.address(), "introspect", "--dest", NAME, "--object-path", PATH);
            assertTrue(introspected.contains("interface " + NAME), introspected);
            assertTrue(introspected.contains("signal CountChanged(") || introspected.contains("CountChanged("), introspected);

            try (Programs.Peer client = Programs.start(command("counter-client", "--address", bus.address())
                    .toArray(String[]::new))) {
                assertEquals("6", client.awaitPrefix("client: Add(1) -> ", WAIT));
                client.awaitPrefix("client: Describe() -> {count=10", WAIT);
                client.awaitPrefix("client: watching CountChanged", WAIT);
                Programs.runOk(busctl, "--address=" + bus.address(), "call", NAME, PATH, NAME, "Add", "i", "2");
                client.awaitPrefix("client: CountChanged(12)", WAIT);
                sigterm(client.process());
                assertTrue(client.process().waitFor(10, TimeUnit.SECONDS));
                assertEquals(0, client.process().exitValue());
                client.awaitPrefix("counter-client: stopped", WAIT);
            }

            sigterm(service.process());
            assertTrue(service.process().waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, service.process().exitValue());
            service.awaitPrefix("counter-service: released " + NAME, WAIT);
            Programs.Result owner = Programs.run(WAIT, busctl, "--address=" + bus.address(), "status", NAME);
            assertTrue(owner.exitCode != 0, "the name is released: " + owner);
        }
    }

    @Test
    void serviceAndClientExitWithOneLineWhenTheBusGoesAway() throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             Programs.Peer service = Programs.start(command("counter-service", "--address", bus.address())
                     .toArray(String[]::new));
             Programs.Peer client = startClientWhenServing(bus, service)) {
            client.awaitPrefix("client: watching CountChanged", WAIT);
            bus.kill();
            assertTrue(service.process().waitFor(10, TimeUnit.SECONDS));
            assertTrue(client.process().waitFor(10, TimeUnit.SECONDS));
            assertEquals(1, service.process().exitValue());
            assertEquals(1, client.process().exitValue());
            service.awaitPrefix("busgen-examples counter-service: the bus went away", WAIT);
            client.awaitPrefix("busgen-examples counter-client: the bus went away", WAIT);
            assertNoStackTrace(String.join("\n", service.seen()) + String.join("\n", client.seen()));
        }
    }

    @Test
    void serviceAndClientStopCleanlyOnSigint() throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             Programs.Peer service = Programs.start(interruptible(command("counter-service", "--address",
                     bus.address())))) {
            service.awaitPrefix("counter-service: serving " + NAME, WAIT);
            assertEquals("b true", nameHasOwner(bus));
            try (Programs.Peer client = Programs.start(interruptible(command("counter-client", "--address",
                    bus.address())))) {
                client.awaitPrefix("client: watching CountChanged", WAIT);
                sigint(client.process());
                Programs.Result stopped = client.finish(WAIT);
                assertEquals(0, stopped.exitCode, stopped.toString());
                assertTrue(stopped.stdout.endsWith("counter-client: stopped\n"), stopped.toString());
                assertEquals("", stopped.stderr, stopped.toString());
            }

            sigint(service.process());
            Programs.Result stopped = service.finish(WAIT);
            assertEquals(0, stopped.exitCode, stopped.toString());
            assertTrue(stopped.stdout.endsWith("counter-service: released " + NAME + " and stopped\n"),
                    stopped.toString());
            assertEquals("", stopped.stderr, stopped.toString());
            assertEquals("b false", nameHasOwner(bus));
        }
    }

    @Test
    void serviceAndClientSayWhenTheBusBreaksTheProtocol() throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             MeddlingBus meddling = MeddlingBus.start(bus.directory().resolve("meddling"), bus.socketPath());
             Programs.Peer service = Programs.start(command("counter-service", "--address", meddling.address())
                     .toArray(String[]::new));
             Programs.Peer client = startClientWhenServing(meddling.address(), service)) {
            client.awaitPrefix("client: watching CountChanged", WAIT);
            assertEquals(2, meddling.connections());
            // a fixed header of type 0 (INVALID), little-endian, version 1, no body, serial 1, no fields
            meddling.meddle(new byte[] {'l', 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0});
            String broke = "the bus broke the D-Bus protocol: message type 0 (INVALID) is not allowed (at offset 1)";
            for (Programs.Peer p : List.of(service, client)) {
                Programs.Result r = p.finish(WAIT);
                assertEquals(1, r.exitCode, r.toString());
                String command = p == service ? "counter-service" : "counter-client";
                assertEquals("busgen-examples " + command + ": " + broke + "\n", r.stderr, r.toString());
                assertNoStackTrace(r.stdout + r.stderr);
            }
        }
    }

    /**
     * Sends SIGTERM with kill(1): Process.destroy() sends it too, but also closes our end of the
     * process's output, so what it prints while it stops could not be read.
     */
    private static void sigterm(Process p) {
        Programs.runOk("kill", "-TERM", Long.toString(p.pid()));
    }

    /**
     * Sends SIGINT, as Ctrl-C does, to a program started with {@link #interruptible}.
     */
    private static void sigint(Process p) {
        Programs.runOk("kill", "-INT", Long.toString(p.pid()));
    }

    /**
     * {@code command} run through {@code env --default-signal=INT} (coreutils 8.31+), which execs it
     * (same pid) with SIGINT handled by default. A program started in the background by a
     * non-interactive shell inherits SIGINT ignored, and the JVM leaves an ignored SIGINT ignored:
     * without this the test would depend on how the build was started.
     */
    private static String[] interruptible(List<String> command) {
        List<String> c = new ArrayList<>(List.of(Programs.require("env", "coreutils"), "--default-signal=INT"));
        c.addAll(command);
        return c.toArray(String[]::new);
    }

    /** What the bus says to NameHasOwner(counter's name): "b true" or "b false". */
    private static String nameHasOwner(PrivateBus bus) {
        return Programs.runOk(Programs.busctl(), "--address=" + bus.address(), "call", "org.freedesktop.DBus",
                "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", "s", NAME).trim();
    }

    private static Programs.Peer startClientWhenServing(PrivateBus bus, Programs.Peer service) throws Exception {
        return startClientWhenServing(bus.address(), service);
    }

    private static Programs.Peer startClientWhenServing(String address, Programs.Peer service) throws Exception {
        service.awaitPrefix("counter-service: serving", WAIT);
        return Programs.start(command("counter-client", "--address", address).toArray(String[]::new));
    }

    @Test
    void clearMessagesWhenNothingAnswers() throws Exception {
        try (PrivateBus bus = PrivateBus.start()) {
            Programs.Result client = run(Map.of(), "counter-client", "--address", bus.address());
            assertEquals(1, client.exitCode, client.toString());
            assertTrue(client.stderr.startsWith("busgen-examples counter-client: no counter service runs on"), client.stderr);
            assertNoStackTrace(client.stderr + client.stdout);

            Programs.Result notify = run(Map.of("DBUS_SESSION_BUS_ADDRESS", bus.address()), "notify", "Hi", "there");
            assertEquals(1, notify.exitCode, notify.toString());
            assertTrue(notify.stderr.startsWith("busgen-examples notify: no notification server runs on"), notify.stderr);
            assertNoStackTrace(notify.stderr + notify.stdout);
        }
        Programs.Result noBus = run(Map.of(), "counter-client");
        assertEquals(1, noBus.exitCode, noBus.toString());
        assertTrue(noBus.stderr.startsWith("busgen-examples counter-client: cannot connect to the session bus: no session bus"),
                noBus.stderr);
        Programs.Result abstractAddress = run(Map.of(), "notify", "--address", "unix:abstract=/tmp/x", "a", "b");
        assertEquals(1, abstractAddress.exitCode, abstractAddress.toString());
        assertTrue(abstractAddress.stderr.contains("unix:path="), abstractAddress.stderr);
        assertNoStackTrace(noBus.stderr + abstractAddress.stderr);
    }

    @Test
    void aSecondServiceIsRefusedWhileTheFirstOwnsTheName() throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             Programs.Peer first = Programs.start(command("counter-service", "--address", bus.address())
                     .toArray(String[]::new))) {
            first.awaitPrefix("counter-service: serving", WAIT);
            Programs.Result second = run(Map.of(), "counter-service", "--address", bus.address());
            assertEquals(1, second.exitCode, second.toString());
            assertTrue(second.stderr.contains("another program already owns " + NAME), second.stderr);
        }
    }

    @Test
    void notifyShowsANotificationThroughTheServer() throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             Programs.Peer server = Programs.start(Programs.python(),
                     Programs.resource("/notification_server.py").toString(), bus.address())) {
            server.await("ready"::equals, WAIT);
            Programs.Result r = run(Map.of("DBUS_SESSION_BUS_ADDRESS", bus.address()), "notify", "Build done",
                    "All tests passed ✓");
            assertEquals(0, r.exitCode, r.toString());
            assertEquals("notify: shown as notification 1 by python-test-server 1.0 (busgen tests)", r.stdout.trim());
            assertEquals("busgen-examples|Build done|All tests passed ✓", server.awaitPrefix("notify ", WAIT));
        }
    }

    @Test
    void everyCommandHasHelpAndUnknownOnesAreUsageErrors() {
        for (String c : List.of("demo", "counter-service", "counter-client", "notify")) {
            Programs.Result r = run(Map.of(), c, "--help");
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.startsWith("usage: java -jar busgen-examples.jar " + c), r.stdout);
            assertTrue(r.stdout.contains("--address ADDR"), r.stdout);
        }
        Programs.Result unknown = run(Map.of(), "frobnicate");
        assertEquals(2, unknown.exitCode, unknown.toString());
        assertTrue(unknown.stderr.contains("unknown command frobnicate"), unknown.stderr);
        Programs.Result badOption = run(Map.of(), "demo", "--bogus");
        assertEquals(1, badOption.exitCode, badOption.toString());
        assertTrue(badOption.stderr.contains("unknown option --bogus"), badOption.stderr);
    }
}

package io.github.busgen.testing;

import io.github.busgen.transport.AddressEntry;
import io.github.busgen.transport.BusAddress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A private {@code dbus-daemon} for tests: its own config file, socket and HOME in a temporary
 * directory, never the user's session or system bus. {@link #close()} kills it and deletes the
 * directory.
 *
 * <pre>
 * try (PrivateBus bus = PrivateBus.start(PrivateBus.config().auth("DBUS_COOKIE_SHA1"))) {
 *     BusAddress address = BusAddress.parse(bus.address());
 *     ...
 * }
 * </pre>
 *
 * When dbus-daemon is not installed, {@link #start} throws an {@link AssertionError} saying what to
 * install: tests that need a bus fail, they do not skip.
 */
public final class PrivateBus implements AutoCloseable {
    private static final List<Path> DAEMON_CANDIDATES = List.of(Path.of("/usr/bin/dbus-daemon"), Path.of("/bin/dbus-daemon"),
            Path.of("/usr/local/bin/dbus-daemon"));

    private final Process process;
    private final Path directory;
    private final String address;

    private PrivateBus(Process process, Path directory, String address) {
        this.process = process;
        this.directory = directory;
        this.address = address;
    }

    /** What the daemon listens on and which mechanisms it accepts. */
    public static final class Config {
        private String listen = "unix:path=TMP/bus";
        private final List<String> auth = new ArrayList<>();
        private final java.util.Map<String, String> activatable = new java.util.LinkedHashMap<>();
        private boolean allowAnonymous;
        private final java.util.Map<String, Integer> limits = new java.util.LinkedHashMap<>();

        /** The {@code <listen>} address; "TMP" stands for the temporary directory. Default {@code unix:path=TMP/bus}. */
        public Config listen(String address) {
            this.listen = address;
            return this;
        }

        /** Listens on {@code tcp:host=127.0.0.1,port=0}. */
        public Config tcp() {
            return listen("tcp:host=127.0.0.1,port=0");
        }

        /** Adds an {@code <auth>} mechanism; with none the daemon accepts all it knows. */
        public Config auth(String mechanism) {
            auth.add(mechanism);
            return this;
        }

        /** Adds {@code <allow_anonymous/>}. */
        public Config allowAnonymous() {
            this.allowAnonymous = true;
            return this;
        }

        /** Adds {@code <limit name="NAME">VALUE</limit>}, for example {@code max_match_rules_per_connection}. */
        public Config limit(String name, int value) {
            limits.put(name, value);
            return this;
        }

        /**
         * Declares {@code name} activatable: a service file in the daemon's {@code <servicedir>}
         * whose {@code Exec} is {@code command}, which the daemon runs when a call for the
         * unowned name may start it.
         */
        public Config activatable(String name, String command) {
            activatable.put(name, command);
            return this;
        }

        void writeServiceFiles(Path dir) throws IOException {
            Path services = dir.resolve("services");
            Files.createDirectories(services);
            for (var e : activatable.entrySet()) {
                Files.writeString(services.resolve(e.getKey() + ".service"),
                        "[D-BUS Service]\nName=" + e.getKey() + "\nExec=" + e.getValue() + "\n");
            }
        }

        String xml(Path dir) {
            StringBuilder b = new StringBuilder("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                    + " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n<busconfig>\n  <type>session</type>\n");
            b.append("  <listen>").append(listen.replace("TMP", dir.toString())).append("</listen>\n");
            for (String m : auth) {
                b.append("  <auth>").append(m).append("</auth>\n");
            }
            if (allowAnonymous) {
                b.append("  <allow_anonymous/>\n");
            }
            for (var l : limits.entrySet()) {
                b.append("  <limit name=\"").append(l.getKey()).append("\">").append(l.getValue()).append("</limit>\n");
            }
            b.append("  <servicedir>").append(dir.resolve("services")).append("</servicedir>\n");
            // everything allowed, eavesdropping and monitoring (dbus-monitor's BecomeMonitor) included
            b.append("  <policy context=\"default\">\n    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                    + "    <allow eavesdrop=\"true\"/>\n    <allow own=\"*\"/>\n"
                    + "    <allow send_destination=\"org.freedesktop.DBus\" send_interface=\"org.freedesktop.DBus.Monitoring\"/>\n"
                    + "  </policy>\n</busconfig>\n");
            return b.toString();
        }
    }

    /** A new default configuration: unix socket in the temporary directory, every mechanism. */
    public static Config config() {
        return new Config();
    }

    /** Starts a daemon with the default configuration. */
    public static PrivateBus start() throws IOException {
        return start(config());
    }

    /**
     * Starts a daemon and waits until it prints its address.
     *
     * @throws AssertionError when dbus-daemon is not installed, or does not start
     */
    public static PrivateBus start(Config config) throws IOException {
        Path daemon = daemon();
        Path dir = Files.createTempDirectory("busgen-bus-");
        Files.createDirectory(dir.resolve("home"));
        Path conf = dir.resolve("bus.conf");
        Files.writeString(conf, config.xml(dir));
        config.writeServiceFiles(dir);
        ProcessBuilder pb = new ProcessBuilder(daemon.toString(), "--config-file=" + conf, "--nofork", "--print-address");
        // the daemon keeps its DBUS_COOKIE_SHA1 keyring in $HOME/.dbus-keyrings
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            line = null;
        }
        if (line == null || line.isBlank()) {
            p.destroyForcibly();
            String err = Files.exists(dir.resolve("stderr.txt")) ? Files.readString(dir.resolve("stderr.txt")) : "";
            deleteTree(dir);
            throw new AssertionError("dbus-daemon did not print its address; stderr: " + err);
        }
        return new PrivateBus(p, dir, line.trim());
    }

    private static Path daemon() {
        for (Path p : DAEMON_CANDIDATES) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                Path p = Path.of(d.isEmpty() ? "." : d, "dbus-daemon");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new AssertionError("dbus-daemon is not installed, and these tests need a private bus: install the "
                + "dbus-daemon package (Debian/Ubuntu: sudo apt-get install dbus-daemon; Fedora: sudo dnf install dbus-daemon)");
    }

    /** The address the daemon printed, with its {@code guid=}. */
    public String address() {
        return address;
    }

    /**
     * The file of the daemon's listening socket, for a test that opens the socket itself.
     *
     * @throws IllegalStateException when it listens on something other than {@code unix:path=}
     */
    public Path socketPath() {
        AddressEntry entry = BusAddress.parse(address).entries().get(0);
        if (!entry.transport().equals("unix") || !entry.has("path")) {
            throw new IllegalStateException("the daemon listens on " + address + ", not on a unix:path= socket");
        }
        return Path.of(entry.get("path").orElseThrow());
    }

    /** The daemon's HOME: its keyring is {@code home().resolve(".dbus-keyrings")}. */
    public Path home() {
        return directory.resolve("home");
    }

    /** The temporary directory holding config, socket and HOME. */
    public Path directory() {
        return directory;
    }

    /** The daemon's process id. */
    public long pid() {
        return process.pid();
    }

    /**
     * Kills the daemon with SIGKILL ({@code kill -9}: no chance to close its sockets in order) and
     * waits until it is gone. {@link #close()} afterwards only deletes the directory.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            throw new AssertionError("dbus-daemon " + process.pid() + " survived SIGKILL for 5 seconds");
        }
    }

    /** Kills the daemon and deletes its directory. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
                Files.deleteIfExists(p);
            }
        }
    }
}

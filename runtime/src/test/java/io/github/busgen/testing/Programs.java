package io.github.busgen.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real D-Bus programs that interoperability tests use as peers ({@code gdbus}, {@code dbus-send},
 * {@code dbus-monitor}, {@code busctl}, Debian's {@code /usr/bin/python3} with python-dbus and gi),
 * found by fixed path or on {@code PATH}, and ways to run them.
 *
 * <p>A missing program fails the test with an {@link AssertionError} naming the Debian package
 * that provides it: these tests never skip.
 */
public final class Programs {
    /** Debian's python, which has python-dbus; the python3 first on PATH may be another one. */
    public static final String PYTHON = "/usr/bin/python3";

    private static volatile Boolean pythonDbusChecked;

    private Programs() {
    }

    /** {@code gdbus}, from libglib2.0-bin. */
    public static String gdbus() {
        return require("gdbus", "libglib2.0-bin");
    }

    /** {@code dbus-send}, from dbus-bin. */
    public static String dbusSend() {
        return require("dbus-send", "dbus-bin");
    }

    /** {@code dbus-monitor}, from dbus-bin. */
    public static String dbusMonitor() {
        return require("dbus-monitor", "dbus-bin");
    }

    /** {@code busctl}, from systemd. */
    public static String busctl() {
        return require("busctl", "systemd");
    }

    /** {@link #PYTHON}, checked once to import {@code dbus}, {@code dbus.mainloop.glib} and {@code gi}. */
    public static String python() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(PYTHON + " is missing; this test needs python-dbus: install the packages "
                    + "python3-dbus python3-gi (Debian/Ubuntu: sudo apt-get install python3-dbus python3-gi)");
        }
        if (pythonDbusChecked == null) {
            Result r = run(Duration.ofSeconds(20), PYTHON, "-c", "import dbus, dbus.mainloop.glib, gi; "
                    + "from gi.repository import GLib");
            if (r.exitCode != 0) {
                throw new AssertionError(PYTHON + " cannot import dbus and gi (" + r.stderr.trim() + "); install the "
                        + "packages python3-dbus python3-gi (Debian/Ubuntu: sudo apt-get install python3-dbus python3-gi)");
            }
            pythonDbusChecked = true;
        }
        return PYTHON;
    }

    /**
     * The absolute path of {@code program} in /usr/bin, /bin or a directory of {@code PATH}.
     *
     * @throws AssertionError naming {@code debianPackage} when it is not installed
     */
    public static String require(String program, String debianPackage) {
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(program + " is not installed and this test runs it as a D-Bus peer: install the "
                + "package " + debianPackage + " (Debian/Ubuntu: sudo apt-get install " + debianPackage + ")");
    }

    /** A test resource as a file (the python peers live in {@code src/test/resources/interop/}). */
    public static Path resource(String name) {
        try {
            var url = Programs.class.getResource(name);
            if (url == null) {
                throw new AssertionError("test resource " + name + " is missing");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** What a finished program did. */
    public static final class Result {
        /** Its exit status. */
        public final int exitCode;
        /** Everything it wrote to stdout. */
        public final String stdout;
        /** Everything it wrote to stderr. */
        public final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** Asserts exit status 0 and returns stdout. */
        public String ok() {
            if (exitCode != 0) {
                throw new AssertionError("exit status " + exitCode + "; stderr: " + stderr + "; stdout: " + stdout);
            }
            return stdout;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", stdout: " + stdout + ", stderr: " + stderr;
        }
    }

    /** Runs {@code command} to its end (killing it after {@code timeout}) and returns what it did. */
    public static Result run(Duration timeout, String... command) {
        return run(timeout, java.util.Map.of(), command);
    }

    /** Runs {@code command} with {@code env} added to its environment; see {@link #run(Duration, String...)}. */
    public static Result run(Duration timeout, java.util.Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile()));
            pb.environment().putAll(env);
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + "; stderr: "
                        + err.getNow(""));
            }
            return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("cannot read the output of " + command[0], e);
        }
    }

    /**
     * Runs {@code gdbus SUBCOMMAND --session ARGS} on the bus at {@code address}, asserting exit
     * status 0, and returns its stdout. gdbus's own {@code --address} opens a peer-to-peer
     * connection that never says Hello, which a bus refuses; so the private bus's address goes to
     * this one process as its session bus.
     */
    public static String gdbusOn(String address, String subcommand, String... args) {
        List<String> command = new ArrayList<>(List.of(gdbus(), subcommand, "--session"));
        command.addAll(List.of(args));
        Result r = run(Duration.ofSeconds(20), java.util.Map.of("DBUS_SESSION_BUS_ADDRESS", address),
                command.toArray(String[]::new));
        if (r.exitCode != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + r);
        }
        return r.stdout;
    }

    /** Runs {@code command}, asserts exit status 0 within 20 seconds, and returns its stdout. */
    public static String runOk(String... command) {
        Result r = run(Duration.ofSeconds(20), command);
        if (r.exitCode != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + r);
        }
        return r.stdout;
    }

    private static CompletableFuture<String> drain(java.io.InputStream in) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                f.complete("(" + e + ")");
            }
        }, "test-drain");
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** Starts {@code command} as a long-running peer whose output lines can be awaited. */
    public static Peer start(String... command) {
        try {
            return new Peer(new ProcessBuilder(command).redirectErrorStream(true).start(), String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command[0], e);
        }
    }

    /**
     * A running program; its stdout and stderr lines are queued as they come. {@link #close()}
     * ends it.
     */
    public static final class Peer implements AutoCloseable {
        private final Process process;
        private final String command;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();

        Peer(Process process, String command) {
            this.process = process;
            this.command = command;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "test-peer-output");
            t.setDaemon(true);
            t.start();
        }

        /** The process. */
        public Process process() {
            return process;
        }

        /**
         * Waits for the next line that {@code wanted} accepts, skipping others.
         *
         * @throws AssertionError with everything the program printed when no such line comes in time
         */
        public String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    throw new AssertionError("no expected line from " + command + " within " + timeout
                            + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                            + "; it printed:\n" + String.join("\n", seen));
                }
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        /** Waits for the next line starting with {@code prefix} and returns the rest of it. */
        public String awaitPrefix(String prefix, Duration timeout) throws InterruptedException {
            return await(l -> l.startsWith(prefix), timeout).substring(prefix.length());
        }

        /** Every line read so far by {@link #await}. */
        public List<String> seen() {
            return List.copyOf(seen);
        }

        /** Ends the program (SIGTERM, then SIGKILL) and waits for it. */
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}

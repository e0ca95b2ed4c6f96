package io.github.busgen.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** Longest a program may run before the test fails: a safety net, never an assertion. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

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
        /** The command line that ran. */
        public final List<String> command;
        /** Its exit status. */
        public final int exitCode;
        /** Everything it wrote to stdout. */
        public final String stdout;
        /** Everything it wrote to stderr. */
        public final String stderr;

        Result(List<String> command, int exitCode, String stdout, String stderr) {
            this.command = List.copyOf(command);
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** Asserts exit status 0 and returns stdout. */
        public String ok() {
            if (exitCode != 0) {
                throw new AssertionError("expected success from " + this);
            }
            return stdout;
        }

        /** Asserts a non-zero exit status and returns stderr. */
        public String failed() {
            if (exitCode == 0) {
                throw new AssertionError("expected failure from " + this);
            }
            return stderr;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit status " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n"
                    + stderr;
        }
    }

    /** Runs {@code command} to its end within {@link #TIMEOUT} and returns what it did. */
    public static Result run(String... command) {
        return run(List.of(command));
    }

    /** Runs {@code command} to its end within {@link #TIMEOUT} and returns what it did. */
    public static Result run(List<String> command) {
        return start(command, Map.of(), "").finish();
    }

    /** Runs {@code command} with {@code input} as its whole stdin, to its end within {@link #TIMEOUT}. */
    public static Result run(List<String> command, String input) {
        return start(command, Map.of(), input).finish();
    }

    /** Runs {@code command} to its end (failing the test after {@code timeout}) and returns what it did. */
    public static Result run(Duration timeout, String... command) {
        return run(timeout, Map.of(), command);
    }

    /** Runs {@code command} with {@code env} added to its environment; see {@link #run(Duration, String...)}. */
    public static Result run(Duration timeout, Map<String, String> env, String... command) {
        return start(List.of(command), env, "").finish(timeout);
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
        return run(Duration.ofSeconds(20), Map.of("DBUS_SESSION_BUS_ADDRESS", address), command.toArray(String[]::new))
                .ok();
    }

    /** Runs {@code command}, asserts exit status 0 within 20 seconds, and returns its stdout. */
    public static String runOk(String... command) {
        return run(Duration.ofSeconds(20), command).ok();
    }

    /** Starts {@code command} as a long-running peer whose output lines can be awaited. */
    public static Peer start(String... command) {
        return start(List.of(command));
    }

    /** Starts {@code command} as a long-running peer whose output lines can be awaited. */
    public static Peer start(List<String> command) {
        return start(command, Map.of(), "");
    }

    /**
     * Starts {@code command} with {@code env} added to its environment and {@code input} as its
     * whole stdin. The user's buses are taken out of the environment first (a test names the
     * private bus it means), so that no program finds them by accident.
     */
    public static Peer start(List<String> command, Map<String, String> env, String input) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
            pb.environment().remove("DBUS_SYSTEM_BUS_ADDRESS");
            pb.environment().putAll(env);
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // it exited without reading its input; its output says why
            }
            return new Peer(p, command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /**
     * A running program. Its stdout and stderr are read as they come: each whole, for
     * {@link #finish()}, and line by line, both streams in the order the lines arrive, for
     * {@link #await}. {@link #close()} ends it.
     */
    public static final class Peer implements AutoCloseable {
        /** A line and whether it came on stdout. */
        private record Line(String text, boolean stdout) {
        }

        private final Process process;
        private final List<String> command;
        private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final CompletableFuture<String> stdout;
        private final CompletableFuture<String> stderr;

        Peer(Process process, List<String> command) {
            this.process = process;
            this.command = List.copyOf(command);
            this.stdout = readLines(process.getInputStream(), true);
            this.stderr = readLines(process.getErrorStream(), false);
        }

        private CompletableFuture<String> readLines(InputStream stream, boolean isStdout) {
            CompletableFuture<String> all = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                StringBuilder text = new StringBuilder();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        text.append(line).append('\n');
                        lines.add(new Line(line, isStdout));
                    }
                } catch (IOException e) {
                    text.append("(reading failed: ").append(e).append(")\n");
                }
                all.complete(text.toString());
            }, isStdout ? "test-peer-stdout" : "test-peer-stderr");
            t.setDaemon(true);
            t.start();
            return all;
        }

        /** The process. */
        public Process process() {
            return process;
        }

        /** Whether it still runs. */
        public boolean isAlive() {
            return process.isAlive();
        }

        /**
         * Waits for the next line, on stdout or stderr, that {@code wanted} accepts, skipping others.
         *
         * @throws AssertionError with everything the program printed when no such line comes in time
         */
        public String await(Predicate<String> wanted, Duration timeout) throws InterruptedException {
            return next(l -> wanted.test(l.text), timeout).text;
        }

        /** Waits for the next line starting with {@code prefix} and returns the rest of it. */
        public String awaitPrefix(String prefix, Duration timeout) throws InterruptedException {
            return await(l -> l.startsWith(prefix), timeout).substring(prefix.length());
        }

        /**
         * The next line of stdout (lines of stderr before it are skipped), within {@link #TIMEOUT}.
         *
         * @throws AssertionError with everything the program printed when none comes in time
         */
        public String nextLine() {
            try {
                return next(Line::stdout, TIMEOUT).text;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private Line next(Predicate<Line> wanted, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                Line line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    throw new AssertionError("no expected line from " + String.join(" ", command) + " within "
                            + timeout + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                            + "; it printed:\n" + String.join("\n", seen));
                }
                seen.add(line.text);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        /** Every line read so far by {@link #await} and {@link #nextLine}. */
        public List<String> seen() {
            return List.copyOf(seen);
        }

        /** Waits for its end within {@link #TIMEOUT} and returns what it did. */
        public Result finish() {
            return finish(TIMEOUT);
        }

        /**
         * Waits for its end and returns what it did.
         *
         * @throws AssertionError with everything it printed when it still runs after {@code timeout}
         */
        public Result finish(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    throw new AssertionError("still running after " + timeout + ": " + result(-1));
                }
                return result(process.exitValue());
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + String.join(" ", command), e);
            }
        }

        /** Ends it (SIGTERM) and returns what it did: for failure messages. */
        public Result kill() {
            process.destroy();
            return finish();
        }

        private Result result(int exitCode) {
            try {
                return new Result(command, exitCode, stdout.get(5, TimeUnit.SECONDS), stderr.get(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                // a child it started may hold its output open after it ended
                return new Result(command, exitCode, stdout.getNow("(unread)"), stderr.getNow("(unread)"));
            }
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

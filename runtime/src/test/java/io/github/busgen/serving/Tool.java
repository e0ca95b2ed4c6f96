package io.github.busgen.serving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A program nobody here wrote, and the Debian package that installs it. A missing program fails
 * the test with the package to install: these tests never skip.
 */
enum Tool {
    BUSCTL("busctl", "systemd"),
    GDBUS("gdbus", "libglib2.0-bin"),
    DBUS_SEND("dbus-send", "dbus-bin"),
    DBUS_MONITOR("dbus-monitor", "dbus-bin"),
    /** Debian's interpreter, named explicitly: the python3 first on PATH may lack python-dbus. */
    PYTHON("/usr/bin/python3", "python3-dbus python3-gi");

    /** Longest a tool may run before the test fails; only a safety net, never an assertion. */
    static final long TIMEOUT_SECONDS = 30;

    private final String name;
    private final String debianPackage;
    private volatile String resolved;

    Tool(String name, String debianPackage) {
        this.name = name;
        this.debianPackage = debianPackage;
    }

    /** The executable's path; fails the test, naming the package, when it is not installed. */
    String executable() {
        String path = resolved;
        if (path == null) {
            path = find();
            if (this == PYTHON) {
                Result r = run(List.of(path, "-c", "import dbus, dbus.mainloop.glib, gi.repository.GLib"));
                if (r.exitCode != 0) {
                    fail(path + " cannot import dbus and gi; install the Debian packages " + debianPackage
                            + " (apt-get install " + debianPackage + ")\n" + r);
                }
            }
            resolved = path;
        }
        return path;
    }

    private String find() {
        if (name.startsWith("/")) {
            if (Files.isExecutable(Path.of(name))) {
                return name;
            }
        } else {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return fail(name + " is not installed, and this test drives the service with it: install the Debian package "
                + debianPackage + " (apt-get install " + debianPackage + ")");
    }

    /** The command line: this tool and {@code args}. */
    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs this tool to the end. */
    Result run(String... args) {
        return run(command(args));
    }

    /** Starts this tool without waiting for it. */
    Running start(String... args) {
        return Running.start(command(args));
    }

    /** Runs {@code command} to the end, with the time limit. */
    static Result run(List<String> command) {
        return Running.start(command).finish();
    }

    /** What a finished program printed, and its exit code. */
    static final class Result {
        final List<String> command;
        final int exitCode;
        final String out;
        final String err;

        Result(List<String> command, int exitCode, String out, String err) {
            this.command = command;
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
        }

        /** Asserts success and returns standard output. */
        String ok() {
            assertEquals(0, exitCode, () -> "expected success from " + this);
            return out;
        }

        /** Asserts failure and returns standard error. */
        String failed() {
            assertNotEquals(0, exitCode, () -> "expected failure from " + this);
            return err;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A program started in the background; its output is collected as it runs, line by line. */
    static final class Running {
        final List<String> command;
        final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final CompletableFuture<String> out;
        private final CompletableFuture<String> err;

        private Running(List<String> command, Process process) {
            this.command = command;
            this.process = process;
            this.out = CompletableFuture.supplyAsync(this::readLines);
            this.err = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = process.getErrorStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "(reading failed: " + e + ")";
                }
            });
        }

        private String readLines() {
            StringBuilder all = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    all.append(line).append('\n');
                    lines.add(line);
                }
            } catch (IOException e) {
                all.append("(reading failed: ").append(e).append(")\n");
            }
            return all.toString();
        }

        static Running start(List<String> command) {
            return start(command, "");
        }

        /** Starts {@code command} with {@code input} as its whole standard input. */
        static Running start(List<String> command, String input) {
            try {
                ProcessBuilder pb = new ProcessBuilder(command);
                // never let a tool find the user's buses
                pb.environment().remove("DBUS_SESSION_BUS_ADDRESS");
                pb.environment().remove("DBUS_SYSTEM_BUS_ADDRESS");
                Process p = pb.start();
                try (var in = p.getOutputStream()) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
                return new Running(command, p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }

        boolean isAlive() {
            return process.isAlive();
        }

        /** The next line of standard output; fails the test if none comes before the time limit. */
        String nextLine() {
            try {
                String line = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (line == null) {
                    fail("no line of output from " + kill());
                }
                return line;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Waits for the end (failing the test after the time limit) and returns what it printed. */
        Result finish() {
            try {
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                    fail("still running after " + TIMEOUT_SECONDS + " s: " + result(-1));
                }
                return result(process.exitValue());
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + command, e);
            }
        }

        /** Ends the program (SIGTERM) and returns what it printed: for failure messages. */
        Result kill() {
            process.destroy();
            return finish();
        }

        private Result result(int code) {
            return new Result(command, code, out.join(), err.join());
        }
    }
}

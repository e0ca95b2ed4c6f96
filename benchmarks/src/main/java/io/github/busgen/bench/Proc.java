package io.github.busgen.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the harness: its standard output arrives line by line in a queue, its
 * standard error goes to a log file, and its CPU time is read from /proc.
 */
final class Proc implements AutoCloseable {
    private static final String EOF = "\u0000EOF";
    private static final long CLOCK_TICKS = clockTicks();

    final Process process;
    final Path log;
    private final List<String> command;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private Proc(Process process, Path log, List<String> command) {
        this.process = process;
        this.log = log;
        this.command = command;
        Thread t = new Thread(this::pump, "stdout-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    static Proc start(List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new Proc(pb.start(), log, command);
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process went away; EOF below says so
        }
        lines.add(EOF);
    }

    long pid() {
        return process.pid();
    }

    /** The next line of output, or an exception naming the command and the tail of its log. */
    String nextLine(Duration timeout) throws IOException, InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null || line.equals(EOF)) {
            if (line == null) {
                process.destroyForcibly();
            } else {
                process.waitFor(5, TimeUnit.SECONDS);
            }
            throw new IOException((line == null ? "timed out after " + timeout.toSeconds() + " s: " : "ended early: ")
                    + String.join(" ", command) + "\n" + logTail());
        }
        return line;
    }

    /** Skips output until a line that starts with {@code prefix}, which it returns. */
    String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    String logTail() {
        try {
            List<String> all = Files.readAllLines(log);
            return "  " + String.join("\n  ", all.subList(Math.max(0, all.size() - 15), all.size()))
                    + "\n  (log: " + log + ")";
        } catch (IOException e) {
            return "  (no log)";
        }
    }

    /** The CPU time, user and system, that the process has used so far (all its threads, dead ones too). */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            return ticks * (1_000_000_000L / CLOCK_TICKS);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        }
    }

    /** Waits for the process to end by itself; false when it did not within {@code timeout}. */
    boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close(); // our servers end when their stdin closes
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

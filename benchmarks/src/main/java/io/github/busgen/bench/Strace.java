package io.github.busgen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts the system calls of client, server and daemon over the measured iterations, with
 * {@code strace -f -c} attached to each running process (it slows them down a lot, so a run with
 * strace reports counts per operation, not rates).
 */
final class Strace {
    private static final String[] ROLES = {"client", "server", "daemon"};

    private final List<Process> tracers = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();

    static Strace attach(long[] pids, Path prefix) throws IOException, InterruptedException {
        Strace s = new Strace();
        for (int i = 0; i < pids.length; i++) {
            if (pids[i] < 0) {
                continue;
            }
            Path out = Path.of(prefix + "-" + ROLES[i] + ".txt");
            Files.deleteIfExists(out);
            s.tracers.add(new ProcessBuilder("strace", "-f", "-c", "-qq", "-o", out.toString(), "-p",
                    Long.toString(pids[i])).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start());
            s.outputs.add(out);
            s.roles.add(ROLES[i]);
        }
        Thread.sleep(300); // let strace attach to every thread
        return s;
    }

    /** Detaches and returns "client 4.0 (write 2.0, read 2.0); server ..." per operation. */
    String detach(long ops) throws IOException, InterruptedException {
        for (Process p : tracers) {
            p.destroy(); // SIGTERM: strace detaches and writes its summary
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < tracers.size(); i++) {
            tracers.get(i).waitFor(10, TimeUnit.SECONDS);
            Map<String, Long> calls = parse(outputs.get(i));
            long total = calls.values().stream().mapToLong(Long::longValue).sum();
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(roles.get(i)).append(String.format(" %.1f", (double) total / ops));
            List<String> top = new ArrayList<>();
            calls.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(3)
                    .forEach(e -> top.add(String.format("%s %.1f", e.getKey(), (double) e.getValue() / ops)));
            b.append(" (").append(String.join(", ", top)).append(')');
        }
        return b.toString();
    }

    /** The calls per system call in an {@code strace -c} summary. */
    private static Map<String, Long> parse(Path out) throws IOException {
        Map<String, Long> calls = new LinkedHashMap<>();
        if (!Files.exists(out)) {
            return calls;
        }
        for (String line : Files.readAllLines(out)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !f[0].matches("[0-9.]+") || f[f.length - 1].equals("total")) {
                continue;
            }
            calls.merge(f[f.length - 1], Long.parseLong(f[3]), Long::sum);
        }
        return calls;
    }
}

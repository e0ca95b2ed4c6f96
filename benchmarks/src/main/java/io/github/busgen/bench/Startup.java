package io.github.busgen.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The start-up row: a fresh process per run that starts, connects to the bus, makes one Echo call
 * and exits, timed from the harness's fork to the child's exit. JVM rows are flag-free: busgen's
 * runs with only the runtime jar and the benchmark classes on the class path. A JVM that starts and
 * does nothing is timed alongside, as the floor for both Java libraries.
 */
final class Startup {
    private Startup() {
    }

    static void run(Harness h, Harness.Row row) throws Exception {
        String busgenCp = Harness.benchLocation() + File.pathSeparator + Harness.runtimeLocation();
        String java = Harness.javaCommand();
        String dest;
        Harness.Cell floor = new Harness.Cell();
        time(h, floor, List.of(java, "-cp", busgenCp, StartupBusgen.class.getName()), "jvm");
        for (Library l : Library.values()) {
            Harness.Cell cell = row.cell(l);
            dest = Bench.busName(l);
            List<String> cmd;
            switch (l) {
                case BUSGEN:
                    cmd = List.of(java, "-cp", busgenCp, StartupBusgen.class.getName(), h.daemon.address, dest);
                    break;
                case DBUS_JAVA:
                    cmd = List.of(java, "-cp", System.getProperty("java.class.path"), StartupDbusJava.class.getName(),
                            h.daemon.address, dest);
                    break;
                default:
                    if (h.sdbench == null) {
                        cell.notApplicable = h.sdbusMissing;
                        continue;
                    }
                    cmd = List.of(h.sdbench.toString(), "startup", h.daemon.address, dest);
                    break;
            }
            time(h, cell, cmd, l.id);
            System.out.printf("  %-12s %-10s %s%n", row.id, l.id,
                    cell.hasNumber() ? String.format("%.1f ms", cell.median()) : "FAILED: " + cell.failure);
        }
        if (floor.hasNumber()) {
            h.notes.add(String.format("Start-up floor: a flag-free JVM that starts and does nothing takes %.1f ms "
                    + "(median of %d runs, min %.1f, max %.1f).", floor.median(), floor.samples.size(), floor.min(),
                    floor.max()));
        }
    }

    /** Runs {@code cmd} once to warm the caches, then the timed runs; milliseconds per run. */
    private static void time(Harness h, Harness.Cell cell, List<String> cmd, String name) throws Exception {
        Path log = h.options.work.resolve("startup-" + name + ".log");
        try {
            List<Double> ms = new ArrayList<>();
            for (int i = -1; i < h.options.startupRuns(); i++) {
                long start = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("timed out: " + String.join(" ", cmd));
                }
                long nanos = System.nanoTime() - start;
                if (p.exitValue() != 0) {
                    throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", cmd) + " (log: " + log + ")");
                }
                if (i >= 0) {
                    ms.add(nanos / 1e6);
                }
            }
            cell.samples.addAll(ms);
        } catch (IOException e) {
            cell.failure = e.getMessage();
        }
    }
}

package io.github.busgen.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Profiles the Java client and server over the measured iterations with JDK Flight Recorder,
 * started and dumped through {@code jcmd} (no flags on the profiled JVMs), and summarises each
 * recording: the methods where CPU samples land (top frame) and the allocation sites (first frame
 * outside java.*, jdk.*, sun.*), by share. The .jfr files stay in the work folder for {@code jfr}.
 */
final class Jfr {
    private static final String[] ROLES = {"client", "server"};

    private final long[] pids;
    private final Path prefix;

    private Jfr(long[] pids, Path prefix) {
        this.pids = pids;
        this.prefix = prefix;
    }

    static Jfr start(long[] pids, Path prefix) throws IOException, InterruptedException {
        for (long pid : pids) {
            if (pid > 0) {
                jcmd(pid, "JFR.start", "name=bench", "settings=profile");
            }
        }
        return new Jfr(pids, prefix);
    }

    /** Dumps and stops the recordings; returns the summary for the table. */
    String stop() throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pids.length; i++) {
            if (pids[i] <= 0) {
                continue;
            }
            Path file = Path.of(prefix + "-" + ROLES[i] + ".jfr");
            Files.deleteIfExists(file);
            jcmd(pids[i], "JFR.stop", "name=bench", "filename=" + file);
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(ROLES[i]).append(": ").append(summarise(file));
        }
        return b.toString();
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed for pid " + pid);
        }
    }

    private static String summarise(Path file) throws IOException {
        Map<String, Long> cpu = new HashMap<>();
        Map<String, Long> alloc = new HashMap<>();
        long samples = 0, bytes = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ExecutionSample")) {
                String top = frame(e.getStackTrace(), false);
                if (top != null) {
                    cpu.merge(top, 1L, Long::sum);
                    samples++;
                }
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                String site = frame(e.getStackTrace(), true);
                long w = e.getLong("weight");
                if (site != null) {
                    alloc.merge(site + " (" + e.getClass("objectClass").getName().replaceAll(".*\\.", "") + ")", w,
                            Long::sum);
                    bytes += w;
                }
            }
        }
        return "CPU samples " + top(cpu, samples) + " | allocation " + top(alloc, bytes);
    }

    /** The top frame, or with {@code outsideJdk} the first frame not in the JDK. */
    private static String frame(RecordedStackTrace st, boolean outsideJdk) {
        if (st == null || st.getFrames().isEmpty()) {
            return null;
        }
        for (RecordedFrame f : st.getFrames()) {
            String cls = f.getMethod().getType().getName();
            if (!outsideJdk || !(cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun."))) {
                return cls.replaceAll(".*\\.", "") + "." + f.getMethod().getName();
            }
        }
        return null;
    }

    private static String top(Map<String, Long> counts, long total) {
        if (total == 0) {
            return "(none)";
        }
        List<String> out = new ArrayList<>();
        counts.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue())).limit(6)
                .forEach(e -> out.add(String.format("%s %.0f%%", e.getKey(), 100.0 * e.getValue() / total)));
        return String.join(", ", out);
    }
}

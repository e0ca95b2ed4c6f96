package io.github.busgen.bench;

import io.github.busgen.connection.Connection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The benchmark harness: starts a private dbus-daemon, one server per library (busgen, dbus-java,
 * sd-bus), runs every workload against each from a fresh client process, then the start-up and
 * marshalling rows, and prints one table of medians with min and max and the ratios of busgen to
 * each peer. See README.md beside the pom for the command and how to read the table.
 *
 * <pre>
 * Harness --mode=smoke|full [--repeats=N] [--only=row,row] [--write=true] [--strace=true] [--jfr=true]
 *         --results=benchmarks/RESULTS.md --work=benchmarks/target/bench
 * </pre>
 */
public final class Harness {
    /** Which way is good for a row's numbers. */
    enum Better {
        HIGHER, LOWER
    }

    /** One line of the table. */
    static final class Row {
        final String id;
        final String title;
        final String unit;
        final Better better;
        final Workload workload; // null for rows that are not a client against a server
        final Map<Library, Cell> cells = new EnumMap<>(Library.class);

        Row(String id, String title, String unit, Better better, Workload workload) {
            this.id = id;
            this.title = title;
            this.unit = unit;
            this.better = better;
            this.workload = workload;
        }

        Cell cell(Library l) {
            return cells.computeIfAbsent(l, k -> new Cell());
        }
    }

    /** One library's result in one row: samples, or why there are none. */
    static final class Cell {
        final List<Double> samples = new ArrayList<>();
        String notApplicable; // by design: the library has no such mode, or the row is not available yet
        String failure;       // something went wrong: the run fails
        double clientCpu = Double.NaN, serverCpu = Double.NaN, daemonCpu = Double.NaN; // µs per operation
        double alloc = Double.NaN; // client bytes per operation
        String syscalls;
        String profile;

        boolean hasNumber() {
            return !samples.isEmpty();
        }

        double median() {
            List<Double> s = samples.stream().sorted().collect(Collectors.toList());
            int n = s.size();
            return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        }

        double min() {
            return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    final Options options;
    final List<Row> rows = new ArrayList<>();
    final Map<String, String> machine = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    Path sdbench;           // the compiled sd-bus program, or null
    List<String> sdbusMarshal; // the MARSHAL lines of sdbench, once run
    String sdbusMissing;    // why sd-bus rows are skipped
    Daemon daemon;
    Path sockets;           // temporary folder for the daemon's and the peer-to-peer sockets
    final Map<Library, Proc> servers = new EnumMap<>(Library.class);

    Harness(Options options) {
        this.options = options;
        row("echo", "sync `Echo(s)->s`, 16-byte string", "calls/s", Better.HIGHER, Workload.ECHO);
        row("pinned", "same, every process pinned to one CPU", "calls/s", Better.HIGHER, Workload.PINNED);
        row("proxy", "same pinned, busgen through a generated proxy", "calls/s", Better.HIGHER, Workload.PROXY);
        row("inflight", "64 calls in flight, same echo", "calls/s", Better.HIGHER, Workload.INFLIGHT);
        row("threads", Bench.THREADS + " client threads, sync echo", "calls/s", Better.HIGHER, Workload.THREADS);
        row("dict", "sync `a{sv}` of 100 entries each way", "calls/s", Better.HIGHER, Workload.DICT);
        row("bytes", "sync 64 KiB `ay` each way", "calls/s", Better.HIGHER, Workload.BYTES);
        row("signals", "signals, one emitter to one subscriber", "signals/s", Better.HIGHER, Workload.SIGNALS);
        row("p2p", "peer-to-peer sync echo (no daemon)", "calls/s", Better.HIGHER, Workload.P2P);
        row("startup", "process start, connect, one call, exit", "ms", Better.LOWER, null);
        row("encode-dict", "build+encode a call with `a{sv}` of 10 entries", "µs", Better.LOWER, null);
        row("decode-dict", "decode that call (header, then body to values)", "µs", Better.LOWER, null);
        row("encode-bytes", "build+encode a call with a 64 KiB `ay`", "µs", Better.LOWER, null);
        row("decode-bytes", "decode that call", "µs", Better.LOWER, null);
        row("alloc", "bytes allocated per sync echo round trip, client (JMH gc)", "B", Better.LOWER, null);
    }

    private void row(String id, String title, String unit, Better better, Workload workload) {
        if (options.selected(id)) {
            rows.add(new Row(id, title, unit, better, workload));
        }
    }

    Row row(String id) {
        for (Row r : rows) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int rc = new Harness(options).run();
        System.exit(rc);
    }

    int run() throws Exception {
        Files.createDirectories(options.work);
        sockets = Files.createTempDirectory("busgen-bench");
        describeMachine();
        System.out.println("busgen benchmarks, " + options.describe());
        machine.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        long started = System.nanoTime();
        SdBus.compile(this);
        try {
            daemon = Daemon.start(sockets);
            System.out.println("  private dbus-daemon at " + daemon.address);
            startServers();
            for (Row r : rows) {
                if (r.workload != null) {
                    for (Library l : Library.values()) {
                        Clients.run(this, r, l);
                    }
                }
            }
            if (row("startup") != null) {
                Startup.run(this, row("startup"));
            }
            Marshal.run(this);
        } finally {
            for (Proc p : servers.values()) {
                p.close();
            }
            if (daemon != null) {
                daemon.close();
            }
            deleteTree(sockets);
        }
        machine.put("load average (end)", loadAverage());
        double seconds = (System.nanoTime() - started) / 1e9;
        notes.add(String.format("The whole run took %.0f s.", seconds));

        Report report = new Report(this);
        String table = report.render();
        System.out.println();
        System.out.println(table);
        if (options.write) {
            report.write(options.results, table);
            System.out.println("wrote " + options.results);
        }
        return report.check();
    }

    private void startServers() throws IOException, InterruptedException {
        String cp = System.getProperty("java.class.path");
        for (Library l : Library.values()) {
            Path p2p = sockets.resolve("p2p-" + l.id);
            List<String> cmd;
            if (l == Library.SD_BUS) {
                if (sdbench == null) {
                    continue;
                }
                cmd = List.of(sdbench.toString(), "server", daemon.address, Bench.busName(l), p2p.toString());
            } else {
                cmd = List.of(javaCommand(), "-cp", cp, ServerMain.class.getName(), l.id, daemon.address,
                        Bench.busName(l), p2p.toString());
            }
            Proc p = Proc.start(cmd, options.work.resolve("server-" + l.id + ".log"));
            servers.put(l, p);
            p.awaitLine("READY", Duration.ofSeconds(60));
        }
    }

    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    // ---------------------------------------------------------------- the machine

    private void describeMachine() {
        machine.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceAll("\\.\\d+", ""));
        machine.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        machine.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("dbus-daemon", Daemon.version());
        machine.put("gcc", firstLine("gcc", "--version"));
        machine.put("libsystemd", firstLine("pkg-config", "--modversion", "libsystemd"));
        machine.put("load average (start)", loadAverage());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The first line a command prints, or "not found". */
    static String firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor();
                return p.exitValue() == 0 ? out.lines().findFirst().orElse("").trim() : "not found";
            }
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Where the busgen runtime's classes are, for the flag-free start-up class path. */
    static Path runtimeLocation() throws Exception {
        return Path.of(Connection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static Path benchLocation() throws Exception {
        return Path.of(Harness.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }

    // ---------------------------------------------------------------- options

    /** The command line. */
    static final class Options {
        boolean smoke = true;
        boolean write;
        boolean strace;
        boolean jfr;
        int repeats;
        List<String> only = List.of();
        Path results = Path.of("benchmarks/RESULTS.md");
        Path work = Path.of("benchmarks/target/bench");

        static Options parse(String[] args) {
            Options o = new Options();
            for (String a : args) {
                int eq = a.indexOf('=');
                String key = eq < 0 ? a : a.substring(0, eq);
                String value = eq < 0 ? "true" : a.substring(eq + 1);
                switch (key) {
                    case "--mode":
                        if (!value.equals("smoke") && !value.equals("full")) {
                            throw new IllegalArgumentException("--mode is smoke or full, not " + value);
                        }
                        o.smoke = value.equals("smoke");
                        break;
                    case "--write": o.write = Boolean.parseBoolean(value); break;
                    case "--strace": o.strace = Boolean.parseBoolean(value); break;
                    case "--jfr": o.jfr = Boolean.parseBoolean(value); break;
                    case "--repeats": o.repeats = Integer.parseInt(value); break;
                    case "--only": o.only = value.isBlank() ? List.of() : List.of(value.split(",")); break;
                    case "--results": o.results = Path.of(value); break;
                    case "--work": o.work = Path.of(value); break;
                    default: throw new IllegalArgumentException("unknown option " + a + " (see Harness's class comment)");
                }
            }
            if (o.repeats <= 0) {
                o.repeats = o.smoke ? 2 : 5;
            }
            return o;
        }

        boolean selected(String row) {
            return only.isEmpty() || only.contains(row);
        }

        /** Warm-up per client process before the measured iterations. */
        long warmupMillis() {
            return smoke ? 150 : 4000;
        }

        /** The length of one measured iteration. */
        long iterationMillis() {
            return smoke ? 150 : 2000;
        }

        int startupRuns() {
            return smoke ? 2 : 20;
        }

        String describe() {
            return (smoke ? "smoke mode (numbers are not meaningful)" : "full mode") + ": medians of " + repeats
                    + " iterations of " + iterationMillis() + " ms after " + warmupMillis() + " ms of warm-up"
                    + (strace ? ", with strace attached (rates are not meaningful)" : "")
                    + (jfr ? ", with JFR attached to the Java clients and servers" : "");
        }
    }
}

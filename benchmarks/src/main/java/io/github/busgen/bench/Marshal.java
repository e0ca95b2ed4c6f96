package io.github.busgen.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JMH rows: marshalling alone (busgen and dbus-java under JMH, sd-bus in its own C loop), and
 * the bytes allocated per echo round trip (JMH's gc profiler, gc.alloc.rate.norm) for the two JVM
 * libraries. JMH forks one JVM per benchmark; its own output goes to a log file.
 */
final class Marshal {
    private Marshal() {
    }

    /** Row id, busgen's benchmark, dbus-java's benchmark, sd-bus's name in sdbench's output. */
    private static final String[][] ROWS = {
        {"encode-dict", "busgenEncodeDict", "dbusJavaEncodeDict", "dict10"},
        {"decode-dict", "busgenDecodeDict", "dbusJavaDecodeDict", null},
        {"encode-bytes", "busgenEncodeBytes", "dbusJavaEncodeBytes", "bytes64k"},
        {"decode-bytes", "busgenDecodeBytes", "dbusJavaDecodeBytes", null},
    };

    static void run(Harness h) throws Exception {
        List<String> includes = new ArrayList<>();
        for (String[] r : ROWS) {
            if (h.row(r[0]) != null) {
                includes.add(MarshalBench.class.getName() + "\\." + r[1] + "$");
                includes.add(MarshalBench.class.getName() + "\\." + r[2] + "$");
            }
        }
        Harness.Row alloc = h.row("alloc");
        if (alloc != null) {
            includes.add(EchoAllocBench.class.getName() + "\\..*");
        }
        if (includes.isEmpty()) {
            return;
        }
        Harness.Options o = h.options;
        ChainedOptionsBuilder b = new OptionsBuilder()
                .mode(Mode.AverageTime).timeUnit(TimeUnit.MICROSECONDS)
                .warmupIterations(o.smoke ? 1 : 3).warmupTime(TimeValue.milliseconds(o.smoke ? 100 : 1000))
                .measurementIterations(o.repeats).measurementTime(TimeValue.milliseconds(o.smoke ? 100 : 1000))
                .forks(1)
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Dbench.address=" + h.daemon.address)
                .output(o.work.resolve("jmh.log").toString());
        for (String i : includes) {
            b.include(i);
        }
        System.out.println("  JMH: " + includes.size() + " benchmarks (log: " + o.work.resolve("jmh.log") + ")");
        Collection<RunResult> results;
        try {
            results = new Runner(b.build()).run();
        } catch (Exception e) {
            for (Harness.Row r : h.rows) {
                if (r.workload == null && !r.id.equals("startup")) {
                    r.cell(Library.BUSGEN).failure = "JMH failed: " + e.getMessage();
                }
            }
            results = List.of();
        }
        for (RunResult rr : results) {
            String method = rr.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            Library l = method.startsWith("busgen") ? Library.BUSGEN : Library.DBUS_JAVA;
            for (String[] r : ROWS) {
                if (method.equals(r[1]) || method.equals(r[2])) {
                    addIterations(h.row(r[0]).cell(l), rr, null);
                }
            }
            if (method.endsWith("Echo") && alloc != null) {
                addIterations(alloc.cell(l), rr, "gc.alloc.rate.norm");
            }
        }
        for (String[] r : ROWS) {
            Harness.Row row = h.row(r[0]);
            if (row != null) {
                sdBus(h, row, r[3]);
                report(row);
            }
        }
        if (alloc != null) {
            alloc.cell(Library.SD_BUS).notApplicable = "n/a: C, no garbage collector";
            report(alloc);
        }
    }

    /** One sample per measured iteration: the primary score, or the named secondary one. */
    private static void addIterations(Harness.Cell cell, RunResult rr, String secondary) {
        for (BenchmarkResult br : rr.getBenchmarkResults()) {
            for (IterationResult ir : br.getIterationResults()) {
                Result<?> res = secondary == null ? ir.getPrimaryResult() : ir.getSecondaryResults().get(secondary);
                if (res != null) {
                    cell.samples.add(res.getScore());
                }
            }
        }
    }

    private static void sdBus(Harness h, Harness.Row row, String name) throws Exception {
        Harness.Cell cell = row.cell(Library.SD_BUS);
        if (h.sdbench == null) {
            cell.notApplicable = h.sdbusMissing;
            return;
        }
        if (name == null) {
            cell.notApplicable = "n/a: sd-bus has no public call that parses a message from bytes";
            return;
        }
        if (h.sdbusMarshal == null) {
            h.sdbusMarshal = new ArrayList<>();
            Harness.Options o = h.options;
            try (Proc p = Proc.start(List.of(h.sdbench.toString(), "marshal", h.daemon.address,
                    Long.toString(o.smoke ? 100 : 1000), Integer.toString(o.repeats)), o.work.resolve("sdbus-marshal.log"))) {
                for (int i = 0; i < 2 * o.repeats; i++) {
                    h.sdbusMarshal.add(p.awaitLine("MARSHAL ", Duration.ofSeconds(120)));
                }
            }
        }
        for (String line : h.sdbusMarshal) {
            String[] f = line.split(" ");
            if (f[1].equals(name)) {
                cell.samples.add(Long.parseLong(f[3]) / 1e3 / Long.parseLong(f[2]));
            }
        }
    }

    private static void report(Harness.Row row) {
        for (Library l : Library.values()) {
            Harness.Cell c = row.cell(l);
            if (c.notApplicable == null) {
                System.out.printf("  %-12s %-10s %s%n", row.id, l.id,
                        c.hasNumber() ? String.format("%.2f %s", c.median(), row.unit)
                                : "FAILED: " + (c.failure != null ? c.failure : "no result (see jmh.log)"));
            }
        }
    }
}

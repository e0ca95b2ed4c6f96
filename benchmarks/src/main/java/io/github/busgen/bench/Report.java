package io.github.busgen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of a run, in Markdown (readable in a terminal too): medians with min and max, the
 * ratios of busgen to each peer, the machine, then where the time went (CPU per operation of each
 * process, client allocation, system calls when traced). Written into RESULTS.md between two
 * markers, so that the findings written around them by hand survive a new run.
 */
final class Report {
    static final String BEGIN = "<!-- harness output begins: everything up to the end marker is rewritten by --write -->";
    static final String END = "<!-- harness output ends -->";

    private final Harness h;
    private final List<String> footnotes = new ArrayList<>();

    Report(Harness h) {
        this.h = h;
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append("Run: ").append(h.options.describe()).append(".\n\n");
        for (var e : h.machine.entrySet()) {
            b.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        b.append('\n');
        b.append("| workload | unit | ");
        for (Library l : Library.values()) {
            b.append(l.title).append(" | ");
        }
        b.append("busgen/dbus-java | busgen/sd-bus |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Harness.Row r : h.rows) {
            b.append("| ").append(r.title).append(" | ").append(r.unit)
                    .append(r.better == Harness.Better.HIGHER ? ", higher is better" : ", lower is better").append(" | ");
            for (Library l : Library.values()) {
                b.append(cell(r, r.cell(l))).append(" | ");
            }
            b.append(ratio(r, Library.DBUS_JAVA)).append(" | ").append(ratio(r, Library.SD_BUS)).append(" |\n");
        }
        b.append('\n');
        for (int i = 0; i < footnotes.size(); i++) {
            b.append('[').append(i + 1).append("] ").append(footnotes.get(i)).append("  \n");
        }
        for (String n : h.notes) {
            b.append(n).append("  \n");
        }
        b.append('\n').append(whereTheTimeGoes());
        return b.toString();
    }

    private String cell(Harness.Row r, Harness.Cell c) {
        if (c.hasNumber()) {
            return format(c.median()) + " (" + format(c.min()) + "–" + format(c.max()) + ")";
        }
        String why = c.notApplicable != null ? c.notApplicable : "FAILED: " + firstLine(c.failure);
        int n = footnotes.indexOf(why);
        if (n < 0) {
            footnotes.add(why);
            n = footnotes.size() - 1;
        }
        return (c.notApplicable != null ? "n/a" : "**failed**") + " [" + (n + 1) + "]";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no result";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** busgen's median over the peer's: above 1 is better for rates, below 1 for times and bytes. */
    private static String ratio(Harness.Row r, Library peer) {
        Harness.Cell b = r.cell(Library.BUSGEN), p = r.cell(peer);
        if (!b.hasNumber() || !p.hasNumber() || p.median() == 0) {
            return "–";
        }
        return String.format("%.2f", b.median() / p.median());
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v >= 100) {
            return String.format("%,.0f", v);
        }
        if (v >= 10) {
            return String.format("%.1f", v);
        }
        return String.format("%.2f", v);
    }

    private String whereTheTimeGoes() {
        StringBuilder b = new StringBuilder();
        b.append("Where the time goes, per operation over the measured iterations: CPU time (user + system, from "
                + "/proc) of client / server / dbus-daemon in µs, and the bytes the client JVM allocated.\n\n");
        b.append("| workload | ");
        for (Library l : Library.values()) {
            b.append(l.title).append(" | ");
        }
        b.append("\n|---|---:|---:|---:|\n");
        boolean traced = false, profiled = false;
        for (Harness.Row r : h.rows) {
            if (r.workload == null) {
                continue;
            }
            b.append("| ").append(r.title).append(" | ");
            for (Library l : Library.values()) {
                Harness.Cell c = r.cell(l);
                traced |= c.syscalls != null;
                profiled |= c.profile != null;
                if (!c.hasNumber()) {
                    b.append("– | ");
                    continue;
                }
                b.append(format(c.clientCpu)).append(" / ").append(format(c.serverCpu)).append(" / ")
                        .append(format(c.daemonCpu)).append(" µs");
                if (!Double.isNaN(c.alloc)) {
                    b.append(", ").append(String.format("%,.0f", c.alloc)).append(" B");
                }
                b.append(" | ");
            }
            b.append('\n');
        }
        if (traced) {
            b.append("\nSystem calls per operation (strace -f -c attached over the measured iterations; top three):\n\n");
            for (Harness.Row r : h.rows) {
                for (Library l : Library.values()) {
                    Harness.Cell c = r.cell(l);
                    if (c.syscalls != null) {
                        b.append("- ").append(r.id).append(", ").append(l.title).append(": ").append(c.syscalls).append('\n');
                    }
                }
            }
        }
        if (profiled) {
            b.append("\nJFR profiles over the measured iterations (top CPU frames by share of samples; allocation sites "
                    + "by share of sampled bytes):\n\n");
            for (Harness.Row r : h.rows) {
                for (Library l : Library.values()) {
                    Harness.Cell c = r.cell(l);
                    if (c.profile != null) {
                        b.append("- ").append(r.id).append(", ").append(l.title).append(": ").append(c.profile).append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    /** Replaces the harness's part of RESULTS.md, keeping what was written around it. */
    void write(Path results, String table) throws IOException {
        String block = BEGIN + "\n\n" + table + "\n" + END;
        String text;
        if (Files.exists(results)) {
            String old = Files.readString(results);
            int a = old.indexOf(BEGIN), z = old.indexOf(END);
            text = a >= 0 && z > a ? old.substring(0, a) + block + old.substring(z + END.length())
                    : old + "\n" + block + "\n";
        } else {
            text = "# busgen benchmark results\n\n" + block + "\n";
        }
        Files.writeString(results, text);
    }

    /** 0 when every row produced a number (or is not applicable by design), else 1 with the reasons. */
    int check() {
        int cells = 0, na = 0;
        List<String> failed = new ArrayList<>();
        for (Harness.Row r : h.rows) {
            for (Library l : Library.values()) {
                Harness.Cell c = r.cell(l);
                cells++;
                if (c.hasNumber()) {
                    continue;
                }
                if (c.notApplicable != null && c.failure == null) {
                    na++;
                } else {
                    failed.add(r.id + " / " + l.title + ": " + (c.failure != null ? c.failure : "no number"));
                }
            }
        }
        if (!failed.isEmpty()) {
            System.out.println("benchmark check FAILED: " + failed.size() + " of " + cells + " cells have no number:");
            failed.forEach(f -> System.out.println("  " + f));
            return 1;
        }
        System.out.println("benchmark check: every row produced a number (" + (cells - na) + " numbers, " + na
                + " cells not applicable by design)");
        return 0;
    }
}

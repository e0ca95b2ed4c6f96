package io.github.busgen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one workload row for one library: a fresh client process against that library's server,
 * reading its per-iteration rates, and sampling the CPU time of client, server and daemon over the
 * measured iterations (optionally also their system calls, with strace attached).
 */
final class Clients {
    private Clients() {
    }

    static void run(Harness h, Harness.Row row, Library l) throws Exception {
        Harness.Cell cell = row.cell(l);
        String na = notApplicable(h, row.workload, l);
        if (na != null) {
            cell.notApplicable = na;
            return;
        }
        Harness.Options o = h.options;
        Proc server = h.servers.get(l);
        boolean p2p = row.workload == Workload.P2P;
        String address = p2p ? h.sockets.resolve("p2p-" + l.id).toString() : h.daemon.address;
        String dest = p2p ? "-" : Bench.busName(l);
        List<String> cmd = new ArrayList<>();
        int cpu = Runtime.getRuntime().availableProcessors() - 1;
        // the proxy row is pinned too: unpinned rates swing with cross-CPU wake-ups far more than
        // a generated proxy could cost, so only the pinned pair can show the difference
        boolean pinned = row.workload == Workload.PINNED || row.workload == Workload.PROXY;
        if (pinned) {
            cmd.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
            pin(h.daemon.proc.pid(), Integer.toString(cpu));
            pin(server.pid(), Integer.toString(cpu));
        }
        String warmup = Long.toString(o.warmupMillis()), iter = Long.toString(o.iterationMillis());
        String repeats = Integer.toString(o.repeats);
        if (l == Library.SD_BUS) {
            cmd.addAll(List.of(h.sdbench.toString(), "client", p2p ? "unix:path=" + address : address, dest,
                    row.workload.id, warmup, iter, repeats));
        } else {
            cmd.addAll(List.of(Harness.javaCommand(), "-cp", System.getProperty("java.class.path"),
                    ClientMain.class.getName(), l.id, row.workload.id, address, dest, warmup, iter, repeats));
        }
        System.out.printf("  %-12s %-10s ", row.id, l.id);
        Path log = o.work.resolve("client-" + row.id + "-" + l.id + ".log");
        Files.deleteIfExists(log);
        try (Proc client = Proc.start(cmd, log)) {
            Duration patience = Duration.ofMillis(o.warmupMillis() + o.iterationMillis() + 120_000);
            client.awaitLine("BEGIN", patience);
            long[] pids = {client.pid(), server.pid(), p2p ? -1 : h.daemon.proc.pid()};
            Strace strace = o.strace ? Strace.attach(pids, o.work.resolve("strace-" + row.id + "-" + l.id)) : null;
            Jfr jfr = o.jfr && l != Library.SD_BUS
                    ? Jfr.start(new long[] {client.pid(), server.pid()}, o.work.resolve("jfr-" + row.id + "-" + l.id))
                    : null;
            long[] before = cpu(pids);
            long ops = 0;
            for (String line; !(line = client.nextLine(patience)).equals("END"); ) {
                if (line.startsWith("ITER ")) {
                    String[] f = line.split(" ");
                    long n = Long.parseLong(f[1]);
                    cell.samples.add(n * 1e9 / Long.parseLong(f[2]));
                    ops += n;
                }
            }
            long[] after = cpu(pids);
            if (strace != null) {
                cell.syscalls = strace.detach(ops);
            }
            if (jfr != null) {
                cell.profile = jfr.stop();
            }
            cell.clientCpu = perOp(before[0], after[0], ops);
            cell.serverCpu = perOp(before[1], after[1], ops);
            cell.daemonCpu = p2p ? Double.NaN : perOp(before[2], after[2], ops);
            if (l != Library.SD_BUS) {
                String[] f = client.awaitLine("ALLOC ", patience).split(" ");
                cell.alloc = Double.parseDouble(f[1]) / Long.parseLong(f[2]);
            }
            client.process.getOutputStream().close();
            if (!client.waitFor(Duration.ofSeconds(30)) || client.process.exitValue() != 0) {
                throw new IOException("the client did not exit cleanly\n" + client.logTail());
            }
            System.out.printf("%,.0f %s%n", cell.median(), row.unit);
        } catch (IOException e) {
            cell.samples.clear();
            cell.failure = e.getMessage();
            System.out.println("FAILED: " + e.getMessage());
        } finally {
            if (pinned) {
                String all = "0-" + cpu;
                pin(h.daemon.proc.pid(), all);
                pin(server.pid(), all);
            }
        }
    }

    /** Why {@code l} has no number for {@code w} by design, or null. */
    private static String notApplicable(Harness h, Workload w, Library l) {
        if (l == Library.SD_BUS && h.sdbench == null) {
            return h.sdbusMissing;
        }
        if (w == Workload.PROXY) {
            // only busgen generates its clients (BenchClient.proxyEcho)
            switch (l) {
                case BUSGEN:
                    break;
                case DBUS_JAVA:
                    return "n/a: dbus-java generates no proxies; its echo row already calls through the proxy it makes "
                            + "at run time (java.lang.reflect.Proxy over a hand-written interface)";
                default:
                    return "n/a: sd-bus generates no proxies; its echo row is its ordinary call (sd_bus_call_method)";
            }
        }
        if (w == Workload.P2P && l == Library.DBUS_JAVA) {
            return "n/a: not measured (would need dbus-java's DirectConnection on both sides)";
        }
        return null;
    }

    /** Sets the CPU affinity of every thread of {@code pid}. */
    private static void pin(long pid, String cpus) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        if (p.waitFor() != 0) {
            throw new IOException("taskset failed for pid " + pid + " (is util-linux installed?)");
        }
    }

    private static long[] cpu(long[] pids) {
        long[] t = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            t[i] = pids[i] < 0 ? -1 : Proc.cpuNanos(pids[i]);
        }
        return t;
    }

    private static double perOp(long before, long after, long ops) {
        return before < 0 || after < 0 || ops == 0 ? Double.NaN : (after - before) / 1e3 / ops;
    }
}

package io.github.busgen.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Java client process: runs one workload against one library's server, warms up, then prints
 * {@code BEGIN}, one {@code ITER <ops> <nanos>} per measured iteration, {@code END}, and
 * {@code ALLOC <bytes> <ops>}: the bytes its threads allocated during the measured iterations. It
 * exits when its standard input closes, so that the harness can read its CPU time first.
 *
 * <pre>ClientMain LIBRARY WORKLOAD ADDRESS DEST WARMUP_MS ITER_MS ITERATIONS</pre>
 * For the peer-to-peer workload ADDRESS is the server's socket path and DEST is "-".
 */
public final class ClientMain {
    private ClientMain() {
    }

    public static void main(String[] args) throws Exception {
        Library library = Library.of(args[0]);
        Workload workload = Workload.of(args[1]);
        String address = args[2];
        String dest = args[3];
        long warmupMs = Long.parseLong(args[4]);
        long iterMs = Long.parseLong(args[5]);
        int iterations = Integer.parseInt(args[6]);

        try (BenchClient client = open(library, workload, address, dest)) {
            run(workload, client, warmupMs);
            System.out.println("BEGIN");
            long allocBefore = allocatedBytes();
            long ops = 0;
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                long n = run(workload, client, iterMs);
                System.out.println("ITER " + n + " " + (System.nanoTime() - start));
                ops += n;
            }
            long allocated = allocatedBytes() - allocBefore;
            System.out.println("END");
            System.out.println("ALLOC " + allocated + " " + ops);
            System.out.flush();
            while (System.in.read() >= 0) {
                // stay alive until the harness has read our CPU time and closes our input
            }
        }
        System.exit(0); // library threads must not keep the process alive
    }

    private static BenchClient open(Library library, Workload workload, String address, String dest) throws Exception {
        switch (library) {
            case BUSGEN:
                return workload == Workload.P2P ? BusgenClient.peer(Path.of(address)) : BusgenClient.onBus(address, dest);
            case DBUS_JAVA:
                return new DbusJavaClient(address, dest);
            default:
                throw new IllegalArgumentException(library + " has no Java client");
        }
    }

    /** One synchronous operation of a workload. */
    private interface Op {
        void run() throws Exception;
    }

    /** Runs the workload for about {@code millis}; returns the operations (calls or signals) done. */
    static long run(Workload w, BenchClient c, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        switch (w) {
            case ECHO:
            case PINNED:
            case P2P:
                return repeat(c::echo, 1, deadline);
            case PROXY:
                return repeat(c::proxyEcho, 1, deadline);
            case DICT:
                return repeat(c::dict, 1, deadline);
            case BYTES:
                return repeat(c::bytes, 1, deadline);
            case SIGNALS:
                return repeat(() -> c.signals(Bench.SIGNAL_BATCH), Bench.SIGNAL_BATCH, deadline);
            case THREADS:
                return threads(c, deadline);
            case INFLIGHT:
                return inFlight(c, deadline);
            default:
                throw new AssertionError(w);
        }
    }

    /** Repeats {@code op}, worth {@code weight} operations each time, at least once and until the deadline. */
    private static long repeat(Op op, long weight, long deadline) throws Exception {
        long n = 0;
        do {
            op.run();
            n += weight;
        } while (System.nanoTime() < deadline);
        return n;
    }

    /** Several threads calling Echo synchronously on the one connection. */
    private static long threads(BenchClient c, long deadline) throws Exception {
        LongAdder done = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Bench.THREADS; i++) {
            Thread t = new Thread(() -> {
                try {
                    done.add(repeat(c::echo, 1, deadline));
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        rethrow(failure.get());
        return done.sum();
    }

    /** Keeps {@link Bench#WINDOW} Echo calls in flight until the deadline, then lets them drain. */
    private static long inFlight(BenchClient c, long deadline) throws Exception {
        Semaphore window = new Semaphore(Bench.WINDOW);
        LongAdder done = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        while (System.nanoTime() < deadline && failure.get() == null) {
            window.acquire();
            c.echoAsync(() -> {
                done.increment();
                window.release();
            }, t -> {
                failure.compareAndSet(null, t);
                window.release();
            });
        }
        window.acquire(Bench.WINDOW);
        rethrow(failure.get());
        return done.sum();
    }

    private static void rethrow(Throwable t) throws Exception {
        if (t instanceof Exception) {
            throw (Exception) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
    }

    /** The bytes allocated so far by the live threads of this JVM. */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            if (b > 0) {
                sum += b;
            }
        }
        return sum;
    }
}

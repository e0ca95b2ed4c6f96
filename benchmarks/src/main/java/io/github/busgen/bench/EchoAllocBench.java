package io.github.busgen.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A synchronous Echo round trip through the harness's daemon to each library's own server, run
 * under JMH so that its gc profiler reports the bytes the client JVM allocates per round trip in
 * steady state. The harness passes the daemon's address as {@code -Dbench.address}.
 */
public class EchoAllocBench {
    /** busgen's client connection. */
    @State(Scope.Benchmark)
    public static class BusgenState {
        BusgenClient client;

        @Setup(Level.Trial)
        public void open() throws Exception {
            client = BusgenClient.onBus(System.getProperty("bench.address"), Bench.busName(Library.BUSGEN));
        }

        @TearDown(Level.Trial)
        public void close() {
            client.close();
        }
    }

    /** dbus-java's client connection. */
    @State(Scope.Benchmark)
    public static class DbusJavaState {
        DbusJavaClient client;

        @Setup(Level.Trial)
        public void open() throws Exception {
            client = new DbusJavaClient(System.getProperty("bench.address"), Bench.busName(Library.DBUS_JAVA));
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            client.close();
        }
    }

    @Benchmark
    public void busgenEcho(BusgenState s) throws Exception {
        s.client.echo();
    }

    @Benchmark
    public void dbusJavaEcho(DbusJavaState s) throws Exception {
        s.client.echo();
    }
}

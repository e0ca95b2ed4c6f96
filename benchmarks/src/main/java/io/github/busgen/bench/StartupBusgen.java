package io.github.busgen.bench;

/**
 * busgen's start-up probe: connect to the bus, make one Echo call, exit. The harness runs it as a
 * fresh, flag-free JVM with only the runtime and these classes on the class path.
 *
 * <pre>StartupBusgen ADDRESS DEST</pre>   (no arguments: start and exit, the JVM's own cost)
 */
public final class StartupBusgen {
    private StartupBusgen() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            return;
        }
        try (BusgenClient c = BusgenClient.onBus(args[0], args[1])) {
            c.echo();
        }
    }
}

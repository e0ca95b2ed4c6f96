package io.github.busgen.examples;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.DBusErrors;
import io.github.busgen.connection.DBusException;
import io.github.busgen.connection.Subscription;
import io.github.busgen.examples.client.CounterProxy;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Variant;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code counter-client}: calls the counter with the client busgen generated from the XML that the
 * service's annotated interface exports ({@code META-INF/dbus/interfaces/io.github.busgen.examples.Counter.xml}),
 * then watches {@code CountChanged} until SIGINT or SIGTERM (exit 0) or until the bus goes away or
 * misbehaves (one line, exit 1).
 */
public final class CounterClientCommand {
    /** The bus name of the counter. */
    static final String BUS_NAME = "io.github.busgen.examples.Counter";
    /** The object path of the counter. */
    static final String PATH = "/io/github/busgen/examples/Counter";

    /** The command's help text. */
    public static final String HELP = String.join("\n",
            "usage: java -jar busgen-examples.jar counter-client [--address ADDR]",
            "",
            "Calls the counter served by counter-service on the session bus (or the bus at ADDR):",
            "Add(1), reads and sets the Count property, Describe(); then prints every CountChanged",
            "signal until Ctrl-C or SIGTERM.");

    private CounterClientCommand() {
    }

    /** Runs the client; returns only by exiting the process, or throws {@link CliFailure}. */
    public static void run(Cli cli) throws InterruptedException {
        Connection bus = cli.connect();
        CounterProxy counter = CounterProxy.of(bus, BusName.of(BUS_NAME), ObjectPath.of(PATH));
        AtomicReference<Subscription> watch = new AtomicReference<>();
        try {
            System.out.println("client: Add(1) -> " + counter.add(1));
            System.out.println("client: Count -> " + counter.getCount());
            counter.setCount(10);
            System.out.println("client: Count = 10");
            System.out.println("client: Describe() -> " + describe(counter.describe()));
            watch.set(counter.onCountChanged(e -> System.out.println("client: CountChanged(" + e.count() + ")")));
        } catch (DBusException e) {
            CliFailure lost = Cli.lost(bus); // Disconnected: say what closed the connection
            bus.close();
            if (lost != null) {
                throw lost;
            }
            if (e.is(DBusErrors.SERVICE_UNKNOWN) || e.is(DBusErrors.NAME_HAS_NO_OWNER)) {
                throw new CliFailure("no counter service runs on " + cli.busDescription()
                        + "; start one with: java -jar busgen-examples.jar counter-service");
            }
            throw new CliFailure("the counter answered with an error: " + Cli.oneLine(e));
        }
        // from here on the client runs until it is stopped or the bus goes away
        Exits exits = Exits.install(() -> {
            if (bus.isOpen()) {
                Subscription s = watch.get();
                if (s != null) {
                    s.close();
                }
                bus.close();
                System.out.println("counter-client: stopped");
            }
        });
        bus.onDisconnect(cause -> {
            if (cause != null) {
                exits.fail("busgen-examples counter-client: " + Cli.whyClosed(cause));
            }
        });
        System.out.println("client: watching CountChanged; Ctrl-C to stop");
        exits.awaitEnd();
    }

    /** A map of variants as {@code {key=value, ...}} with plain values. */
    static String describe(Map<String, Variant> info) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, Variant> e : info.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            Object v = e.getValue().value();
            b.append(e.getKey()).append('=').append(v instanceof String ? "\"" + v + "\"" : v);
        }
        return b.append('}').toString();
    }
}

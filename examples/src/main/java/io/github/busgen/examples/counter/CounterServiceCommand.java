package io.github.busgen.examples.counter;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.DBusException;
import io.github.busgen.connection.NameRequest;
import io.github.busgen.connection.Subscription;
import io.github.busgen.examples.Cli;
import io.github.busgen.examples.CliFailure;
import io.github.busgen.examples.Exits;
import io.github.busgen.fdo.BusClient;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ObjectPath;

/**
 * {@code counter-service}: exports the counter on a bus under its well-known name and serves it until
 * SIGINT or SIGTERM (then releases the name and exits 0), or until the bus goes away or breaks the
 * protocol (one line saying which, exit 1).
 */
public final class CounterServiceCommand {
    /** The command's help text. */
    public static final String HELP = String.join("\n",
            "usage: java -jar busgen-examples.jar counter-service [--address ADDR]",
            "",
            "Serves the counter (" + Counter.BUS_NAME + " at " + Counter.PATH + ") on the session",
            "bus, or on the bus at ADDR, until Ctrl-C or SIGTERM; then releases the name and exits 0.",
            "Try it from another terminal:",
            "  busctl --user call " + Counter.BUS_NAME + " " + Counter.PATH + " " + Counter.BUS_NAME + " Add i 5",
            "  gdbus call --session --dest " + Counter.BUS_NAME + " --object-path " + Counter.PATH
                    + " --method " + Counter.BUS_NAME + ".Describe",
            "  java -jar busgen-examples.jar counter-client");

    private CounterServiceCommand() {
    }

    /** Runs the service; returns only by exiting the process. */
    public static void run(Cli cli) throws InterruptedException {
        Connection bus = cli.connect();
        CounterImpl counter = new CounterImpl(System.out::println);
        Subscription exported = counter.skeleton().export(bus, ObjectPath.of(Counter.PATH));
        NameRequest name;
        try {
            name = bus.requestName(BusName.of(Counter.BUS_NAME), BusClient.DO_NOT_QUEUE);
        } catch (DBusException e) {
            CliFailure lost = Cli.lost(bus);
            bus.close();
            if (lost != null) {
                throw lost;
            }
            throw new CliFailure("the bus refused the name " + Counter.BUS_NAME + ": " + Cli.oneLine(e));
        }
        if (!name.isOwned()) {
            bus.close();
            throw new CliFailure("another program already owns " + Counter.BUS_NAME + " on " + cli.busDescription()
                    + "; stop it first");
        }
        Exits exits = Exits.install(() -> {
            if (bus.isOpen()) {
                exported.close();
                name.close();
                bus.close();
                System.out.println("counter-service: released " + Counter.BUS_NAME + " and stopped");
            }
        });
        bus.onDisconnect(cause -> {
            if (cause != null) {
                exits.fail("busgen-examples counter-service: " + Cli.whyClosed(cause));
            }
        });
        System.out.println("counter-service: serving " + Counter.BUS_NAME + " at " + Counter.PATH + " on "
                + cli.busDescription() + " as " + bus.uniqueName() + "; Ctrl-C to stop");
        exits.awaitEnd();
    }
}

package io.github.busgen.examples;

import io.github.busgen.examples.counter.CounterServiceCommand;
import io.github.busgen.examples.notify.NotifyCommand;

/**
 * The examples' entry point: {@code java -jar busgen-examples.jar COMMAND [--address ADDR]}.
 */
public final class Main {
    private static final String USAGE = String.join("\n",
            "usage: java -jar busgen-examples.jar COMMAND [--address ADDR] [--help]",
            "",
            "commands:",
            "  demo               the counter service and a client in one process; works without a session bus",
            "  counter-service    serve the counter on the bus until Ctrl-C",
            "  counter-client     call the counter, then watch its CountChanged signal",
            "  notify SUMMARY BODY  show a desktop notification",
            "",
            "Without --address, commands use the session bus (DBUS_SESSION_BUS_ADDRESS, else $XDG_RUNTIME_DIR/bus).");

    private Main() {
    }

    /** Runs a command; exits 0 on success, 1 on failure, 2 on a usage error. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println(USAGE);
            Exits.exit(2);
        }
        String command = args[0];
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            System.out.println(USAGE);
            return;
        }
        String help;
        switch (command) {
            case "demo": help = DemoCommand.HELP; break;
            case "counter-service": help = CounterServiceCommand.HELP; break;
            case "counter-client": help = CounterClientCommand.HELP; break;
            case "notify": help = NotifyCommand.HELP; break;
            default:
                System.err.println("busgen-examples: unknown command " + command + "\n\n" + USAGE);
                Exits.exit(2);
                return;
        }
        try {
            Cli cli = Cli.parse(command, args, 1);
            if (cli.help()) {
                System.out.println(help);
                return;
            }
            switch (command) {
                case "demo": DemoCommand.run(cli); break;
                case "counter-service": CounterServiceCommand.run(cli); break;
                case "counter-client": CounterClientCommand.run(cli); break;
                default: NotifyCommand.run(cli); break;
            }
        } catch (CliFailure f) {
            System.err.println("busgen-examples " + command + ": " + f.getMessage());
            Exits.exit(1);
        } catch (Exception | Error unexpected) {
            // one line, never a stack trace: the examples are what a newcomer sees first
            System.err.println("busgen-examples " + command + ": " + Cli.oneLine(unexpected));
            Exits.exit(1);
        }
        Exits.exit(0);
    }
}

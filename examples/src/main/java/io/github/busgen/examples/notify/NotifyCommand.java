package io.github.busgen.examples.notify;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.DBusErrors;
import io.github.busgen.connection.DBusException;
import io.github.busgen.examples.Cli;
import io.github.busgen.examples.CliFailure;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ObjectPath;

import java.util.List;
import java.util.Map;

/**
 * {@code notify SUMMARY BODY}: shows a desktop notification through
 * {@code org.freedesktop.Notifications}, with the client busgen's Maven plugin generated from that
 * interface's XML ({@code src/main/dbus/org.freedesktop.Notifications.xml}).
 */
public final class NotifyCommand {
    /** The command's help text. */
    public static final String HELP = String.join("\n",
            "usage: java -jar busgen-examples.jar notify [--address ADDR] SUMMARY BODY",
            "",
            "Shows a desktop notification through org.freedesktop.Notifications on the session bus",
            "(or the bus at ADDR) and prints its id and the notification server's name.");

    private static final BusName SERVER = BusName.of("org.freedesktop.Notifications");
    private static final ObjectPath PATH = ObjectPath.of("/org/freedesktop/Notifications");

    private NotifyCommand() {
    }

    /** Shows the notification. */
    public static void run(Cli cli) {
        if (cli.positional().size() != 2) {
            throw new CliFailure("notify needs SUMMARY and BODY, for example: notify 'Build done' 'All tests passed'");
        }
        Connection bus = cli.connect();
        try (bus) {
            NotificationsProxy notifications = NotificationsProxy.of(bus, SERVER, PATH);
            long id = notifications.notify("busgen-examples", 0, "", cli.positional().get(0), cli.positional().get(1),
                    List.of(), Map.of(), -1);
            Notifications.GetServerInformationResult server = notifications.getServerInformation();
            System.out.println("notify: shown as notification " + id + " by " + server.name() + " " + server.version()
                    + " (" + server.vendor() + ")");
        } catch (DBusException e) {
            CliFailure lost = Cli.lost(bus); // Disconnected: say what closed the connection
            if (lost != null) {
                throw lost;
            }
            if (e.is(DBusErrors.SERVICE_UNKNOWN) || e.is(DBusErrors.NAME_HAS_NO_OWNER)) {
                throw new CliFailure("no notification server runs on " + cli.busDescription()
                        + " (nobody owns org.freedesktop.Notifications; a desktop session provides one)");
            }
            throw new CliFailure("the notification server refused: " + Cli.oneLine(e));
        }
    }
}

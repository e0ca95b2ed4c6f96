package io.github.busgen.examples;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.DBusException;
import io.github.busgen.wire.DBusProtocolException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line handling shared by the example commands: {@code --help}, {@code --address ADDR},
 * positional arguments, and opening the bus with a one-line message when that fails.
 *
 * @param command    the command name
 * @param address    the bus address given with {@code --address}, or null for the session bus
 * @param help       whether {@code --help} (or {@code -h}) was given
 * @param positional the other arguments, in order
 */
public record Cli(String command, String address, boolean help, List<String> positional) {
    /**
     * Parses the arguments after the command name.
     *
     * @throws CliFailure for an unknown option or a missing value
     */
    public static Cli parse(String command, String[] args, int from) {
        String address = null;
        boolean help = false;
        List<String> positional = new ArrayList<>();
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                help = true;
            } else if (a.equals("--address")) {
                if (i + 1 >= args.length) {
                    throw new CliFailure("--address needs a D-Bus address, for example --address unix:path=/run/user/1000/bus");
                }
                address = args[++i];
            } else if (a.startsWith("--address=")) {
                address = a.substring("--address=".length());
            } else if (a.startsWith("--") && !a.equals("--")) {
                throw new CliFailure("unknown option " + a + " (try --help)");
            } else {
                positional.add(a);
            }
        }
        return new Cli(command, address, help, List.copyOf(positional));
    }

    /** Where the bus is, in words: the address, or "the session bus". */
    public String busDescription() {
        return address != null ? address : "the session bus";
    }

    /**
     * Connects to the bus at {@link #address()}, or the session bus.
     *
     * @throws CliFailure saying what went wrong, in one line
     */
    public Connection connect() {
        try {
            return address != null ? Connection.open(address) : Connection.openSession();
        } catch (IOException | DBusException | IllegalArgumentException e) {
            throw new CliFailure("cannot connect to " + busDescription() + ": " + oneLine(e));
        }
    }

    /**
     * Why the connection to the bus closed, in one line, from the cause the runtime gives disconnect
     * listeners ({@link Connection#onDisconnect}, {@link Connection#closeCause()}): the bus went away
     * for an end of stream or a lost socket ({@link IOException}); it broke the D-Bus protocol for
     * bytes that are not D-Bus ({@link DBusProtocolException}, after which the runtime drops the
     * connection); anything else is a fault in the connection itself, named with its type.
     */
    public static String whyClosed(Throwable cause) {
        if (cause == null) {
            return "the connection to the bus was closed";
        }
        if (cause instanceof DBusProtocolException) {
            return "the bus broke the D-Bus protocol: " + oneLine(cause);
        }
        if (cause instanceof IOException) {
            return "the bus went away (" + oneLine(cause) + ")";
        }
        String type = cause.getClass().getSimpleName();
        String message = oneLine(cause);
        return "the connection to the bus failed: " + (message.equals(type) ? type : type + ": " + message);
    }

    /**
     * A failure saying why {@code bus} closed, when a fault closed it (see {@link #whyClosed}); null
     * while it is open or after {@link Connection#close()}. A call on a connection that closed fails
     * with {@code org.freedesktop.DBus.Error.Disconnected}, which says less than this.
     */
    public static CliFailure lost(Connection bus) {
        Throwable cause = bus.closeCause();
        return cause != null ? new CliFailure(whyClosed(cause)) : null;
    }

    /** The message of {@code t} on one line. */
    public static String oneLine(Throwable t) {
        String m = t instanceof DBusException ? t.toString() : t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        }
        return m.replace('\n', ' ').trim();
    }
}

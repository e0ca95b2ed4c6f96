package io.github.busgen.bench;

import java.nio.file.Path;

/**
 * A Java server process: serves the benchmark interface on the bus, and (busgen) peer-to-peer on a
 * socket, prints {@code READY}, and exits when its standard input closes, so that it never outlives
 * the harness.
 *
 * <pre>ServerMain LIBRARY ADDRESS NAME P2P_SOCKET</pre>
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Library library = Library.of(args[0]);
        switch (library) {
            case BUSGEN:
                BusgenServer.serve(args[1], args[2], Path.of(args[3]));
                break;
            case DBUS_JAVA:
                DbusJavaServer.serve(args[1], args[2]);
                break;
            default:
                throw new IllegalArgumentException(library + " has no Java server");
        }
        System.out.println("READY");
        while (System.in.read() >= 0) {
            // wait for the harness to go away
        }
        System.exit(0);
    }
}

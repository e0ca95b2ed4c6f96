package io.github.busgen.bench;

/** dbus-java's start-up probe: connect to the bus, make one Echo call, exit. */
public final class StartupDbusJava {
    private StartupDbusJava() {
    }

    public static void main(String[] args) throws Exception {
        try (DbusJavaClient c = new DbusJavaClient(args[0], args[1])) {
            c.echo();
        }
        System.exit(0); // its threads must not keep the JVM alive
    }
}

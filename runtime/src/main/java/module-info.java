/**
 * The busgen runtime: the D-Bus wire protocol, transports, authentication, connections, exported
 * objects and the standard interfaces. Depends on the JDK only and uses no reflection, so generated
 * code and applications built on it start fast and work in native images.
 */
module io.github.busgen.runtime {
    exports io.github.busgen.names;
    exports io.github.busgen.wire;
    exports io.github.busgen.message;
    exports io.github.busgen.transport;
    exports io.github.busgen.auth;
    exports io.github.busgen.connection;
    exports io.github.busgen.fdo;
    exports io.github.busgen.introspect;
    exports io.github.busgen.annotation;

    // SO_PEERCRED: the uid of the process at the other end of a unix socket, for EXTERNAL
    requires jdk.net;
}

package io.github.busgen.processor.e2e;

import io.github.busgen.connection.Connection;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.PrivateBus;

import java.io.IOException;

/**
 * A private dbus-daemon with {@link EverythingService} served through the generated skeleton,
 * owning {@link #NAME} at {@link #PATH}: the fixture of the end-to-end and interoperability tests.
 */
final class ServedEverything implements AutoCloseable {
    static final BusName NAME = BusName.of("io.github.busgen.test.Everything");
    static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/test/Everything");

    final PrivateBus bus;
    final Connection server;
    final EverythingService service = new EverythingService();

    ServedEverything() throws IOException {
        bus = PrivateBus.start();
        try {
            server = Connection.open(bus.address());
            service.skeleton = new EverythingSkeleton(service);
            service.skeleton.export(server, PATH);
            server.requestName(NAME, 0);
        } catch (IOException | RuntimeException e) {
            bus.close();
            throw e;
        }
    }

    /** A new client connection to the bus. */
    Connection connect() throws IOException {
        return Connection.open(bus.address());
    }

    @Override
    public void close() throws IOException {
        server.close();
        bus.close();
    }
}

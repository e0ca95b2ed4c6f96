package io.github.busgen.bench;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.CallbackHandler;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** dbus-java's client: its remote-object proxy, the way its users call methods. */
final class DbusJavaClient implements BenchClient {
    private final DBusConnection connection;
    private final String destination;
    private final EchoIface remote;
    // made on first use: the start-up probe must not pay for the other workloads' payloads
    private Map<String, Variant<?>> dict;
    private byte[] bytes;
    private final Semaphore ticks = new Semaphore(0);
    private AutoCloseable tickHandler;

    DbusJavaClient(String address, String destination) throws Exception {
        this.connection = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        this.destination = destination;
        this.remote = connection.getRemoteObject(destination, Bench.PATH, EchoIface.class);
    }

    static Variant<?> variant(String signature, Object value) {
        return new Variant<>(value, signature);
    }

    @Override
    public void echo() {
        if (!Bench.ECHO_TEXT.equals(remote.Echo(Bench.ECHO_TEXT))) {
            throw new IllegalStateException("Echo returned something else");
        }
    }

    @Override
    public void dict() {
        if (dict == null) {
            dict = Bench.dict(Bench.DICT_ENTRIES, DbusJavaClient::variant);
        }
        int n = remote.EchoDict(dict).size();
        if (n != Bench.DICT_ENTRIES) {
            throw new IllegalStateException("EchoDict returned " + n + " entries");
        }
    }

    @Override
    public void bytes() {
        if (bytes == null) {
            bytes = Bench.bytes();
        }
        int n = remote.EchoBytes(bytes).length;
        if (n != Bench.BYTES_LENGTH) {
            throw new IllegalStateException("EchoBytes returned " + n + " bytes");
        }
    }

    @Override
    public void echoAsync(Runnable done, Consumer<Throwable> failed) {
        connection.callWithCallback(remote, "Echo", new CallbackHandler<String>() {
            @Override
            public void handle(String reply) {
                if (Bench.ECHO_TEXT.equals(reply)) {
                    done.run();
                } else {
                    failed.accept(new IllegalStateException("Echo returned something else"));
                }
            }

            @Override
            public void handleError(DBusExecutionException e) {
                failed.accept(e);
            }
        }, Bench.ECHO_TEXT);
    }

    @Override
    public void signals(int n) throws Exception {
        if (tickHandler == null) {
            tickHandler = connection.addSigHandler(EchoIface.Tick.class, remote, s -> ticks.release());
        }
        remote.Emit(new UInt32(n));
        ticks.acquire(n);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }

    String destination() {
        return destination;
    }
}

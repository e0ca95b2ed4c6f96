package io.github.busgen.bench;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;

/** dbus-java's server: an exported object implementing {@link EchoIface}. */
final class DbusJavaServer implements EchoIface {
    private final DBusConnection connection;

    private DbusJavaServer(DBusConnection connection) {
        this.connection = connection;
    }

    static void serve(String address, String name) throws DBusException {
        DBusConnection c = DBusConnectionBuilder.forAddress(address).withShared(false).build();
        c.exportObject(Bench.PATH, new DbusJavaServer(c));
        c.requestBusName(name);
    }

    @Override
    public String Echo(String s) {
        return s;
    }

    @Override
    public Map<String, Variant<?>> EchoDict(Map<String, Variant<?>> dict) {
        return dict;
    }

    @Override
    public byte[] EchoBytes(byte[] bytes) {
        return bytes;
    }

    /** Emits the signals from inside the call, so they reach the bus before its reply. */
    @Override
    public void Emit(UInt32 n) {
        try {
            for (long i = 0; i < n.longValue(); i++) {
                connection.sendMessage(new Tick(Bench.PATH, new UInt32(i)));
            }
        } catch (DBusException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String getObjectPath() {
        return Bench.PATH;
    }
}

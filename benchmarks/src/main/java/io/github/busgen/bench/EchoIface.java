package io.github.busgen.bench;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;

/** The benchmark interface as dbus-java wants it: a Java interface with a nested signal class. */
@DBusInterfaceName(Bench.INTERFACE)
public interface EchoIface extends DBusInterface {
    // D-Bus member names, hence the capitals
    @SuppressWarnings("checkstyle:MethodName")
    String Echo(String s);

    Map<String, Variant<?>> EchoDict(Map<String, Variant<?>> dict);

    byte[] EchoBytes(byte[] bytes);

    void Emit(UInt32 n);

    /** The Tick(u) signal. */
    class Tick extends DBusSignal {
        public final UInt32 index;

        public Tick(String path, UInt32 index) throws DBusException {
            super(path, index);
            this.index = index;
        }
    }
}

"""A python-dbus thermostat, com.example.Thermo, for the introspect-service integration test.

Usage: /usr/bin/python3 thermo.py ADDRESS
Owns com.example.Thermo on the bus at ADDRESS, exports com.example.Thermo at /com/example/Thermo and
com.example.Thermo.Sensor at /com/example/Thermo/Sensor0, prints "ready", then serves until killed.

python-dbus introspects the methods and signals it exports but not properties, which it does not
know about: Introspect is extended here to declare the ones Get, GetAll and Set serve, as hand-written
python-dbus services do. Its out-arguments have no names, as python-dbus never names them.
"""
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

IFACE = "com.example.Thermo"
SENSOR_IFACE = "com.example.Thermo.Sensor"

# name, type, access: what Introspect declares and Get/GetAll/Set serve
PROPERTIES = (("Target", "d", "readwrite"), ("Unit", "s", "read"), ("Heating", "b", "read"))


class Thermo(dbus.service.Object):
    def __init__(self, bus, path):
        super().__init__(bus, path)
        self.target = 20.0
        self.current = 18.5

    @dbus.service.method(IFACE, in_signature="d", out_signature="b")
    def Adjust(self, delta):
        self.target += float(delta)
        if self.target <= self.current:
            self.TargetReached(self.target, self.current)
        return self.target > self.current

    @dbus.service.method(IFACE, in_signature="", out_signature="da{sd}")
    def Read(self):
        return self.current, dbus.Dictionary({"Sensor0": self.current}, signature="sd")

    @dbus.service.method(IFACE, in_signature="as", out_signature="")
    def Schedule(self, entries):
        pass

    @dbus.service.signal(IFACE, signature="dd")
    def TargetReached(self, target, current):
        pass

    def _get(self, name):
        if name == "Target":
            return dbus.Double(self.target)
        if name == "Unit":
            return dbus.String("celsius")
        if name == "Heating":
            return dbus.Boolean(self.target > self.current)
        raise dbus.DBusException("no property " + name, name="org.freedesktop.DBus.Error.UnknownProperty")

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="ss", out_signature="v")
    def Get(self, interface, name):
        return self._get(name)

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        return dbus.Dictionary({p[0]: self._get(p[0]) for p in PROPERTIES}, signature="sv")

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature="ssv", out_signature="")
    def Set(self, interface, name, value):
        if name != "Target":
            raise dbus.DBusException(name + " is read-only", name="org.freedesktop.DBus.Error.PropertyReadOnly")
        self.target = float(value)
        self.PropertiesChanged(IFACE, dbus.Dictionary({"Target": dbus.Double(self.target)}, signature="sv"),
                               dbus.Array([], signature="s"))

    @dbus.service.signal(dbus.PROPERTIES_IFACE, signature="sa{sv}as")
    def PropertiesChanged(self, interface, changed, invalidated):
        pass

    @dbus.service.method(dbus.INTROSPECTABLE_IFACE, in_signature="", out_signature="s",
                         path_keyword="object_path", connection_keyword="connection")
    def Introspect(self, object_path, connection):
        xml = super().Introspect(object_path, connection)
        opening = '<interface name="%s">\n' % IFACE
        declared = "".join('    <property name="%s" type="%s" access="%s"/>\n' % p for p in PROPERTIES)
        return xml.replace(opening, opening + declared)


class Sensor(dbus.service.Object):
    @dbus.service.method(SENSOR_IFACE, in_signature="d", out_signature="d")
    def Calibrate(self, offset):
        return 18.5 + offset


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(sys.argv[1])
    thermo = Thermo(bus, "/com/example/Thermo")
    sensor = Sensor(bus, "/com/example/Thermo/Sensor0")
    name = dbus.service.BusName("com.example.Thermo", bus)
    print("ready", flush=True)
    GLib.MainLoop().run()
    del name, thermo, sensor


if __name__ == "__main__":
    main()

"""A python-dbus service of io.github.busgen.test.Everything, for the interoperability tests.

Usage: /usr/bin/python3 python_service.py ADDRESS
Prints "ready" once it owns io.github.busgen.test.Python, then serves until killed.
Poke("move") emits Moved; Poke("relabel") changes Label and announces it as invalidated.
"""
import sys
import time

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

IFACE = "io.github.busgen.test.Everything"
PROPS = "org.freedesktop.DBus.Properties"


class NotFound(dbus.DBusException):
    _dbus_error_name = "io.github.busgen.test.Error.NotFound"


class Everything(dbus.service.Object):
    def __init__(self, bus, path):
        super().__init__(bus, path)
        self.count = 0
        self.label = "python"
        self.disable_printing = False

    @dbus.service.method(IFACE, in_signature="ybnqiuxtdsogv", out_signature="ybnqiuxtdsogv")
    def EchoBasics(self, y, b, n, q, i, u, x, t, d, s, o, g, v):
        return (y, b, n, q, i, u, x, t, d, s, o, g, v)

    @dbus.service.method(IFACE, in_signature="ayabanaqaiauaxatad", out_signature="ayabanaqaiauaxatad",
                         byte_arrays=True)
    def EchoArrays(self, ay, ab, an, aq, ai, au, ax, at, ad):
        return (ay, ab, an, aq, ai, au, ax, at, ad)

    @dbus.service.method(IFACE, in_signature="a(sa(ii))a{oa{sv}}", out_signature="a{sa(ii)}a{ou}")
    def Nest(self, lines, managed):
        by_name = {}
        for name, points in lines:
            by_name.setdefault(name, []).extend(points)
        counts = {path: dbus.UInt32(len(props)) for path, props in managed.items()}
        return (dbus.Dictionary(by_name, signature="sa(ii)"), dbus.Dictionary(counts, signature="ou"))

    @dbus.service.method(IFACE, in_signature="a(ii)a{sv}ayaas", out_signature="i", byte_arrays=True)
    def CountAll(self, points, d, data, lists):
        return len(points) + len(d) + len(data) + sum(len(x) for x in lists) + len(lists)

    @dbus.service.method(IFACE, in_signature="u", out_signature="t")
    def Square(self, value):
        return dbus.UInt64((int(value) * int(value)) % 2 ** 64)

    @dbus.service.method(IFACE, in_signature="s", out_signature="")
    def Fail(self, how):
        if how == "missing":
            raise NotFound("no " + how)
        raise dbus.DBusException("not you", name="org.freedesktop.DBus.Error.AccessDenied")

    @dbus.service.method(IFACE, in_signature="s", out_signature="")
    def FailLater(self, key):
        raise NotFound("no " + key)

    @dbus.service.method(IFACE, in_signature="i", out_signature="")
    def Sleep(self, millis):
        time.sleep(millis / 1000.0)

    @dbus.service.method(IFACE, in_signature="s", out_signature="")
    def Poke(self, why):
        self.Poked(why)
        if why == "move":
            self.Moved((1, 2), dbus.Array([(3, 4)], signature="(ii)"),
                       dbus.Dictionary({"speed": dbus.Double(1.5, variant_level=1)}, signature="sv"))
        elif why == "relabel":
            self.label = "relabelled"
            self.PropertiesChanged(IFACE, dbus.Dictionary({}, signature="sv"), dbus.Array(["Label"], signature="s"))

    @dbus.service.signal(IFACE, signature="s")
    def Poked(self, why):
        pass

    @dbus.service.signal(IFACE, signature="(ii)a(ii)a{sv}")
    def Moved(self, start, path, details):
        pass

    def _get(self, name):
        if name == "Count":
            return dbus.Int32(self.count)
        if name == "Label":
            return dbus.String(self.label)
        if name == "disable-printing":
            return dbus.Boolean(self.disable_printing)
        if name == "Corners":
            return dbus.Array([(0, 0), (2147483647, -2147483648)], signature="(ii)")
        raise dbus.DBusException("no property " + name, name="org.freedesktop.DBus.Error.UnknownProperty")

    @dbus.service.method(PROPS, in_signature="ss", out_signature="v")
    def Get(self, interface, name):
        return self._get(name)

    @dbus.service.method(PROPS, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        return {n: self._get(n) for n in ("Count", "Label", "disable-printing", "Corners")}

    @dbus.service.method(PROPS, in_signature="ssv", out_signature="")
    def Set(self, interface, name, value):
        if name == "disable-printing":
            self.disable_printing = bool(value)
            self.PropertiesChanged(IFACE, dbus.Dictionary({name: dbus.Boolean(self.disable_printing)}, signature="sv"),
                                   dbus.Array([], signature="s"))
            return
        if name != "Count":
            raise dbus.DBusException("read-only", name="org.freedesktop.DBus.Error.PropertyReadOnly")
        self.count = int(value)
        self.PropertiesChanged(IFACE, dbus.Dictionary({"Count": dbus.Int32(self.count)}, signature="sv"),
                               dbus.Array([], signature="s"))

    @dbus.service.signal(PROPS, signature="sa{sv}as")
    def PropertiesChanged(self, interface, changed, invalidated):
        pass


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(sys.argv[1])
    name = dbus.service.BusName("io.github.busgen.test.Python", bus)
    service = Everything(bus, "/io/github/busgen/test/Everything")
    print("ready", flush=True)
    GLib.MainLoop().run()
    del name, service


if __name__ == "__main__":
    main()

"""A python-dbus client of the busgen service io.github.busgen.test.Everything.

Usage: /usr/bin/python3 python_client.py ADDRESS
Prints one line per check, which the test compares.
"""
import sys

import dbus

bus = dbus.bus.BusConnection(sys.argv[1])
obj = bus.get_object("io.github.busgen.test.Everything", "/io/github/busgen/test/Everything")
e = dbus.Interface(obj, "io.github.busgen.test.Everything")

basics = e.EchoBasics(dbus.Byte(255), True, dbus.Int16(-32768), dbus.UInt16(65535), dbus.Int32(-2147483648),
                      dbus.UInt32(4294967295), dbus.Int64(-2 ** 63), dbus.UInt64(2 ** 64 - 1), 0.5, "grüße",
                      dbus.ObjectPath("/a/b"), dbus.Signature("a{sv}"), dbus.String("inner", variant_level=1))
print("basics", [str(x) if isinstance(x, str) else (float(x) if isinstance(x, float) else int(x)) for x in basics])
arrays = e.EchoArrays(dbus.ByteArray(b"\x00\xff"), dbus.Array([True], signature="b"), dbus.Array([], signature="n"),
                      dbus.Array([65535], signature="q"), dbus.Array([-1], signature="i"),
                      dbus.Array([4294967295], signature="u"), dbus.Array([1], signature="x"),
                      dbus.Array([2 ** 64 - 1], signature="t"), dbus.Array([0.25], signature="d"), byte_arrays=True)
print("arrays", [bytes(arrays[0]).hex()] + [[float(v) if isinstance(v, float) else int(v) for v in a] for a in arrays[1:]])
by_name, counts = e.Nest([("one", [(1, 2)]), ("two", dbus.Array([], signature="(ii)")), ("one", [(3, 4)])],
                         {dbus.ObjectPath("/x"): {"k": dbus.Int32(1, variant_level=1)}})
print("nest", {str(k): [(int(a), int(b)) for a, b in v] for k, v in by_name.items()},
      {str(k): int(v) for k, v in counts.items()})
print("square", int(e.Square(dbus.UInt32(4294967295))))
try:
    e.Fail("missing")
except dbus.DBusException as x:
    print("error", x.get_dbus_name(), x.get_dbus_message())
props = dbus.Interface(obj, "org.freedesktop.DBus.Properties")
props.Set("io.github.busgen.test.Everything", "Count", dbus.Int32(12))
print("count", int(props.Get("io.github.busgen.test.Everything", "Count")))
props.Set("io.github.busgen.test.Everything", "disable-printing", True)
print("disable-printing", bool(props.Get("io.github.busgen.test.Everything", "disable-printing")),
      sorted(str(k) for k in props.GetAll("io.github.busgen.test.Everything")))
print("corners", [(int(a), int(b)) for a, b in props.Get("io.github.busgen.test.Everything", "Corners")])

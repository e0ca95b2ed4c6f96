#!/usr/bin/python3
"""A python-dbus (libdbus) ObjectManager client for the serving tests.

  object_manager_client.py ADDRESS NAME MANAGER_PATH COUNT

Watches InterfacesAdded and InterfacesRemoved of the object manager at MANAGER_PATH of NAME through
a proxy, as a client of the specification's "trivial client implementation" would, prints
GetManagedObjects, then "ready"; then for each of COUNT signals prints

  added PATH                 (or: removed PATH IFACE...)
    IFACE {PROPERTIES}       (added only; one line per interface)
  managed PATH...            (GetManagedObjects called again: the paths it lists now)

and finally "done". Values are in GVariant text with every variant annotated (see
signal_subscriber.py). Exits with status 1 after 30 seconds without all signals.
"""
import os
import sys

import dbus
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from signal_subscriber import text  # noqa: E402


def main(address, name, path, count):
    sys.stdout.reconfigure(encoding='utf-8')
    DBusGMainLoop(set_as_default=True)
    loop = GLib.MainLoop()
    bus = dbus.bus.BusConnection(address)
    manager = dbus.Interface(bus.get_object(name, path), 'org.freedesktop.DBus.ObjectManager')
    remaining = [count]

    def print_managed():
        print('managed', *sorted(str(p) for p in manager.GetManagedObjects()), flush=True)

    def counted():
        remaining[0] -= 1
        if remaining[0] == 0:
            print('done', flush=True)
            loop.quit()

    def added(object_path, interfaces):
        print('added', object_path)
        for iface, properties in interfaces.items():
            print('  ', iface, text(properties))
        print_managed()
        counted()

    def removed(object_path, interfaces):
        print('removed', object_path, *interfaces)
        print_managed()
        counted()

    manager.connect_to_signal('InterfacesAdded', added)
    manager.connect_to_signal('InterfacesRemoved', removed)

    objects = manager.GetManagedObjects()
    for object_path in sorted(objects):
        for iface, properties in objects[object_path].items():
            print('object', object_path, iface, text(properties))
    print('ready', flush=True)

    failed = []

    def timeout():
        print('timed out', flush=True)
        failed.append(True)
        loop.quit()

    GLib.timeout_add_seconds(30, timeout)
    loop.run()
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))

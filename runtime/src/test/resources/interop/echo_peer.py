#!/usr/bin/python3
"""A python-dbus (libdbus) peer for BusTypesInteropTest: a service, and a client on request.

  echo_peer.py ADDRESS NAME SIGNATURE...

Connects to the bus at ADDRESS, owns NAME and exports, at /io/github/busgen/test/Echo with the
interface io.github.busgen.test.Echo, for the N-th SIGNATURE (counting from 0):

  EchoN(SIGNATURE) -> SIGNATURE
      answers the arguments it got: python-dbus unmarshals them into its own types and marshals
      them again by the declared out signature.
  RelayN(s destination, SIGNATURE) -> SIGNATURE
      acts as a python-dbus client: calls EchoN at the same path and interface on DESTINATION
      with the arguments it got, and answers what DESTINATION answered.

Then prints "ready UNIQUE_NAME" and runs until it is killed.
"""
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

PATH = '/io/github/busgen/test/Echo'
IFACE = 'io.github.busgen.test.Echo'


def echo_method(n, signature):
    count = len(list(dbus.Signature(signature)))
    params = ', '.join('a%d' % i for i in range(count))
    result = params if count == 1 else '(%s,)' % params
    namespace = {}
    exec('def Echo%d(self, %s):\n    return %s\n' % (n, params, result), namespace)
    return dbus.service.method(IFACE, in_signature=signature, out_signature=signature)(namespace['Echo%d' % n])


def relay_method(n, signature):
    count = len(list(dbus.Signature(signature)))
    params = ', '.join('a%d' % i for i in range(count))
    namespace = {'relay': relay, 'n': n, 'signature': signature}
    exec('def Relay%d(self, destination, %s):\n    return relay(self, destination, n, signature, [%s])\n'
         % (n, params, params), namespace)
    return dbus.service.method(IFACE, in_signature='s' + signature, out_signature=signature)(
        namespace['Relay%d' % n])


def relay(service, destination, n, signature, args):
    # libdbus waits for this reply on the main loop's thread; other messages queue meanwhile
    return service.connection.call_blocking(destination, PATH, IFACE, 'Echo%d' % n, signature, args, timeout=20)


def main(address, name, signatures):
    sys.stdout.reconfigure(encoding='utf-8')
    DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(address)
    methods = {}
    for n, signature in enumerate(signatures):
        methods['Echo%d' % n] = echo_method(n, signature)
        methods['Relay%d' % n] = relay_method(n, signature)
    # dbus.service's metaclass collects the decorated methods when the class is made
    echo_class = type('Echo', (dbus.service.Object,), methods)
    echo_class(dbus.service.BusName(name, bus, do_not_queue=True), PATH)
    print('ready', bus.get_unique_name(), flush=True)
    GLib.MainLoop().run()


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3:])

#!/usr/bin/python3
"""A python-dbus (libdbus) receiver for LibdbusAcceptsOurMessagesTest.

  signal_subscriber.py ADDRESS INTERFACE

Connects to the bus, subscribes to the signals of INTERFACE, prints "ready UNIQUE_NAME", then
prints each signal it receives as

  signal MEMBER SIGNATURE
  arg VALUE                  (one line per argument, in GVariant text with every variant annotated)
  end

until the signal named Done, when it prints "done" and exits. If the bus drops the connection it
prints "disconnected" and exits with status 1.
"""
import sys

import dbus
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

CODES = {dbus.Byte: 'y', dbus.Boolean: 'b', dbus.Int16: 'n', dbus.UInt16: 'q', dbus.Int32: 'i',
         dbus.UInt32: 'u', dbus.Int64: 'x', dbus.UInt64: 't', dbus.Double: 'd', dbus.String: 's',
         dbus.ObjectPath: 'o', dbus.Signature: 'g', dbus.types.UnixFd: 'h'}


def signature(value):
    """The D-Bus type of a received value, not counting the variants around it."""
    if type(value) in CODES:
        return CODES[type(value)]
    if isinstance(value, dbus.Dictionary):
        return 'a{%s}' % value.signature
    if isinstance(value, dbus.Array):
        return 'a' + value.signature
    if isinstance(value, dbus.Struct):
        return '(' + ''.join('v' if f.variant_level else signature(f) for f in value) + ')'
    raise TypeError('unexpected %r' % (value,))


def quote(text):
    out = []
    for c in text:
        if c in '\\\'':
            out.append('\\' + c)
        elif ord(c) < 0x20 or ord(c) == 0x7f:
            out.append('\\u%04x' % ord(c))
        else:
            out.append(c)
    return "'" + ''.join(out) + "'"


def text(value, levels=None):
    """GVariant text of value; a value received inside variants (variant_level > 0) is written
    inside as many <...>, each annotated with the type it holds."""
    levels = value.variant_level if levels is None else levels
    if levels > 0:
        held = 'v' if levels > 1 else signature(value)
        return '<@%s %s>' % (held, text(value, levels - 1))
    if isinstance(value, dbus.Boolean):
        return 'true' if value else 'false'
    if isinstance(value, dbus.Double):
        return repr(float(value))
    if isinstance(value, (dbus.String, dbus.ObjectPath, dbus.Signature)):
        return quote(str(value))
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, dbus.Dictionary):
        return '{' + ', '.join('%s: %s' % (text(k), text(v)) for k, v in value.items()) + '}'
    if isinstance(value, dbus.Array):
        return '[' + ', '.join(text(v) for v in value) + ']'
    if isinstance(value, dbus.Struct):
        return '(' + ', '.join(text(v) for v in value) + ')'
    raise TypeError('unexpected %r' % (value,))


def main(address, interface):
    sys.stdout.reconfigure(encoding='utf-8')
    DBusGMainLoop(set_as_default=True)
    loop = GLib.MainLoop()
    bus = dbus.bus.BusConnection(address)

    def on_message(connection, message):
        if message.get_type() != 4 or message.get_interface() != interface:
            return
        if message.get_member() == 'Done':
            print('done', flush=True)
            loop.quit()
            return
        print('signal', message.get_member(), message.get_signature() or '-')
        for value in message.get_args_list():
            print('arg', text(value))
        print('end', flush=True)

    disconnected = []

    def on_disconnect(connection):
        print('disconnected', flush=True)
        disconnected.append(True)
        loop.quit()

    bus.call_on_disconnection(on_disconnect)
    bus.add_message_filter(on_message)
    bus.add_match_string("type='signal',interface='%s'" % interface)  # returns once the bus has it
    print('ready', bus.get_unique_name(), flush=True)
    loop.run()
    sys.exit(1 if disconnected else 0)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])

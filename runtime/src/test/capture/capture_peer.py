#!/usr/bin/python3
"""Helper for capture.sh: the python-dbus (libdbus) peers whose messages are captured, a GLib
(Gio.DBusMessage) sender of big-endian messages, and the splitter that cuts dbus-monitor's binary
stream into one file per message.

  capture_peer.py service ADDRESS              python-dbus service org.busgen.Capture, until Quit()
  capture_peer.py client ADDRESS WHAT          one python-dbus client action (see client())
  capture_peer.py gio-big-endian ADDRESS SIGNAL_BODY CALL_BODY
                                               a signal and a call, big-endian, made by GDBus
  capture_peer.py split STREAM OUTDIR PICKS    one .bin per line of PICKS (see split())
  capture_peer.py check DIR                    each DIR/*.expected against GLib's reading of its .bin

The splitter and the check read messages with GLib's own parser (Gio.DBusMessage), not with busgen.
"""
import os
import sys

NAME = 'org.busgen.Capture'
PATH = '/org/busgen/Capture'
IFACE = 'org.busgen.Capture'
MARK_IFACE = 'org.busgen.Capture.Marker'


def service(address):
    import dbus
    import dbus.service
    from dbus.mainloop.glib import DBusGMainLoop
    from gi.repository import GLib

    DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(address)
    loop = GLib.MainLoop()

    class Boom(dbus.DBusException):
        _dbus_error_name = 'org.busgen.Capture.Error.Boom'

    class Capture(dbus.service.Object):
        # The echoing methods return exactly what they received: the replies carry the callers'
        # values, marshalled again by libdbus.
        @dbus.service.method(IFACE, in_signature='ybnqiuxtdsog', out_signature='ybnqiuxtdsog')
        def Basics(self, y, b, n, q, i, u, x, t, d, s, o, g):
            return y, b, n, q, i, u, x, t, d, s, o, g

        @dbus.service.method(IFACE, in_signature='a(sa{sv})a{sa{sv}}aa(ii)',
                             out_signature='a(sa{sv})a{sa{sv}}aa(ii)')
        def Nested(self, structs, dicts, arrays):
            return structs, dicts, arrays

        @dbus.service.method(IFACE, in_signature='ata(ii)a{sv}adaxy', out_signature='ata(ii)a{sv}adaxy')
        def Empty(self, at, aii, asv, ad, ax, y):
            return at, aii, asv, ad, ax, y

        @dbus.service.method(IFACE, in_signature='vvvv', out_signature='vvvv')
        def Variants(self, v1, v2, v3, v4):
            return v1, v2, v3, v4

        @dbus.service.method(IFACE, in_signature='', out_signature='')
        def Fail(self):
            raise Boom('b\u00f8om \u2713: it failed')

        @dbus.service.method(IFACE, in_signature='s', out_signature='')
        def Notify(self, text):
            pass

        @dbus.service.method(IFACE, in_signature='', out_signature='s')
        def Anonymous(self):
            return 'no interface'

        # Any signature, an empty reply.
        @dbus.service.method(IFACE, in_signature=None, out_signature='')
        def Take(self, *args):
            pass

        @dbus.service.method(IFACE, in_signature='h', out_signature='')
        def TakeFd(self, fd):
            os.close(fd.take())

        @dbus.service.method(IFACE, in_signature='', out_signature='')
        def Quit(self):
            GLib.idle_add(loop.quit)

    name = dbus.service.BusName(NAME, bus)
    obj = Capture(bus, PATH)
    print('ready', flush=True)
    loop.run()
    del obj, name


def client(address, what):
    """One action per run, so that each lands in its own capture step."""
    import dbus
    import tempfile

    bus = dbus.bus.BusConnection(address)
    proxy = bus.get_object(NAME, PATH, introspect=False)
    take = proxy.get_dbus_method('Take', IFACE)

    if what == 'nested':
        # arrays of structs of dicts, a dict of dicts, arrays of arrays, a struct in a struct
        take(dbus.Array([dbus.Struct((dbus.String('first'),
                                      dbus.Dictionary({'n': dbus.Int32(1, variant_level=1),
                                                       's': dbus.String('\u00e9', variant_level=1)},
                                                      signature='sv'))),
                         dbus.Struct((dbus.String('second'), dbus.Dictionary({}, signature='sv')))],
                        signature='(sa{sv})'),
             dbus.Dictionary({'outer': dbus.Dictionary({'x': dbus.UInt64(18446744073709551615, variant_level=1)},
                                                       signature='sv')},
                             signature='sa{sv}'),
             dbus.Array([dbus.Array([dbus.Struct((dbus.Int32(1), dbus.Int32(2)))], signature='(ii)'),
                         dbus.Array([], signature='(ii)')],
                        signature='a(ii)'),
             dbus.Struct((dbus.Byte(7), dbus.Struct((dbus.Double(1e308), dbus.Int16(-32768))))),
             signature='a(sa{sv})a{sa{sv}}aa(ii)(y(dn))')
    elif what == 'variants':
        # variants of variants, and variants holding containers
        take(dbus.Int64(-9223372036854775808, variant_level=3),
             dbus.Array([dbus.String('a'), dbus.String('b')], signature='s', variant_level=1),
             dbus.Struct((dbus.ObjectPath('/x'), dbus.Signature('a{sv}')), variant_level=2),
             dbus.Dictionary({dbus.UInt32(4294967295): dbus.Boolean(False)}, signature='ub', variant_level=1),
             signature='vvvv')
    elif what == 'no-interface':
        # python-dbus leaves the INTERFACE header field out when no interface is given
        proxy.Anonymous()
    elif what == 'unix-fd':
        # the message carries UNIX_FDS 1 and, in the body, the index 0
        with tempfile.TemporaryFile() as f:
            proxy.get_dbus_method('TakeFd', IFACE)(dbus.types.UnixFd(f.fileno()))
    elif what == 'signal':
        msg = dbus.lowlevel.SignalMessage(PATH, IFACE, 'Rich')
        msg.append(dbus.Dictionary({'org.busgen.Iface': dbus.Dictionary(
                                        {'Count': dbus.Int32(3, variant_level=1),
                                         'Name': dbus.String('h\u00e9llo w\u00f6rld \u2713 \U0001F600',
                                                             variant_level=1)},
                                        signature='sv'),
                                    'empty': dbus.Dictionary({}, signature='sv')},
                                   signature='sa{sv}'),
                   dbus.Array([dbus.Struct((dbus.ObjectPath('/a/b'), dbus.ByteArray(b'\x00\x01\xff'))),
                               dbus.Struct((dbus.ObjectPath('/'), dbus.ByteArray(b'')))],
                              signature='(oay)'),
                   signature='a{sa{sv}}a(oay)')
        bus.send_message(msg)
        bus.flush()
    elif what == 'quit':
        proxy.get_dbus_method('Quit', IFACE)()
    else:
        sys.exit('unknown client action ' + what)
    bus.close()


def gio_big_endian(address, signal_body, call_body):
    from gi.repository import Gio, GLib

    conn = Gio.DBusConnection.new_for_address_sync(
        address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
        None, None)
    sig = Gio.DBusMessage.new_signal(PATH, IFACE, 'BigEndian')
    sig.set_body(GLib.Variant.parse(None, signal_body, None, None))
    sig.set_byte_order(Gio.DBusMessageByteOrder.BIG_ENDIAN)
    conn.send_message(sig, Gio.DBusSendMessageFlags.NONE)

    call = Gio.DBusMessage.new_method_call(NAME, PATH, IFACE, 'Basics')
    call.set_body(GLib.Variant.parse(None, call_body, None, None))
    call.set_byte_order(Gio.DBusMessageByteOrder.BIG_ENDIAN)
    reply, _ = conn.send_message_with_reply_sync(call, Gio.DBusSendMessageFlags.NONE, 5000, None)
    reply.to_gerror()
    conn.flush_sync(None)


TYPES = {'call': 1, 'return': 2, 'error': 3, 'signal': 4}


def split(stream_path, outdir, picks_path):
    """Cuts the monitor's stream at capture.sh's marker signals (interface MARK_IFACE, member Step,
    one string: the step's name) and writes the messages PICKS names, one per line:

        STEP SELECTOR FILE

    SELECTOR is call:MEMBER or signal:MEMBER (the step's first such message), optionally
    :ARG0 to require that first string argument, or return:MEMBER or error:MEMBER (the reply to
    the step's first call of MEMBER).
    """
    from gi.repository import Gio

    data = open(stream_path, 'rb').read()
    steps = {}
    step = None
    pos = 0
    while pos < len(data):
        n = Gio.DBusMessage.bytes_needed(data[pos:pos + 16])
        blob = data[pos:pos + n]
        msg = Gio.DBusMessage.new_from_blob(blob, Gio.DBusCapabilityFlags.UNIX_FD_PASSING)
        pos += n
        if msg.get_interface() == MARK_IFACE and msg.get_member() == 'Step':
            step = msg.get_body().unpack()[0]
            steps[step] = []
        elif step is not None:
            steps[step].append((msg, blob))

    def first(step_name, kind, member, arg0=None):
        for m, b in steps[step_name]:
            if int(m.get_message_type()) == TYPES[kind] and m.get_member() == member:
                body = m.get_body()
                if arg0 is None or (body is not None and body.get_child_value(0).unpack() == arg0):
                    return m, b
        return None, None

    for line in open(picks_path):
        words = line.split('#')[0].split()
        if not words:
            continue
        step_name, selector, out = words
        kind, member, *arg0 = selector.split(':', 2)
        if kind in ('call', 'signal'):
            _, found = first(step_name, kind, member, *arg0)
        else:
            call, _ = first(step_name, 'call', member)
            found = None
            for m, b in steps[step_name] if call is not None else []:
                if (int(m.get_message_type()) == TYPES[kind] and m.get_reply_serial() == call.get_serial()
                        and m.get_destination() == call.get_sender()):
                    found = b
                    break
        if found is None:
            sys.exit('capture_peer.py: no %s in step %s' % (selector, step_name))
        with open(os.path.join(outdir, out), 'wb') as f:
            f.write(found)
        print('%-44s %4d bytes' % (out, len(found)))


def check(directory):
    """Compares each hand-written .expected with GLib's reading of its .bin: the header fields, and
    the body against GLib.Variant.parse of the arg lines (GVariant text). Exits 1 on a difference."""
    import glob
    from gi.repository import Gio, GLib

    names = {1: 'METHOD_CALL', 2: 'METHOD_RETURN', 3: 'ERROR', 4: 'SIGNAL'}
    problems = 0
    for expected_path in sorted(glob.glob(os.path.join(directory, '*.expected'))):
        name = os.path.basename(expected_path)[:-len('.expected')]
        expected, args = {}, []
        for line in open(expected_path, encoding='utf-8'):
            key, _, value = line.rstrip('\n').partition(' ')
            if not key or key.startswith('#'):
                continue
            if key == 'arg':
                args.append(value)
            else:
                expected[key] = value.strip()
        blob = open(os.path.join(directory, name + '.bin'), 'rb').read()
        m = Gio.DBusMessage.new_from_blob(blob, Gio.DBusCapabilityFlags.UNIX_FD_PASSING)
        read = {'byte_order': chr(blob[0]), 'type': names[int(m.get_message_type())],
                'flags': '0x%x' % int(m.get_flags()), 'serial': str(m.get_serial()),
                'reply_serial': str(m.get_reply_serial() or '-'), 'path': m.get_path(),
                'interface': m.get_interface(), 'member': m.get_member(), 'error_name': m.get_error_name(),
                'destination': m.get_destination(), 'sender': m.get_sender(), 'signature': m.get_signature(),
                'unix_fds': str(m.get_num_unix_fds())}
        for key, value in read.items():
            if expected.get(key) != (value or '-'):
                print('%s: %s is %s, GLib reads %s' % (name, key, expected.get(key), value or '-'))
                problems += 1
        if m.get_signature():
            tuple_text = '(' + ', '.join(args) + (',' if len(args) == 1 else '') + ')'
            want = GLib.Variant.parse(GLib.VariantType('(' + m.get_signature() + ')'), tuple_text, None, None)
            if not want.equal(m.get_body()):
                print('%s: body\n  expected   %s\n  GLib reads %s' % (name, want.print_(True), m.get_body().print_(True)))
                problems += 1
        elif args:
            print('%s: arg lines but no body' % name)
            problems += 1
    print('%d problems' % problems)
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    modes = {'service': service, 'client': client, 'gio-big-endian': gio_big_endian, 'split': split, 'check': check}
    if len(sys.argv) < 2 or sys.argv[1] not in modes:
        sys.exit(__doc__)
    modes[sys.argv[1]](*sys.argv[2:])

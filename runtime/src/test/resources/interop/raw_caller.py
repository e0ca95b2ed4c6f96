#!/usr/bin/python3
"""A python-dbus (libdbus) caller that sets header fields and flags by hand, for the serving tests.

  raw_caller.py ADDRESS DESTINATION < CALLS

CALLS holds one JSON object per line, done in order, each after the previous one's answer:

  {"path": "/p", "interface": "i" or null, "member": "M", "signature": "su", "args": [...],
   "no_reply": true or false}

A call with "no_reply" is sent with the NO_REPLY_EXPECTED flag ("sent N"); any other waits for its
answer ("reply N VALUE..." or "error N NAME MESSAGE"). A null interface leaves the INTERFACE field
out. Values are in GVariant text (see signal_subscriber.py). First prints "ready UNIQUE_NAME"; at
the end prints "stray ..." for each answer to a call sent with NO_REPLY_EXPECTED (there must be
none), then "done". Answers come in order, so a stray answer arrives before the answer to a later
call from a service that answers in order.
"""
import json
import os
import sys

import dbus
import dbus.lowlevel
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from signal_subscriber import text  # noqa: E402


def main(address, destination):
    sys.stdout.reconfigure(encoding='utf-8')
    calls = [json.loads(line) for line in sys.stdin if line.strip()]
    DBusGMainLoop(set_as_default=True)
    loop = GLib.MainLoop()
    bus = dbus.bus.BusConnection(address)
    print('ready', bus.get_unique_name(), flush=True)
    no_reply_serials = set()
    strays = []

    def on_message(connection, message):
        if isinstance(message, (dbus.lowlevel.MethodReturnMessage, dbus.lowlevel.ErrorMessage)) \
                and message.get_reply_serial() in no_reply_serials:
            strays.append('stray %s reply_serial=%d %s' % (
                type(message).__name__, message.get_reply_serial(), message.get_error_name() or ''))

    bus.add_message_filter(on_message)

    def finish():
        for s in strays:
            print(s)
        print('done', flush=True)
        loop.quit()

    def run(i):
        if i == len(calls):
            finish()
            return
        c = calls[i]
        message = dbus.lowlevel.MethodCallMessage(destination, c['path'], c.get('interface'), c['member'])
        if c.get('signature'):
            message.append(*c.get('args', []), signature=c['signature'])
        if c.get('no_reply'):
            message.set_no_reply(True)
            no_reply_serials.add(bus.send_message(message))
            print('sent', i, flush=True)
            run(i + 1)
            return

        def on_reply(reply):
            if isinstance(reply, dbus.lowlevel.ErrorMessage):
                print('error', i, reply.get_error_name(), *[str(a) for a in reply.get_args_list()], flush=True)
            else:
                print('reply', i, *[text(a) for a in reply.get_args_list()], flush=True)
            run(i + 1)

        bus.send_message_with_reply(message, on_reply, require_main_loop=True)

    failed = []

    def timeout():
        print('timed out', flush=True)
        failed.append(True)
        loop.quit()

    GLib.idle_add(lambda: run(0))
    GLib.timeout_add_seconds(30, timeout)
    loop.run()
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])

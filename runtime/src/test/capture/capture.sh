#!/bin/bash
# Captures D-Bus messages made by programs busgen did not write (GDBus, sd-bus, libdbus through
# dbus-send and python-dbus, and dbus-daemon itself) on a private dbus-daemon, and stores each
# chosen message as one .bin file of its exact bytes.
#
#   runtime/src/test/capture/capture.sh [OUTDIR]     (default: runtime/src/test/resources/captured)
#
# Needs dbus-daemon, dbus-monitor, dbus-send, gdbus, busctl and /usr/bin/python3 with python-dbus
# and gi (apt-get install dbus-daemon dbus-bin libglib2.0-bin systemd python3-dbus python3-gi).
# The session and system buses are never used: every tool gets the private bus's address.
#
# How: one dbus-monitor --binary records everything the daemon routes. Before each step a marker
# signal (org.busgen.Capture.Marker.Step, the step's name) goes out, so the splitter can tell the
# steps apart; capture_peer.py split then picks messages by step, type and member (capture.picks)
# and writes them. The .expected sidecars are written by hand from the commands below, not from
# the captures.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../resources/captured}
py=/usr/bin/python3
peer=$here/capture_peer.py
work=$(mktemp -d)
pids=()

cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

poll() { # poll WHAT COMMAND...: runs COMMAND every 0.1 s until it succeeds, for at most 10 s
    local what=$1
    shift
    for _ in $(seq 100); do
        "$@" && return 0
        sleep 0.1
    done
    echo "capture.sh: timed out waiting for $what" >&2
    exit 1
}
wait_for() { poll "$1" test -s "$1"; } # wait_for FILE: until FILE is not empty

cat > "$work/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <listen>unix:path=$work/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_type="method_call"/>
    <allow send_type="signal"/>
    <allow send_requested_reply="true" send_type="method_return"/>
    <allow send_requested_reply="true" send_type="error"/>
    <allow receive_type="method_call"/>
    <allow receive_type="method_return"/>
    <allow receive_type="error"/>
    <allow receive_type="signal"/>
    <allow eavesdrop="true"/>
    <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Monitoring"/>
  </policy>
</busconfig>
CONF

dbus-daemon --config-file="$work/bus.conf" --nofork --print-address=3 3>"$work/address" 2>"$work/daemon.log" &
pids+=($!)
wait_for "$work/address"
bus=unix:path=$work/bus

dbus-monitor --address "$bus" --binary > "$work/stream.bin" 2>"$work/monitor.log" &
pids+=($!)
wait_for "$work/stream.bin" # the monitor's own NameAcquired: it is listening

# A message sent without awaiting a reply may reach the monitor after the next step's marker, which
# comes from another connection; so after each one, wait until the monitor has it (TEXT is unique).
seen() { poll "the monitor to see '$1'" env LC_ALL=C grep -aqF "$1" "$work/stream.bin"; } # seen TEXT

mark() { dbus-send --bus="$bus" --type=signal / org.busgen.Capture.Marker.Step string:"$1"; }
call() { gdbus call --address "$bus" --dest org.busgen.Capture --object-path /org/busgen/Capture --method "$@"; }

# --- dbus-daemon's own messages, while the python-dbus service starts -----------------------------
mark daemon
"$py" "$peer" service "$bus" > "$work/service.out" &
pids+=($!)
wait_for "$work/service.out"

# --- GDBus (gdbus call/emit; GVariant text arguments) -----------------------------------------------
mark gdbus-basics
call org.busgen.Capture.Basics -- 'byte 255' true 'int16 -32768' 'uint16 65535' 'int32 -2147483648' \
    'uint32 4294967295' 'int64 -9223372036854775808' 'uint64 18446744073709551615' -0.0 \
    "'héllo wörld ✓ 😀'" "objectpath '/org/busgen/a_b/C9'" "signature 'a{sv}(ii)v'" > /dev/null
mark gdbus-nested
call org.busgen.Capture.Nested "[('first', {'n': <int32 1>, 's': <'é'>}), ('second', {})]" \
    "{'outer': {'x': <uint64 18446744073709551615>}, 'none': {}}" '[[(1, 2), (-3, 4)], []]' > /dev/null
mark gdbus-empty
call org.busgen.Capture.Empty '@at []' '@a(ii) []' '@a{sv} {}' '@ad []' '@ax []' 'byte 0x2a' > /dev/null
mark gdbus-variants
call org.busgen.Capture.Variants '<<<int32 7>>>' "<@a{sv} {'k': <1e308>}>" "<(byte 0x01, <objectpath '/'>)>" \
    "<@aay [b'ab', []]>" > /dev/null
mark gdbus-fail
call org.busgen.Capture.Fail > /dev/null 2>&1 || true
# gdbus emit says Hello only when given --dest: without it the daemon gets the signal from an
# unregistered connection (dbus-monitor shows it from ":not.active.yet") and drops the connection.
# gdbus emit --dest takes a unique name only.
owner=$(dbus-send --bus="$bus" --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.GetNameOwner string:org.busgen.Capture | tr -d ' ')
mark gdbus-emit
gdbus emit --address "$bus" --dest "$owner" --object-path /org/busgen/Capture --signal org.busgen.Capture.Changed \
    "{'Count': <uint32 4294967295>, 'Ratio': <-0.0>}" "['x', 'ÿ']"
seen Ratio

# --- GDBus big-endian (Gio.DBusMessage.set_byte_order through python3-gi) --------------------------
mark gio-big-endian
"$py" "$peer" gio-big-endian "$bus" \
    "(uint64 18446744073709551615, 'héllo ✓', @a(ii) [], <<int16 -2>>, [(int64 -9223372036854775808, 1.5)])" \
    "(byte 0, false, int16 32767, uint16 0, int32 2147483647, uint32 0, int64 9223372036854775807, uint64 0, -1.7976931348623157e308, '', objectpath '/', signature '')"

# --- sd-bus (busctl call/emit) ----------------------------------------------------------------------
bc=(busctl --address="$bus")
mark busctl-basics
"${bc[@]}" call -- org.busgen.Capture /org/busgen/Capture org.busgen.Capture Basics ybnqiuxtdsog \
    255 true -32768 65535 -2147483648 4294967295 -9223372036854775808 18446744073709551615 1e308 \
    "héllo wörld ✓ 😀" /org/busgen/x_1 "a(sv)" > /dev/null
mark busctl-nested
"${bc[@]}" call -- org.busgen.Capture /org/busgen/Capture org.busgen.Capture Nested 'a(sa{sv})a{sa{sv}}aa(ii)' \
    2 first 2 n i 1 s s "é" second 0 2 outer 1 x t 18446744073709551615 none 0 2 2 1 2 -3 4 0 > /dev/null
mark busctl-empty
"${bc[@]}" call -- org.busgen.Capture /org/busgen/Capture org.busgen.Capture Empty 'ata(ii)a{sv}adaxy' \
    0 0 0 0 0 42 > /dev/null
mark busctl-variants
"${bc[@]}" call -- org.busgen.Capture /org/busgen/Capture org.busgen.Capture Variants vvvv \
    v v i 7 'a{sv}' 1 k d 1e308 '(yv)' 1 o / aay 2 2 97 98 0 > /dev/null
mark busctl-no-reply
"${bc[@]}" call --expect-reply=no --auto-start=no -- org.busgen.Capture /org/busgen/Capture \
    org.busgen.Capture Notify s "no reply"
seen "no reply"
mark busctl-emit
"${bc[@]}" emit -- /org/busgen/Capture org.busgen.Capture Changed 'a{sv}as' 2 Level u 4294967295 Scale d -0.0 0
seen Scale

# --- libdbus (dbus-send) ----------------------------------------------------------------------------
ds=(dbus-send --bus="$bus")
mark dbus-send-basics
"${ds[@]}" --print-reply --dest=org.busgen.Capture /org/busgen/Capture org.busgen.Capture.Take \
    byte:255 boolean:true int16:-32768 uint16:65535 int32:-2147483648 uint32:4294967295 \
    int64:-9223372036854775808 uint64:18446744073709551615 double:-0.0 string:"héllo wörld ✓ 😀" \
    objpath:/org/busgen/a > /dev/null
mark dbus-send-containers
"${ds[@]}" --print-reply --dest=org.busgen.Capture /org/busgen/Capture org.busgen.Capture.Take \
    array:int64: array:string:a,b dict:string:double:one,1.5,two,-0.0 variant:uint64:18446744073709551615 \
    dict:int32:string: > /dev/null
mark dbus-send-no-print-reply
"${ds[@]}" --type=method_call --dest=org.busgen.Capture /org/busgen/Capture org.busgen.Capture.Notify string:"fire and forget"
seen "fire and forget"
mark dbus-send-signal
"${ds[@]}" --type=signal /org/busgen/Capture org.busgen.Capture.Ping
seen Ping
mark dbus-send-service-unknown
"${ds[@]}" --print-reply --dest=org.busgen.Nobody /org/busgen/Nobody org.busgen.Nobody.Anyone > /dev/null 2>&1 || true

# --- python-dbus (libdbus) clients --------------------------------------------------------------------
for what in nested variants no-interface unix-fd signal; do
    mark "python-$what"
    "$py" "$peer" client "$bus" "$what"
done
seen org.busgen.Iface # the python signal

mark end
"$py" "$peer" client "$bus" quit
# dbus-monitor writes each message as it arrives: wait for one last marker
mark capture-complete
seen capture-complete

mkdir -p "$out"
if [ -n "${CAPTURE_STREAM:-}" ]; then
    cp "$work/stream.bin" "$CAPTURE_STREAM" # the whole stream, for debugging
fi
"$py" "$peer" split "$work/stream.bin" "$out" "$here/capture.picks"
# the hand-written .expected files (if OUTDIR has them) against GLib's reading of the new captures
"$py" "$peer" check "$out"

package io.github.busgen.serving;

import io.github.busgen.testing.Programs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code dbus-monitor --address ADDR}, read as it runs: every message on the bus as dbus-monitor
 * prints it, parsed into header fields and body text. This is the wire as a third party sees it.
 *
 * <pre>
 * method call time=.. sender=:1.42 -> destination=io.x serial=2 path=/p; interface=i; member=M
 *    string "arg"
 * error time=.. sender=:1.0 -> destination=:1.42 error_name=org.x.Error reply_serial=2
 *    string "message"
 * </pre>
 */
final class Monitor implements AutoCloseable {
    private static final Pattern FIELD = Pattern.compile("(\\w+)=([^ ;]*)");

    /** One message as dbus-monitor printed it. */
    static final class Seen {
        /** "method call", "method return", "error" or "signal". */
        final String type;
        final Map<String, String> fields;
        /** The body lines, trimmed and with runs of spaces folded: {@code string "a" array [ ... ]}. */
        final String body;

        Seen(String type, Map<String, String> fields, String body) {
            this.type = type;
            this.fields = fields;
            this.body = body;
        }

        String get(String field) {
            return fields.get(field);
        }

        /** The text of a body that is one string: {@code string "text"} gives {@code text}. */
        String onlyString() {
            if (!body.startsWith("string \"") || !body.endsWith("\"")) {
                throw new AssertionError("expected one string in " + this);
            }
            return body.substring("string \"".length(), body.length() - 1);
        }

        boolean is(String type, String member) {
            return this.type.equals(type) && (member == null || member.equals(get("member")));
        }

        /** Whether this answers {@code call} (a method return or error to its sender with its serial). */
        boolean answers(Seen call) {
            return (type.equals("method return") || type.equals("error"))
                    && call.get("serial").equals(get("reply_serial")) && call.get("sender").equals(get("destination"));
        }

        @Override
        public String toString() {
            return type + " " + fields + (body.isEmpty() ? "" : " | " + body);
        }
    }

    private final String address;
    private final Process process;
    private final Thread reader;
    private final List<Seen> seen = new ArrayList<>(); // guarded by this
    private final StringBuilder text = new StringBuilder(); // guarded by this
    private boolean pending; // guarded by this: a header has come whose message may still grow
    private int pendingNumber; // guarded by this: counts headers, to nudge once per pending message
    private boolean ended; // guarded by this

    private Monitor(String address, Process process) {
        this.address = address;
        this.process = process;
        this.reader = new Thread(this::read, "dbus-monitor-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Starts dbus-monitor on the bus at {@code address}, with optional match rules, and returns
     * once it is a monitor: the bus takes its unique name away (NameLost) when it becomes one.
     */
    static Monitor start(String address, String... rules) {
        List<String> cmd = new ArrayList<>(List.of(Programs.dbusMonitor(), "--address", address));
        cmd.addAll(List.of(rules));
        try {
            Monitor m = new Monitor(address, new ProcessBuilder(cmd).redirectErrorStream(true).start());
            m.await("dbus-monitor to become a monitor", s -> s.is("signal", "NameLost"));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads dbus-monitor's lines. A message is its header line and the indented body lines after
     * it, written line by line; nothing marks its end but the next header (or the end of output),
     * so a message counts as seen only then. See {@link #nudge()} for the last one.
     */
    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String header = null;
            List<String> body = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (this) {
                    text.append(line).append('\n');
                }
                if (line.startsWith(" ")) {
                    body.add(line.trim());
                    continue;
                }
                if (header != null) {
                    add(header, body);
                }
                header = line.contains(" time=") ? line : null; // else not a message: text only
                body = new ArrayList<>();
                if (header != null) {
                    synchronized (this) {
                        pending = true;
                        pendingNumber++;
                    }
                }
            }
            if (header != null) {
                add(header, body);
            }
        } catch (IOException e) {
            synchronized (this) {
                text.append("(reading failed: ").append(e).append(")\n");
            }
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private void add(String header, List<String> body) {
        Map<String, String> fields = new HashMap<>();
        Matcher m = FIELD.matcher(header.replace("(null destination)", "-"));
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        Seen s = new Seen(header.substring(0, header.indexOf(" time=")), fields,
                String.join(" ", body).trim().replaceAll(" +", " "));
        synchronized (this) {
            seen.add(s);
            pending = false;
            notifyAll();
        }
    }

    /**
     * Makes a little traffic on the bus (dbus-send asks the bus for its id), so that dbus-monitor
     * prints another header and the message before it counts as complete.
     */
    private void nudge() {
        Programs.run(Programs.dbusSend(), "--bus=" + address, "--print-reply", "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus", "org.freedesktop.DBus.GetId").ok();
    }

    /** Everything seen so far. */
    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    /**
     * A mark for {@link #await(int, String, Predicate)}: the number of messages printed so far,
     * counting one still growing.
     */
    synchronized int mark() {
        return seen.size() + (pending ? 1 : 0);
    }

    /** Waits until a message matching {@code what} has been seen and returns the first such. */
    Seen await(String description, Predicate<Seen> what) {
        return await(0, description, what);
    }

    /**
     * Waits until a message matching {@code what} is seen at or after {@code mark}; returns the
     * first. When the last message printed is not known to be complete and nothing has come for a
     * moment, nudges the bus once for it.
     */
    Seen await(int mark, String description, Predicate<Seen> what) {
        long deadline = System.nanoTime() + Programs.TIMEOUT.toNanos();
        int nudged = -1;
        while (true) {
            int nudge;
            synchronized (this) {
                for (Seen s : seen.subList(Math.min(mark, seen.size()), seen.size())) {
                    if (what.test(s)) {
                        return s;
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return fail("dbus-monitor never showed " + description + (ended ? " (it ended)" : "")
                            + "; it printed:\n" + text);
                }
                int progress = seen.size() + pendingNumber;
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                boolean quiet = progress == seen.size() + pendingNumber;
                nudge = quiet && pending && pendingNumber != nudged ? pendingNumber : -1;
            }
            if (nudge >= 0) {
                nudged = nudge;
                nudge(); // outside the lock: the reader needs it to record what the nudge causes
            }
        }
    }

    /** Waits for a call to the service's {@code path}, {@code iface}, {@code member} seen at or after {@code mark}. */
    Seen awaitCall(int mark, String path, String iface, String member) {
        return await(mark, "a call of " + iface + "." + member + " at " + path, s -> s.is("method call", member)
                && path.equals(s.get("path")) && iface.equals(s.get("interface")));
    }

    /** Waits for the answer (method return or error) to {@code call}. */
    Seen awaitAnswer(Seen call) {
        return await("the answer to " + call, s -> s.answers(call));
    }

    /** The messages that answer {@code call}. */
    List<Seen> answersTo(Seen call) {
        List<Seen> out = new ArrayList<>();
        for (Seen s : seen()) {
            if (s.answers(call)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Everything dbus-monitor printed so far, for failure messages. */
    synchronized String text() {
        return text.toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

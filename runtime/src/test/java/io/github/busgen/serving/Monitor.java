package io.github.busgen.serving;

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

    private final Process process;
    private final Thread reader;
    private final List<Seen> seen = new ArrayList<>(); // guarded by this
    private final StringBuilder text = new StringBuilder(); // guarded by this
    private boolean ended; // guarded by this

    private Monitor(Process process) {
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
        List<String> cmd = Tool.DBUS_MONITOR.command("--address", address);
        cmd.addAll(List.of(rules));
        try {
            Monitor m = new Monitor(new ProcessBuilder(cmd).redirectErrorStream(true).start());
            m.await("dbus-monitor to become a monitor", s -> s.is("signal", "NameLost"));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String header = null;
            List<String> body = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (this) {
                    text.append(line).append('\n');
                }
                if (!line.startsWith(" ")) {
                    if (header != null) {
                        add(header, body);
                    }
                    header = line;
                    body = new ArrayList<>();
                } else if (header != null) {
                    body.add(line.trim());
                } else {
                    addToLast(line.trim());
                }
                // dbus-monitor flushes after each whole message: nothing more to read means complete
                if (header != null && !in.ready()) {
                    add(header, body);
                    header = null;
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
        int time = header.indexOf(" time=");
        if (time < 0) {
            return; // not a message line
        }
        String type = header.substring(0, time);
        Map<String, String> fields = new HashMap<>();
        Matcher m = FIELD.matcher(header.replace("(null destination)", "-"));
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        synchronized (this) {
            seen.add(new Seen(type, fields, fold(body)));
            notifyAll();
        }
    }

    /** A body line that came in a later read than its message (a long message written in parts). */
    private synchronized void addToLast(String line) {
        if (!seen.isEmpty()) {
            Seen last = seen.remove(seen.size() - 1);
            seen.add(new Seen(last.type, last.fields, fold(List.of(last.body, line))));
            notifyAll();
        }
    }

    private static String fold(List<String> lines) {
        return String.join(" ", lines).trim().replaceAll(" +", " ");
    }

    /** Everything seen so far. */
    synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** How many messages have been seen so far: a mark for {@link #await(int, String, Predicate)}. */
    synchronized int mark() {
        return seen.size();
    }

    /** Waits until a message matching {@code what} has been seen and returns the first such. */
    Seen await(String description, Predicate<Seen> what) {
        return await(0, description, what);
    }

    /** Waits until a message matching {@code what} is seen at or after {@code mark}; returns the first. */
    Seen await(int mark, String description, Predicate<Seen> what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Tool.TIMEOUT_SECONDS);
        synchronized (this) {
            while (true) {
                for (Seen s : seen.subList(mark, seen.size())) {
                    if (what.test(s)) {
                        return s;
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return fail("dbus-monitor never showed " + description + (ended ? " (it ended)" : "")
                            + "; it printed:\n" + text);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
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

package io.github.busgen.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private dbus-daemon for one harness run: a config file in a temporary folder, listening on
 * {@code unix:path=} in that folder (never {@code unix:tmpdir}, which makes abstract sockets the JDK
 * cannot open), a permissive policy, and generous limits so that no workload is throttled by them.
 */
final class Daemon implements AutoCloseable {
    final Path dir;
    final String address;
    final Proc proc;

    private Daemon(Path dir, String address, Proc proc) {
        this.dir = dir;
        this.address = address;
        this.proc = proc;
    }

    static Daemon start(Path dir) throws IOException, InterruptedException {
        Path socket = dir.resolve("bus");
        Path config = dir.resolve("bus.conf");
        StringBuilder limits = new StringBuilder();
        for (String name : List.of("max_incoming_bytes", "max_outgoing_bytes", "max_message_size")) {
            limits.append("  <limit name=\"").append(name).append("\">1000000000</limit>\n");
        }
        for (String name : List.of("max_replies_per_connection", "max_match_rules_per_connection",
                "max_connections_per_user", "max_completed_connections")) {
            limits.append("  <limit name=\"").append(name).append("\">50000</limit>\n");
        }
        Files.writeString(config, "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                + " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                + "<busconfig>\n"
                + "  <type>busgen-bench</type>\n"
                + "  <listen>unix:path=" + socket + "</listen>\n"
                + "  <auth>EXTERNAL</auth>\n"
                + "  <policy context=\"default\">\n"
                + "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                + "    <allow eavesdrop=\"true\"/>\n"
                + "    <allow own=\"*\"/>\n"
                + "  </policy>\n"
                + limits
                + "</busconfig>\n");
        Proc p;
        try {
            p = Proc.start(List.of("dbus-daemon", "--config-file=" + config, "--nofork", "--print-address=1"),
                    dir.resolve("dbus-daemon.log"));
        } catch (IOException e) {
            throw new IOException("cannot start dbus-daemon (install it: apt-get install dbus-daemon): "
                    + e.getMessage(), e);
        }
        p.awaitLine("unix:", Duration.ofSeconds(10));
        return new Daemon(dir, "unix:path=" + socket, p);
    }

    /** The daemon's version, as it prints it. */
    static String version() {
        return Harness.firstLine("dbus-daemon", "--version");
    }

    @Override
    public void close() {
        proc.process.destroy();
        proc.close();
    }
}

package io.github.busgen.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private {@code dbus-daemon} for one test: its own configuration in a temporary directory,
 * listening on {@code unix:path=<dir>/bus} (never {@code unix:tmpdir}, whose abstract sockets the
 * JDK cannot open), with a policy that allows everything, monitoring included. {@link #close()}
 * stops it and deletes the directory. The session and system buses are never touched.
 *
 * <p>When {@code dbus-daemon} is not installed, {@link #start()} fails the test with the command
 * that installs what the interoperability tests need: tests do not skip.
 */
public final class DaemonProcess implements AutoCloseable {
    /** What to install when a tool is missing. */
    public static final String INSTALL_HINT = "apt-get install dbus-daemon python3-dbus python3-gi";

    private final Process process;
    private final Path directory;
    private final String address;

    private DaemonProcess(Process process, Path directory, String address) {
        this.process = process;
        this.directory = directory;
        this.address = address;
    }

    /** Starts a daemon and returns once it listens. */
    public static DaemonProcess start() throws IOException {
        String executable = findOnPath("dbus-daemon");
        if (executable == null) {
            throw new AssertionError("dbus-daemon is not installed; these tests need a private bus: " + INSTALL_HINT);
        }
        Path dir = Files.createTempDirectory("busgen-daemon");
        Path socket = dir.resolve("bus");
        Path config = dir.resolve("bus.conf");
        Files.writeString(config, String.join("\n",
                "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"",
                " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">",
                "<busconfig>",
                "  <listen>unix:path=" + socket + "</listen>",
                "  <auth>EXTERNAL</auth>",
                "  <policy context=\"default\">",
                "    <allow user=\"*\"/>",
                "    <allow own=\"*\"/>",
                "    <allow send_type=\"method_call\"/>",
                "    <allow send_type=\"signal\"/>",
                "    <allow send_requested_reply=\"true\" send_type=\"method_return\"/>",
                "    <allow send_requested_reply=\"true\" send_type=\"error\"/>",
                "    <allow receive_type=\"method_call\"/>",
                "    <allow receive_type=\"method_return\"/>",
                "    <allow receive_type=\"error\"/>",
                "    <allow receive_type=\"signal\"/>",
                "    <allow eavesdrop=\"true\"/>",
                "    <allow send_destination=\"org.freedesktop.DBus\" send_interface=\"org.freedesktop.DBus.Monitoring\"/>",
                "  </policy>",
                "</busconfig>", ""));
        Path log = dir.resolve("daemon.log");
        Process p = new ProcessBuilder(executable, "--config-file=" + config, "--nofork", "--print-address=1")
                .redirectError(log.toFile())
                .start();
        // The daemon prints its address once it listens; reading it is the only wait needed.
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("unix:path=" + socket)) {
            p.destroy();
            throw new IOException("dbus-daemon did not start (printed " + line + "): " + Files.readString(log));
        }
        return new DaemonProcess(p, dir, "unix:path=" + socket);
    }

    /** The absolute path of {@code name} in a directory of {@code PATH}, or null. */
    public static String findOnPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.isFile() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }

    /** The bus address, {@code unix:path=...}. */
    public String address() {
        return address;
    }

    /** The listening socket. */
    public Path socketPath() {
        return directory.resolve("bus");
    }

    /** The daemon's temporary directory, for other files of the test. */
    public Path directory() {
        return directory;
    }

    /** Stops the daemon and deletes its directory. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

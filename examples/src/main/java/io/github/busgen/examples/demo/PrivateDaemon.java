package io.github.busgen.examples.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code dbus-daemon} the demo starts for itself when there is no session bus: its own config,
 * listening on a socket file in a temporary directory (a {@code unix:path=} address, which the JDK
 * can open, unlike the abstract sockets of {@code unix:tmpdir=}); stopped and cleaned up by
 * {@link #close()}.
 */
public final class PrivateDaemon implements AutoCloseable {
    private final Process process;
    private final Path directory;
    private final String address;

    private PrivateDaemon(Process process, Path directory, String address) {
        this.process = process;
        this.directory = directory;
        this.address = address;
    }

    /** The {@code dbus-daemon} on the {@code PATH}, or null when there is none. */
    public static Path find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "dbus-daemon");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Starts {@code executable} and waits (at most 10 seconds) until it says where it listens. */
    public static PrivateDaemon start(Path executable) throws IOException {
        Path dir = Files.createTempDirectory("busgen-demo-");
        try {
            Path config = dir.resolve("bus.conf");
            Files.writeString(config, String.join("\n",
                    "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"",
                    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">",
                    "<busconfig>",
                    "  <type>session</type>",
                    "  <listen>unix:path=" + dir.resolve("bus") + "</listen>",
                    "  <auth>EXTERNAL</auth>",
                    "  <policy context=\"default\">",
                    "    <allow send_destination=\"*\" eavesdrop=\"true\"/>",
                    "    <allow eavesdrop=\"true\"/>",
                    "    <allow own=\"*\"/>",
                    "  </policy>",
                    "</busconfig>", ""));
            Process p = new ProcessBuilder(executable.toString(), "--config-file=" + config, "--nofork",
                    "--print-address=1").redirectError(dir.resolve("daemon.log").toFile()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            try {
                line = CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (IOException e) {
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                line = null;
            }
            if (line == null || line.isBlank()) {
                p.destroyForcibly();
                throw new IOException("dbus-daemon did not start: " + Files.readString(dir.resolve("daemon.log")).trim());
            }
            return new PrivateDaemon(p, dir, line.trim());
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** The daemon's address. */
    public String address() {
        return address;
    }

    /** Stops the daemon and removes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        delete(directory);
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}

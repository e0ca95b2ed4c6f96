package io.github.busgen.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compiles the sd-bus side (sdbench.c, shipped as a resource) with gcc against libsystemd. When the
 * headers or the compiler are missing, the sd-bus column is skipped, and the table says why.
 */
final class SdBus {
    private SdBus() {
    }

    static void compile(Harness h) throws IOException, InterruptedException {
        String flags = run("pkg-config", "--cflags", "--libs", "libsystemd");
        if (flags == null) {
            h.sdbusMissing = "skipped: libsystemd headers not found (apt-get install libsystemd-dev pkg-config)";
            return;
        }
        Path dir = h.options.work.resolve("sdbus");
        Files.createDirectories(dir);
        Path source = dir.resolve("sdbench.c");
        try (InputStream in = SdBus.class.getResourceAsStream("c/sdbench.c")) {
            Files.write(source, in.readAllBytes());
        }
        Path binary = dir.resolve("sdbench");
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-o", binary.toString(), source.toString()));
        cmd.addAll(Arrays.asList(flags.trim().split("\\s+")));
        cmd.add("-lpthread");
        String out;
        try {
            out = run(cmd.toArray(new String[0]));
        } catch (IOException e) {
            out = null;
        }
        if (out == null) {
            h.sdbusMissing = "skipped: could not compile sdbench.c with gcc (apt-get install gcc libsystemd-dev)";
            return;
        }
        h.sdbench = binary;
    }

    /** Runs a command; its output, or null when it failed. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            System.err.println(String.join(" ", command) + " failed:\n" + out);
            return null;
        }
        return out;
    }
}

package io.github.busgen.processor.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the peers nobody here wrote ({@code busctl}, {@code gdbus}, python-dbus), failing with what
 * to install when one is missing: interoperability tests fail, they do not skip.
 */
final class Tools {
    private Tools() {
    }

    /** What a finished command printed. */
    record Result(int exit, String out, String err) {
    }

    /** The path of {@code tool}, or an AssertionError naming the Debian package that provides it. */
    static String require(String tool, String debianPackage) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(tool + " is not installed, and the interoperability tests need it: install "
                + debianPackage + " (Debian/Ubuntu: sudo apt-get install " + debianPackage + ")");
    }

    /** Debian's python3 with python-dbus and gi; other interpreters on PATH may lack them. */
    static String python() throws IOException, InterruptedException {
        String python = require("python3", "python3");
        Result r = run(List.of(python, "-c", "import dbus, dbus.service, gi"), 30);
        if (r.exit() != 0) {
            throw new AssertionError("/usr/bin/python3 cannot import dbus and gi: install python3-dbus and python3-gi"
                    + " (Debian/Ubuntu: sudo apt-get install python3-dbus python3-gi)\n" + r.err());
        }
        return python;
    }

    /** Runs {@code command}, waiting at most {@code seconds}. */
    static Result run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish in " + seconds + " s");
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A test resource copied to a temporary file, for an interpreter to run. */
    static Path resource(String name, Path dir) throws IOException {
        try (InputStream in = Tools.class.getResourceAsStream("/e2e/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource /e2e/" + name);
            }
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }
}

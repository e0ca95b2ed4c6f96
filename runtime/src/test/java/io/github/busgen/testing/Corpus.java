package io.github.busgen.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shared corpus of other implementations' test data. Surefire passes its folder as the system
 * property {@code busgen.corpus}; without it, {@code /work/shared/corpus}. When the folder is absent,
 * only the tests that need it are skipped, with a message saying so.
 */
public final class Corpus {
    private static final String DEFAULT = "/work/shared/corpus";

    private Corpus() {
    }

    /** The corpus folder, whether or not it exists. */
    public static Path root() {
        String p = System.getProperty("busgen.corpus");
        return Path.of(p == null || p.isBlank() ? DEFAULT : p);
    }

    /** {@code relative} inside the corpus; skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), () -> "corpus file or folder " + p.toAbsolutePath()
                + " is absent (set -Dbusgen.corpus to the shared corpus folder): skipping only this corpus test");
        return p;
    }

    /** The regular files directly in corpus folder {@code relative} whose names end in {@code suffix}, sorted. */
    public static List<Path> files(String relative, String suffix) {
        Path dir = require(relative);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a corpus file. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

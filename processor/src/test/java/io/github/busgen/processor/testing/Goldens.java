package io.github.busgen.processor.testing;

import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Expected files compared as exact text. With {@code -Dbusgen.updateGoldens=true} the expected
 * files are rewritten from what was produced (and stale ones deleted) instead: review the diff
 * before committing it. A missing golden fails with its expected path.
 */
public final class Goldens {
    private Goldens() {
    }

    /** Whether this run rewrites goldens. */
    public static boolean updating() {
        return Boolean.getBoolean("busgen.updateGoldens");
    }

    /** The source folder of the goldens (rewritten in place), from {@code busgen.goldens}. */
    public static Path root() {
        return Path.of(System.getProperty("busgen.goldens", "src/test/resources/golden"));
    }

    /**
     * Checks that the files under {@code expectedDir} are exactly {@code actual} (relative path to
     * text), or rewrites them when updating.
     */
    public static void check(Path expectedDir, Map<String, String> actual) throws IOException {
        if (updating()) {
            rewrite(expectedDir, actual);
            return;
        }
        List<String> problems = new ArrayList<>();
        Set<String> expected = list(expectedDir);
        for (Map.Entry<String, String> e : actual.entrySet()) {
            Path file = expectedDir.resolve(e.getKey());
            if (!Files.exists(file)) {
                problems.add("missing golden " + file + " (run with -Dbusgen.updateGoldens=true to create it)");
                continue;
            }
            String want = Files.readString(file, StandardCharsets.UTF_8);
            if (!want.equals(e.getValue())) {
                problems.add("differs from golden " + file + ":\n" + firstDifference(want, e.getValue()));
            }
        }
        for (String path : expected) {
            if (!actual.containsKey(path)) {
                problems.add("golden " + expectedDir.resolve(path) + " was not generated");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError(String.join("\n", problems)
                    + "\n(if the change is intended, run with -Dbusgen.updateGoldens=true and review the diff)");
        }
    }

    private static void rewrite(Path dir, Map<String, String> actual) throws IOException {
        for (String stale : list(dir)) {
            if (!actual.containsKey(stale)) {
                Files.delete(dir.resolve(stale));
            }
        }
        for (Map.Entry<String, String> e : actual.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> list(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
            }
        }
        return out;
    }

    private static String firstDifference(String want, String got) {
        String[] a = want.split("\n", -1);
        String[] b = got.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end of file>";
            String y = i < b.length ? b[i] : "<end of file>";
            if (!x.equals(y)) {
                return "  line " + (i + 1) + "\n  expected: " + x + "\n  actual:   " + y;
            }
        }
        return "  (line endings differ)";
    }
}

package io.github.busgen.processor;

import com.google.testing.compile.Compilation;
import io.github.busgen.processor.testing.Compilations;
import io.github.busgen.processor.testing.Goldens;
import io.github.busgen.processor.testing.ReflectionScan;
import io.github.busgen.processor.testing.XmlRuns;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden code from introspection XML: each folder under {@code src/test/resources/xml-golden/}
 * holds XML files (and optionally {@code overlay.properties}, {@code options.properties}) in
 * {@code input/}, and in {@code expected/} the annotated Java interfaces busgen writes from them,
 * the introspection resources the processor then writes from those interfaces, and
 * {@code diagnostics.txt}, every warning as the plugin prints it. All compared as exact text;
 * {@code -Dbusgen.updateGoldens=true} rewrites them. The generated interfaces, proxies and
 * skeletons must compile under {@code -Xlint:all -Werror} and refer to no reflection.
 */
class XmlGoldenTest {
    static Path root() {
        return Goldens.root().resolveSibling("xml-golden");
    }

    @TestFactory
    Stream<DynamicTest> goldens() throws IOException {
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(root())) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() >= 3, "golden cases under " + root().toAbsolutePath());
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        XmlRuns.Run run = XmlRuns.run(dir.resolve("input"));
        Map<String, String> actual = new TreeMap<>(run.byPath());
        actual.put("diagnostics.txt", run.reported().stream().map(r -> r + "\n").collect(Collectors.joining()));

        Compilation c = Compilations.process(run.sources());
        assertEquals(Compilation.Status.SUCCESS, c.status(), Compilations.diagnostics(c));
        actual.putAll(Compilations.generatedResources(c));
        Goldens.check(dir.resolve("expected"), actual);

        Compilation strict = Compilations.strict(Compilations.withGenerated(run.sources(), c));
        assertEquals(Compilation.Status.SUCCESS, strict.status(), Compilations.diagnostics(strict));
        for (Map.Entry<String, byte[]> f : Compilations.classFiles(strict).entrySet()) {
            assertEquals(List.of(), ReflectionScan.forbidden(f.getValue()), f.getKey() + " refers to reflection");
        }
    }
}

package io.github.busgen.processor;

import com.google.testing.compile.Compilation;
import io.github.busgen.processor.testing.Compilations;
import io.github.busgen.processor.testing.Goldens;
import io.github.busgen.processor.testing.ReflectionScan;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden generated code: each folder under {@code src/test/resources/golden/} holds annotated
 * interfaces ({@code input/}) and every file the processor must generate from them
 * ({@code expected/}: proxies, skeletons, codecs, introspection XML), compared as exact text. The
 * inputs and the generated sources must then compile without processors under
 * {@code -Xlint:all -Werror}, and no generated class may refer to reflection.
 */
class GoldenTest {
    @TestFactory
    Stream<DynamicTest> goldens() throws IOException {
        List<Path> cases;
        try (Stream<Path> dirs = Files.list(Goldens.root())) {
            cases = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() >= 5, "golden cases under " + Goldens.root().toAbsolutePath());
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws IOException {
        List<JavaFileObject> inputs = Compilations.sources(dir.resolve("input"));
        Compilation c = Compilations.process(inputs);
        assertEquals(Compilation.Status.SUCCESS, c.status(), Compilations.diagnostics(c));
        assertTrue(c.diagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.WARNING),
                Compilations.diagnostics(c));

        Map<String, String> generated = new TreeMap<>(Compilations.generatedSources(c));
        generated.putAll(Compilations.generatedResources(c));
        Goldens.check(dir.resolve("expected"), generated);

        Compilation strict = Compilations.strict(Compilations.withGenerated(inputs, c));
        assertEquals(Compilation.Status.SUCCESS, strict.status(), Compilations.diagnostics(strict));
        for (Map.Entry<String, byte[]> f : Compilations.classFiles(strict).entrySet()) {
            assertEquals(List.of(), ReflectionScan.forbidden(f.getValue()), f.getKey() + " refers to reflection");
        }
    }
}

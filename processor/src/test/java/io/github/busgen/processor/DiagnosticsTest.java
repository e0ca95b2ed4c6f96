package io.github.busgen.processor;

import com.google.testing.compile.Compilation;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Severity;
import io.github.busgen.processor.testing.Compilations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per diagnostic: {@code src/test/resources/diagnostics/<Tag>/} holds sources that make
 * the processor report {@code [Tag]}, with {@code //!} ending each line where it must be reported.
 * The test checks the tag, the kind (error or warning), the file and the line, and that the
 * processor reported nothing else.
 */
class DiagnosticsTest {
    private static final Pattern TAG = Pattern.compile("^\\[(\\w+)\\] ");

    private static Path root() {
        return Path.of(System.getProperty("busgen.diagnostics", "src/test/resources/diagnostics"));
    }

    /** A place a diagnostic is expected: a file (relative path) and a line. */
    private record Place(String file, long line) {
    }

    @ParameterizedTest
    @EnumSource(value = Message.class, mode = EnumSource.Mode.MATCH_NONE, names = "XML_.*") // XML ones: XmlDiagnosticsTest
    void reported(Message message) throws IOException {
        Path dir = root().resolve(message.tag());
        assertTrue(Files.isDirectory(dir), "no test for [" + message.tag() + "]: add a case at " + dir.toAbsolutePath());
        List<Place> expected = markers(dir);
        assertTrue(!expected.isEmpty(), "mark the expected line(s) with //! in " + dir);

        Compilation c = Compilations.process(Compilations.sources(dir));
        Diagnostic.Kind kind = message.severity() == Severity.ERROR ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
        List<Place> actual = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
            Matcher m = TAG.matcher(d.getMessage(Locale.ROOT));
            if (!m.find()) {
                continue; // javac's own, such as "cannot find symbol" for an unresolved type
            }
            assertEquals(message.tag(), m.group(1), "another busgen diagnostic:\n" + Compilations.diagnostics(c));
            assertEquals(kind, d.getKind(), d.toString());
            assertTrue(d.getSource() != null, "no source file: " + d);
            actual.add(new Place(relative(d.getSource()), d.getLineNumber()));
        }
        assertEquals(expected, actual, Compilations.diagnostics(c));
        if (kind == Diagnostic.Kind.WARNING) {
            assertEquals(Compilation.Status.SUCCESS, c.status(), Compilations.diagnostics(c));
        }
    }

    private static List<Place> markers(Path dir) throws IOException {
        List<Place> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).stripTrailing().endsWith("//!")) {
                        out.add(new Place(dir.relativize(p).toString().replace('\\', '/'), i + 1));
                    }
                }
            }
        }
        return out;
    }

    private static String relative(JavaFileObject source) {
        String path = source.toUri().getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

}

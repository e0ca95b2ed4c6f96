package io.github.busgen.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Severity;
import io.github.busgen.processor.testing.Compilations;
import io.github.busgen.processor.testing.XmlRuns;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per diagnostic of the XML front end: {@code src/test/resources/xml-diagnostics/<Tag>/}
 * holds introspection files whose lines marked {@code <!--!-->} must be reported with
 * {@code [Tag]} (overlay files mark the line after a {@code #!} line; Java files, for the
 * {@code @DBusXml} entry, end the line with {@code //!}). The test checks the tag, the severity,
 * the file and the line of every report, and that nothing else was reported.
 */
class XmlDiagnosticsTest {
    private static final Pattern TAG = Pattern.compile("\\[(\\w+)\\] ");
    private static final Pattern WHERE = Pattern.compile("^(.+?):(\\d+)(?::\\d+)?$");

    private static Path root() {
        return XmlGoldenTest.root().resolveSibling("xml-diagnostics");
    }

    @ParameterizedTest
    @EnumSource(value = Message.class, mode = EnumSource.Mode.MATCH_ALL, names = "XML_.*")
    void reported(Message message) throws IOException {
        Path dir = root().resolve(message.tag());
        assertTrue(Files.isDirectory(dir), "no test for [" + message.tag() + "]: add a case at " + dir.toAbsolutePath());
        Set<String> expected = markers(dir);
        assertFalse(expected.isEmpty(), "mark the expected lines in " + dir);
        Set<String> actual = new TreeSet<>();
        if (Files.isDirectory(dir.resolve("d"))) {
            Compilation c = Compiler.javac().withProcessors(new DBusXmlProcessor(), new BusgenProcessor())
                    .compile(Compilations.sources(dir));
            for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
                Matcher m = TAG.matcher(d.getMessage(Locale.ROOT));
                if (m.find()) {
                    assertEquals(message.tag(), m.group(1), Compilations.diagnostics(c));
                    assertEquals(message.severity() == Severity.ERROR ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING,
                            d.getKind(), d.toString());
                    String path = d.getSource().toUri().getPath();
                    actual.add(path.substring(path.indexOf("/d/") + 1) + ":" + d.getLineNumber());
                }
            }
        } else {
            XmlRuns.Run run = XmlRuns.run(dir);
            for (XmlRuns.Reported r : run.reported()) {
                assertEquals(message, r.message(), "another diagnostic: " + run.reported());
                Matcher m = WHERE.matcher(r.where());
                assertTrue(m.matches(), "no file and line: " + r);
                actual.add(m.group(1) + ":" + m.group(2));
            }
        }
        assertEquals(expected, actual, "where [" + message.tag() + "] was reported");
    }

    /** {@code file:line} of every marked line. */
    private static Set<String> markers(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String name = dir.relativize(f).toString().replace('\\', '/');
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (l.contains("<!--!-->") || l.endsWith("//!")) {
                    out.add(name + ":" + (i + 1));
                } else if (l.equals("#!")) {
                    out.add(name + ":" + (i + 2));
                }
            }
        }
        return out;
    }

    /** Every message of the XML front end has a case, and every case a message. */
    @org.junit.jupiter.api.Test
    void everyCaseIsAMessage() throws IOException {
        List<String> tags = new ArrayList<>();
        for (Message m : Message.values()) {
            if (m.name().startsWith("XML_")) {
                tags.add(m.tag());
            }
        }
        try (Stream<Path> dirs = Files.list(root())) {
            for (Path d : dirs.toList()) {
                assertTrue(tags.contains(d.getFileName().toString()), "no message for case " + d);
            }
        }
    }
}

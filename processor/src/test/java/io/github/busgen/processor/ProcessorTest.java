package io.github.busgen.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.busgen.processor.testing.Compilations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the processor behaves in a compilation: report and continue, deferral, claiming nothing. */
class ProcessorTest {
    private static final JavaFileObject GOOD = JavaFileObjects.forSourceString("d.Good", """
            package d;
            @io.github.busgen.annotation.DBusInterface("com.example.Good")
            interface Good {
                int twice(int value);
            }
            """);
    private static final JavaFileObject BAD = JavaFileObjects.forSourceString("d.Bad", """
            package d;
            @io.github.busgen.annotation.DBusInterface("com.example.Bad")
            interface Bad {
                void f(float ratio);
                void g(char c);
            }
            """);

    @Test
    void oneBadInterfaceDoesNotStopTheOthers(@TempDir Path dir) throws IOException {
        // compile-testing hides the generated files of a failed compilation, so run javac directly
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(sources));
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, List.of("-proc:only"), null,
                    List.of(BAD, GOOD));
            task.setProcessors(List.of(new BusgenProcessor()));
            assertFalse(task.call());
        }
        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(d -> d.getMessage(null)).toList();
        assertEquals(2, errors.size(), "both problems of Bad are reported: " + errors);
        assertEquals(Set.of("d/GoodProxy.java", "d/GoodSkeleton.java"), list(sources));
        assertEquals(Set.of("META-INF/dbus/interfaces/com.example.Good.xml"), list(classes));
    }

    private static Set<String> list(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        }
    }

    /** A processor of the given annotation types, for the latest source version. */
    abstract static class TestProcessor extends AbstractProcessor {
        private final Set<String> types;

        TestProcessor(String... types) {
            this.types = Set.of(types);
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return types;
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }
    }

    /** Writes {@code d.Later}, a record, in its first round, as a generator of records would. */
    static final class MakesLater extends TestProcessor {
        private boolean done;

        MakesLater() {
            super("*");
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer w = processingEnv.getFiler().createSourceFile("d.Later").openWriter()) {
                    w.write("package d;\npublic record Later(int a, String b) {\n}\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void anInterfaceUsingATypeGeneratedInALaterRoundIsDeferred() {
        JavaFileObject user = JavaFileObjects.forSourceString("d.User", """
                package d;
                @io.github.busgen.annotation.DBusInterface("com.example.User")
                interface User {
                    Later get(java.util.List<Later> all);
                }
                """);
        Compilation c = Compiler.javac().withProcessors(new BusgenProcessor(), new MakesLater()).compile(user);
        assertEquals(Compilation.Status.SUCCESS, c.status(), Compilations.diagnostics(c));
        String codec = Compilations.generatedSources(c).get("d/UserCodec.java");
        assertTrue(codec != null && codec.contains("static Later readLater(WireReader r)"), String.valueOf(codec));
    }

    /** Records which annotations reach a processor that runs after busgen's. */
    static final class Recorder extends TestProcessor {
        final List<String> seen = new ArrayList<>();

        Recorder() {
            super("io.github.busgen.annotation.*");
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            annotations.forEach(a -> seen.add(a.getQualifiedName().toString()));
            return false;
        }
    }

    @Test
    void claimsNoAnnotation() {
        Recorder after = new Recorder();
        Compilation c = Compiler.javac().withProcessors(new BusgenProcessor(), after).compile(GOOD);
        assertEquals(Compilation.Status.SUCCESS, c.status(), Compilations.diagnostics(c));
        assertTrue(after.seen.contains("io.github.busgen.annotation.DBusInterface"), after.seen.toString());
        assertFalse(new BusgenProcessor().getSupportedAnnotationTypes().isEmpty());
    }
}

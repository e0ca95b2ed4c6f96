package io.github.busgen.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.busgen.processor.BusgenProcessor;

import javax.tools.JavaFileObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Compiles test sources with busgen's processor (compile-testing) and collects what it generated. */
public final class Compilations {
    private Compilations() {
    }

    /** The Java files under {@code dir}, named after their paths relative to it. */
    public static List<JavaFileObject> sources(Path dir) throws IOException {
        List<JavaFileObject> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String relative = dir.relativize(p).toString().replace('\\', '/');
                String name = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
                out.add(JavaFileObjects.forSourceString(name, Files.readString(p)));
            }
        }
        return out;
    }

    /** Compiles {@code sources} with the processor and no other options. */
    public static Compilation process(List<JavaFileObject> sources) {
        return Compiler.javac().withProcessors(new BusgenProcessor()).compile(sources);
    }

    /**
     * Compiles {@code sources} (inputs and generated code) without processors, with every lint
     * warning on and warnings as errors.
     */
    public static Compilation strict(List<JavaFileObject> sources) {
        return Compiler.javac().withOptions("-proc:none", "-Xlint:all", "-Werror").compile(sources);
    }

    /** The generated sources, by path relative to the source output (such as {@code ex/FooProxy.java}). */
    public static Map<String, String> generatedSources(Compilation c) {
        Map<String, String> out = new TreeMap<>();
        for (JavaFileObject f : c.generatedSourceFiles()) {
            out.put(relative(f, "SOURCE_OUTPUT/"), content(f));
        }
        return out;
    }

    /** The generated resources (not classes), by path relative to the class output. */
    public static Map<String, String> generatedResources(Compilation c) {
        Map<String, String> out = new TreeMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            String path = f.toUri().getPath();
            if (path.contains("/CLASS_OUTPUT/") && !path.endsWith(".class")) {
                out.put(relative(f, "CLASS_OUTPUT/"), content(f));
            }
        }
        return out;
    }

    /** The class files a compilation wrote, by path relative to the class output. */
    public static Map<String, byte[]> classFiles(Compilation c) {
        Map<String, byte[]> out = new TreeMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                try (InputStream in = f.openInputStream()) {
                    out.put(relative(f, "CLASS_OUTPUT/"), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    /** Every diagnostic, one per line, for failure messages. */
    public static String diagnostics(Compilation c) {
        return c.diagnostics().stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    /** The inputs and the generated sources together, to compile again. */
    public static List<JavaFileObject> withGenerated(List<JavaFileObject> inputs, Compilation c) {
        List<JavaFileObject> all = new ArrayList<>(inputs);
        all.addAll(c.generatedSourceFiles());
        return all;
    }

    private static String relative(JavaFileObject f, String marker) {
        String path = f.toUri().getPath();
        int at = path.indexOf(marker);
        return at < 0 ? path : path.substring(at + marker.length());
    }

    private static String content(JavaFileObject f) {
        try {
            return f.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

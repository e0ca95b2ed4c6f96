package io.github.busgen.processor;

import io.github.busgen.processor.diag.Severity;
import io.github.busgen.processor.frontend.xml.Overlay;
import io.github.busgen.processor.frontend.xml.tree.XmlArg;
import io.github.busgen.processor.frontend.xml.tree.XmlDocument;
import io.github.busgen.processor.frontend.xml.tree.XmlInterface;
import io.github.busgen.processor.frontend.xml.tree.XmlMethod;
import io.github.busgen.processor.frontend.xml.tree.XmlProperty;
import io.github.busgen.processor.frontend.xml.tree.XmlReader;
import io.github.busgen.processor.frontend.xml.tree.XmlSignal;
import io.github.busgen.processor.testing.XmlRuns;
import com.palantir.javapoet.JavaFile;
import org.junit.jupiter.api.Test;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every introspection file of Debian's {@code network-manager-dev} and {@code xdg-desktop-portal-dev}
 * (about 100 real interfaces, fetched at test time into {@code target/debian-corpus}, never
 * committed): busgen writes their Java interfaces, javac compiles them with the processor (which
 * writes proxies and skeletons) under {@code -Xlint:all -Werror}, and the introspection resources
 * of the compiled interfaces carry exactly the members, argument types, directions and property
 * access of the input. Prints the time to generate and to compile (a benchmark, not a check).
 */
class DebianCorpusTest {
    private static final List<String> PACKAGES = List.of("network-manager-dev", "xdg-desktop-portal-dev");
    private static final Path DIR = Path.of("target", "debian-corpus");

    @Test
    void everyInterfaceGeneratesCompilesAndRoundTrips() throws Exception {
        List<Path> files = corpus();
        assertTrue(files.size() >= 90, "expected about 100 introspection files, found " + files.size());

        List<XmlGenerator.Input> inputs = new ArrayList<>();
        for (Path f : files) {
            inputs.add(new XmlGenerator.Input(f.getFileName().toString(), Files.readString(f)));
        }
        long t0 = System.nanoTime();
        XmlRuns.Run run = XmlRuns.run(inputs, new XmlGenerator.Options("corpus", "org.freedesktop.", Overlay.empty()),
                new ArrayList<>());
        long generated = System.nanoTime() - t0;
        // again, with JAXB's context made and the code warm: the cost per build of a long-lived Maven
        long t2 = System.nanoTime();
        XmlRuns.run(inputs, new XmlGenerator.Options("corpus", "org.freedesktop.", Overlay.empty()), new ArrayList<>());
        long warm = System.nanoTime() - t2;
        List<XmlRuns.Reported> errors = run.reported().stream()
                .filter(r -> r.message().severity() == Severity.ERROR).toList();
        assertEquals(List.of(), errors, "errors");

        Path run1 = Files.createTempDirectory(Files.createDirectories(DIR), "run-");
        Path sources = Files.createDirectories(run1.resolve("generated"));
        Path classes = Files.createDirectories(run1.resolve("classes"));
        for (JavaFile f : run.files()) {
            f.writeTo(sources);
        }
        long t1 = System.nanoTime();
        compile(sources, classes);
        long compiled = System.nanoTime() - t1;
        System.out.printf("Debian corpus: %d files, %d interfaces; generate %d ms (again: %d ms), compile with the"
                        + " processor %d ms; %d warnings%n", files.size(), run.files().size(), generated / 1_000_000,
                warm / 1_000_000, compiled / 1_000_000, run.reported().size());
        assertEquals(files.size(), run.files().size(), "one Java interface per file");

        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            XmlDocument in = XmlReader.read(f.toString(), Files.readString(f));
            for (XmlInterface i : in.root().interfaces()) {
                Path resource = classes.resolve("META-INF/dbus/interfaces/" + i.name() + ".xml");
                if (!Files.exists(resource)) {
                    problems.add("no resource for " + i.name());
                    continue;
                }
                XmlInterface out = XmlReader.read(resource.toString(), Files.readString(resource)).root()
                        .interfaces().get(0);
                String expected = describe(i);
                String actual = describe(out);
                if (!expected.equals(actual)) {
                    problems.add(i.name() + ":\n  input:    " + expected + "\n  resource: " + actual);
                }
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    /** Members, argument types and directions, property types and access, each kind sorted by name. */
    private static String describe(XmlInterface i) {
        Map<String, String> members = new TreeMap<>();
        for (XmlMethod m : i.methods()) {
            members.put("method " + m.name(), m.args().stream()
                    .map(a -> (a.direction() == null ? "in" : a.direction()) + " " + a.type())
                    .collect(Collectors.joining(", ", "(", ")")));
        }
        for (XmlSignal s : i.signals()) {
            members.put("signal " + s.name(), s.args().stream().map(XmlArg::type)
                    .collect(Collectors.joining(", ", "(", ")")));
        }
        for (XmlProperty p : i.properties()) {
            members.put("property " + p.name(), p.type() + " " + p.access());
        }
        return members.toString();
    }

    private static void compile(Path sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
             Stream<Path> walk = Files.walk(sources)) {
            List<File> javaFiles = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
            fm.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
            fm.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(sources.toFile()));
            // -processing: busgen's processors claim no annotation, which that lint would call a warning
            JavaCompiler.CompilationTask task = javac.getTask(null, fm, diagnostics,
                    List.of("--release", "17", "-Xlint:all,-processing", "-Werror",
                            "-classpath", System.getProperty("java.class.path")),
                    null, fm.getJavaFileObjectsFromFiles(javaFiles));
            task.setProcessors(List.of(new BusgenProcessor()));
            boolean ok = task.call();
            if (!ok || !diagnostics.getDiagnostics().isEmpty()) {
                fail("javac: " + diagnostics.getDiagnostics().stream().limit(20).map(Object::toString)
                        .collect(Collectors.joining("\n")));
            }
        }
    }

    // ------------------------------------------------------------------ fetching the packages

    /** The introspection files of the packages, extracted into target/ once; fails with the command to run when apt cannot fetch them. */
    static List<Path> corpus() throws IOException, InterruptedException {
        Path root = DIR.resolve("root");
        Path interfaces = root.resolve("usr/share/dbus-1/interfaces");
        if (!Files.isDirectory(interfaces)) {
            Path debs = DIR.resolve("debs");
            Files.createDirectories(debs);
            List<String> download = new ArrayList<>(List.of("apt-get", "download"));
            download.addAll(PACKAGES);
            if (run(debs, download) != 0) {
                run(debs, List.of("apt-get", "update"));
                if (run(debs, download) != 0) {
                    fail("cannot fetch the Debian corpus: run `apt-get update && cd " + debs.toAbsolutePath()
                            + " && apt-get download " + String.join(" ", PACKAGES) + "` (see "
                            + debs.resolve("apt.log").toAbsolutePath() + ")");
                }
            }
            try (Stream<Path> list = Files.list(debs)) {
                for (Path deb : list.filter(p -> p.toString().endsWith(".deb")).toList()) {
                    if (run(debs, List.of("dpkg", "-x", deb.getFileName().toString(), root.toAbsolutePath().toString())) != 0) {
                        fail("dpkg -x " + deb + " failed: install dpkg (see " + debs.resolve("apt.log").toAbsolutePath() + ")");
                    }
                }
            }
        }
        try (Stream<Path> list = Files.list(interfaces)) {
            return list.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static int run(Path dir, List<String> command) throws IOException, InterruptedException {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("apt.log").toFile())).start();
            return p.waitFor();
        } catch (IOException e) {
            fail("cannot run " + command.get(0) + " (" + e.getMessage() + "): on Debian, `apt-get download "
                    + String.join(" ", PACKAGES) + "` fetches the corpus");
            return -1;
        }
    }
}

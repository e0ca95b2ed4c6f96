package io.github.busgen.processor.testing;

import com.palantir.javapoet.JavaFile;
import io.github.busgen.processor.XmlGenerator;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.frontend.xml.Overlay;

import javax.tools.JavaFileObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs the XML {@link XmlGenerator} on test inputs and collects what it wrote and reported. */
public final class XmlRuns {
    private XmlRuns() {
    }

    /**
     * One diagnostic as printed by the Maven plugin.
     *
     * @param message the constant
     * @param where   {@code file:line:column}
     * @param text    the formatted text, tag first
     */
    public record Reported(Message message, String where, String text) {
        @Override
        public String toString() {
            return where + ": " + text;
        }
    }

    /**
     * What a run gave.
     *
     * @param files    the Java sources
     * @param reported the diagnostics, in order
     */
    public record Run(List<JavaFile> files, List<Reported> reported) {
        /** The sources as compiler inputs. */
        public List<JavaFileObject> sources() {
            return files.stream().map(JavaFile::toJavaFileObject).toList();
        }

        /** The sources by path, such as {@code com/example/Foo.java}. */
        public Map<String, String> byPath() {
            Map<String, String> out = new TreeMap<>();
            for (JavaFile f : files) {
                out.put(f.packageName().replace('.', '/') + "/" + f.typeSpec().name() + ".java", f.toString());
            }
            return out;
        }
    }

    /**
     * Runs the generator on the {@code *.xml} files of {@code dir} (sorted by name), with the
     * overlay {@code overlay.properties} and the options {@code options.properties}
     * ({@code packageName}, default {@code com.example}; {@code interfacePrefix}) when present.
     */
    public static Run run(Path dir) throws IOException {
        List<XmlGenerator.Input> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) {
                inputs.add(new XmlGenerator.Input(p.getFileName().toString(), Files.readString(p)));
            }
        }
        Properties options = new Properties();
        Path o = dir.resolve("options.properties");
        if (Files.exists(o)) {
            options.load(new StringReader(Files.readString(o)));
        }
        List<Reported> reported = new ArrayList<>();
        Overlay overlay = Overlay.empty();
        Path ov = dir.resolve("overlay.properties");
        if (Files.exists(ov)) {
            overlay = Overlay.parse("overlay.properties", Files.readString(ov),
                    (m, w, args) -> reported.add(new Reported(m, w.toString(), m.format(args))));
        }
        return run(inputs, new XmlGenerator.Options(options.getProperty("packageName", "com.example"),
                options.getProperty("interfacePrefix"), overlay), reported);
    }

    /** Runs the generator on {@code inputs}, adding its diagnostics to {@code reported}. */
    public static Run run(List<XmlGenerator.Input> inputs, XmlGenerator.Options options, List<Reported> reported) {
        List<JavaFile> files = XmlGenerator.generate(inputs, options,
                (m, w, args) -> reported.add(new Reported(m, w.toString(), m.format(args))));
        return new Run(files, List.copyOf(reported));
    }
}

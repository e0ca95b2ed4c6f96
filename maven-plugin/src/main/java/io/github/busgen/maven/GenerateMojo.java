package io.github.busgen.maven;

import com.palantir.javapoet.JavaFile;
import io.github.busgen.processor.XmlGenerator;
import io.github.busgen.processor.diag.Location;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Severity;
import io.github.busgen.processor.frontend.xml.Overlay;
import io.github.busgen.processor.frontend.xml.XmlLocation;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates Java sources from D-Bus introspection XML: for every interface in
 * {@code src/main/dbus/**}{@code /*.xml} the annotated Java interface (with its signal, result and
 * struct records) under {@code target/generated-sources/busgen}, added as a source root. busgen's
 * annotation processor ({@code busgen-processor} on the compile path) then writes each interface's
 * proxy, skeleton and introspection resource when the project compiles.
 *
 * <p>Problems are printed as {@code path:line:column: [Tag] message}, which terminals and IDEs
 * link; an error fails the build. When neither the XML files, the overlays nor the parameters
 * changed since the last run (a hash kept in {@code target/busgen/generate-<output directory name>.stamp}), nothing is
 * written again.
 *
 * <p>This class only maps parameters onto {@code io.github.busgen.processor.XmlGenerator}, the processor module's javac-free API.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
    /** The folder of the introspection XML files. */
    @Parameter(defaultValue = "${project.basedir}/src/main/dbus", property = "busgen.sourceDirectory")
    File sourceDirectory;

    /** Which files of {@code sourceDirectory} to read (glob patterns, relative to it). */
    @Parameter
    List<String> includes;

    /** Where the Java sources go; added to the project's compile source roots. */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/busgen", property = "busgen.outputDirectory")
    File outputDirectory;

    /** The Java package of the generated interfaces; required unless the overlay gives each interface a qualified class. */
    @Parameter(property = "busgen.packageName")
    String packageName;

    /** Stripped from D-Bus interface names before they become class names, such as {@code org.freedesktop.NetworkManager.}. */
    @Parameter(property = "busgen.interfacePrefix")
    String interfacePrefix;

    /** Overlay files choosing Java names and types without editing the XML (format: busgen-processor's {@code Overlay}). */
    @Parameter
    List<File> overlays;

    /**
     * Overlay entries given inline, such as
     * {@code <property><name>org.freedesktop.Notifications.Notify</name><value>show</value></property>};
     * they win over the overlay files.
     */
    @Parameter
    Properties overrides;

    /** Skips the goal. */
    @Parameter(defaultValue = "false", property = "busgen.skip")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Where the stamps of earlier runs are kept; each output directory has its own, so executions do not meet. */
    @Parameter(defaultValue = "${project.build.directory}/busgen", readonly = true, required = true)
    File stampDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("busgen: skipped");
            return;
        }
        Path out = outputDirectory.toPath();
        Path base = project == null ? Path.of("").toAbsolutePath() : project.getBasedir().toPath();
        try {
            List<Path> files = inputs();
            if (files.isEmpty()) {
                getLog().warn("busgen: no introspection XML in " + sourceDirectory);
            }
            Map<String, String> texts = new TreeMap<>();
            for (Path f : files) {
                texts.put(relative(base, f), Files.readString(f, StandardCharsets.UTF_8));
            }
            Map<String, String> overlayTexts = new TreeMap<>();
            for (File f : overlays == null ? List.<File>of() : overlays) {
                overlayTexts.put(relative(base, f.toPath()), Files.readString(f.toPath(), StandardCharsets.UTF_8));
            }
            String stamp = stamp(texts, overlayTexts);
            Path stampPath = stampDirectory.toPath().resolve("generate-" + outputDirectory.getName() + ".stamp");
            if (Files.isDirectory(out) && Files.exists(stampPath) && Files.readString(stampPath).equals(stamp)) {
                getLog().info("busgen: " + files.size() + " introspection files unchanged, nothing to generate");
                addSourceRoot(out);
                return;
            }

            Diagnostics diagnostics = new Diagnostics(base);
            Overlay overlay = Overlay.empty();
            overlayTexts.forEach((name, text) -> overlay.add(name, text, diagnostics));
            if (overrides != null && !overrides.isEmpty()) {
                Map<String, String> pairs = new TreeMap<>();
                overrides.stringPropertyNames().forEach(k -> pairs.put(k, overrides.getProperty(k)));
                overlay.add("the plugin's <overrides>", pairs, diagnostics);
            }
            List<XmlGenerator.Input> inputs = new ArrayList<>();
            texts.forEach((name, text) -> inputs.add(new XmlGenerator.Input(name, text)));
            List<JavaFile> sources = XmlGenerator.generate(inputs, new XmlGenerator.Options(blankToNull(packageName),
                    blankToNull(interfacePrefix), overlay), diagnostics);
            if (diagnostics.errors > 0) {
                Files.deleteIfExists(stampPath);
                throw new MojoFailureException("busgen: " + diagnostics.errors + " error(s) in the introspection XML,"
                        + " listed above as file:line:column");
            }
            deleteTree(out);
            Files.createDirectories(out);
            for (JavaFile f : sources) {
                f.writeTo(out);
            }
            Files.createDirectories(stampPath.getParent());
            Files.writeString(stampPath, stamp);
            getLog().info("busgen: " + sources.size() + " Java interfaces from " + files.size()
                    + " introspection files in " + out);
            addSourceRoot(out);
        } catch (IOException e) {
            throw new MojoExecutionException("busgen: " + e.getMessage(), e);
        }
    }

    private void addSourceRoot(Path out) {
        if (project != null) {
            project.addCompileSourceRoot(out.toString());
        }
    }

    /** The XML files under {@code sourceDirectory} matching {@code includes}, sorted by path. */
    private List<Path> inputs() throws IOException {
        Path dir = sourceDirectory.toPath();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> patterns = includes == null || includes.isEmpty() ? List.of("**/*.xml", "*.xml") : includes;
        List<PathMatcher> matchers = patterns.stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> matchers.stream().anyMatch(m -> m.matches(dir.relativize(p))))
                    .sorted().toList();
        }
    }

    /**
     * The generator that would run: where its classes come from and when that jar was built, so
     * that a new busgen (a SNAPSHOT rebuilt included) regenerates even when the XML did not change.
     */
    private static String generatorIdentity() {
        java.security.CodeSource source = XmlGenerator.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown";
        }
        try {
            File jar = new File(source.getLocation().toURI());
            return jar + " " + jar.length() + " " + jar.lastModified();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }

    /** A hash of everything that decides the output. */
    private String stamp(Map<String, String> texts, Map<String, String> overlayTexts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder b = new StringBuilder("busgen generate 1\n").append(generatorIdentity()).append('\n');
            b.append(packageName).append('\n').append(interfacePrefix).append('\n').append(outputDirectory).append('\n');
            b.append(overrides == null ? "" : new TreeMap<>(overrides).toString()).append('\n');
            texts.forEach((k, v) -> b.append(k).append('\0').append(v).append('\0'));
            overlayTexts.forEach((k, v) -> b.append(k).append('\0').append(v).append('\0'));
            return HexFormat.of().formatHex(sha.digest(b.toString().getBytes(StandardCharsets.UTF_8))) + "\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String relative(Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace(File.separatorChar, '/');
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Prints diagnostics as {@code /absolute/path:line:column: [Tag] text} and counts the errors. */
    private final class Diagnostics implements io.github.busgen.processor.diag.Reporter {
        private final Path base;
        int errors;

        Diagnostics(Path base) {
            this.base = base;
        }

        @Override
        public void report(Message message, Location where, Object... args) {
            String place = where.toString();
            if (where instanceof XmlLocation x && !x.file().startsWith("the plugin's")) {
                place = new XmlLocation(base.resolve(x.file()).toString(), x.line(), x.column()).toString();
            }
            String line = place + ": " + message.format(args);
            if (message.severity() == Severity.ERROR) {
                errors++;
                getLog().error(line);
            } else {
                getLog().warn(line);
            }
        }
    }
}

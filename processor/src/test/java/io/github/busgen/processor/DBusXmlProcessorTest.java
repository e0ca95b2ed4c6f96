package io.github.busgen.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.busgen.processor.testing.Compilations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The processor's XML entry: a package annotated {@code @DBusXml} gets the annotated interface
 * of the named file (found on the source path, with its overlay), and in the next round its proxy,
 * skeleton and introspection resource, all compiling under {@code -Xlint:all -Werror}.
 */
class DBusXmlProcessorTest {
    @Test
    void packageInfoNamesXmlOnTheSourcePath() throws IOException {
        Path dir = XmlGoldenTest.root().resolveSibling("xml-entry");
        String pkg = Files.readString(dir.resolve("notify/package-info.java"));
        Compilation c = Compiler.javac().withProcessors(new DBusXmlProcessor(), new BusgenProcessor())
                .withOptions("-sourcepath", dir.toString())
                .compile(JavaFileObjects.forSourceString("notify.package-info", pkg));
        assertEquals(Compilation.Status.SUCCESS, c.status(), Compilations.diagnostics(c));
        assertTrue(c.diagnostics().isEmpty(), Compilations.diagnostics(c));
        Map<String, String> sources = Compilations.generatedSources(c);
        assertEquals(List.of("notify/Notifications.java", "notify/NotificationsCodec.java",
                "notify/NotificationsProxy.java", "notify/NotificationsSkeleton.java"), List.copyOf(sources.keySet()));
        assertTrue(sources.get("notify/Notifications.java").contains("ServerInformationResult serverInformation();"),
                sources.get("notify/Notifications.java"));
        assertTrue(Compilations.generatedResources(c).containsKey(
                "META-INF/dbus/interfaces/org.freedesktop.Notifications.xml"));

        Compilation strict = Compilations.strict(Compilations.withGenerated(
                List.of(JavaFileObjects.forSourceString("notify.package-info", pkg)), c));
        assertEquals(Compilation.Status.SUCCESS, strict.status(), Compilations.diagnostics(strict));
    }
}

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
 * The processor's XML entry: a package or a type annotated {@code @DBusXml} gets, in its package,
 * the annotated interface of the named file (found on the source path, with its overlay), and in
 * the next round its proxy, skeleton and introspection resource, all compiling under
 * {@code -Xlint:all -Werror}.
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

    /**
     * {@code @DBusXml} on a class: the XML beside it is read and its interface generated into the
     * class's package, and the class itself, which uses the generated interface and proxy,
     * compiles once they exist.
     */
    @Test
    void aTypeNamesXmlOnTheSourcePath() throws IOException {
        Path dir = XmlGoldenTest.root().resolveSibling("xml-entry");
        String client = Files.readString(dir.resolve("screensaver/ScreenSaverClient.java"));
        Compilation c = Compiler.javac().withProcessors(new DBusXmlProcessor(), new BusgenProcessor())
                .withOptions("-sourcepath", dir.toString())
                .compile(JavaFileObjects.forSourceString("screensaver.ScreenSaverClient", client));
        assertEquals(Compilation.Status.SUCCESS, c.status(), Compilations.diagnostics(c));
        assertTrue(c.diagnostics().isEmpty(), Compilations.diagnostics(c));
        Map<String, String> sources = Compilations.generatedSources(c);
        assertEquals(List.of("screensaver/ScreenSaver.java", "screensaver/ScreenSaverProxy.java",
                "screensaver/ScreenSaverSkeleton.java"), List.copyOf(sources.keySet()));
        String iface = sources.get("screensaver/ScreenSaver.java");
        assertTrue(iface.contains("@DBusInterface(\"org.freedesktop.ScreenSaver\")"), iface);
        assertTrue(iface.contains("boolean getActive();"), iface);
        assertTrue(Compilations.generatedResources(c).containsKey(
                "META-INF/dbus/interfaces/org.freedesktop.ScreenSaver.xml"));
        assertTrue(Compilations.classFiles(c).containsKey("screensaver/ScreenSaverClient.class"));

        Compilation strict = Compilations.strict(Compilations.withGenerated(
                List.of(JavaFileObjects.forSourceString("screensaver.ScreenSaverClient", client)), c));
        assertEquals(Compilation.Status.SUCCESS, strict.status(), Compilations.diagnostics(strict));
    }
}

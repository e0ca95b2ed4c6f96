package io.github.busgen.maven;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.SimpleInterface;
import io.github.busgen.introspect.PropertyInfo;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.processor.XmlGenerator;
import io.github.busgen.processor.frontend.xml.Overlay;
import io.github.busgen.processor.frontend.xml.tree.XmlInterface;
import io.github.busgen.processor.frontend.xml.tree.XmlReader;
import io.github.busgen.testing.PrivateBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code introspect} goal against a service on a private dbus-daemon: a service exporting two
 * interfaces on objects below {@code /com/example} (one of them on two objects) is introspected
 * recursively from {@code /}; one file per interface comes out, the standard interfaces are
 * skipped, property names that are no member names kept, and the files feed {@code generate}
 * without a problem.
 */
class IntrospectMojoTest {
    @Test
    void writesOneFilePerInterfaceOfTheTree(@TempDir Path out) throws Exception {
        try (PrivateBus bus = PrivateBus.start();
             Connection service = Connection.open(bus.address())) {
            SimpleInterface player = SimpleInterface.builder("com.example.Music.Player")
                    .method("Play", "s", "", (call, args) -> null)
                    .method("Position", "", "tu", (call, args) -> List.of(1L, 2L))
                    .property("Volume", "d", PropertyInfo.Access.READWRITE, () -> 0.5, v -> { })
                    .property("shuffle-mode", "b", PropertyInfo.Access.READ, () -> false, null)
                    .signal("Seeked", "x")
                    .build();
            SimpleInterface library = SimpleInterface.builder("com.example.Music.Library")
                    .method("Tracks", "", "a(so)", (call, args) -> List.of(List.of()))
                    .build();
            service.export(ObjectPath.of("/com/example/Player1"), player);
            service.export(ObjectPath.of("/com/example/Player2"), player);
            service.export(ObjectPath.of("/com/example/Library"), library);
            service.requestName(BusName.of("com.example.Music"), 0);

            IntrospectMojo mojo = new IntrospectMojo();
            mojo.service = "com.example.Music";
            mojo.path = "/";
            mojo.bus = "session";
            mojo.address = bus.address();
            mojo.outputDirectory = out.toFile();
            mojo.maxObjects = 100;
            mojo.execute();
        }
        List<String> files;
        try (Stream<Path> list = Files.list(out)) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("com.example.Music.Library.xml", "com.example.Music.Player.xml"), files);

        XmlInterface player = XmlReader.read("p", Files.readString(out.resolve("com.example.Music.Player.xml")))
                .root().interfaces().get(0);
        assertEquals("com.example.Music.Player", player.name());
        assertEquals(List.of("Play", "Position"), player.methods().stream().map(m -> m.name()).toList());
        assertEquals(List.of("out t", "out u"), player.methods().get(1).args().stream()
                .map(a -> a.direction() + " " + a.type()).toList());
        assertEquals("readwrite", player.properties().get(0).access());
        assertEquals(List.of("Volume", "shuffle-mode"), player.properties().stream().map(p -> p.name()).toList(),
                "a property name need not be a member name");
        assertEquals("x", player.signals().get(0).args().get(0).type());

        List<XmlGenerator.Input> inputs = new ArrayList<>();
        for (String f : files) {
            inputs.add(new XmlGenerator.Input(f, Files.readString(out.resolve(f))));
        }
        List<String> problems = new ArrayList<>();
        var sources = XmlGenerator.generate(inputs, new XmlGenerator.Options("com.example", "com.example.Music.",
                Overlay.empty()), (m, w, a) -> problems.add(w + ": " + m.format(a)));
        assertEquals(List.of(), problems);
        assertEquals(List.of("Library", "Player"), sources.stream().map(s -> s.typeSpec().name()).toList());
        assertTrue(sources.get(1).toString().contains("PositionResult position();"), sources.get(1).toString());
        assertTrue(sources.get(1).toString().contains("boolean isShuffleMode();"), sources.get(1).toString());
    }
}

package io.github.busgen.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import io.github.busgen.processor.diag.Location;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.model.ArgModel;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.MethodModel;
import io.github.busgen.processor.model.PropertyModel;
import io.github.busgen.processor.model.ScalarType;
import io.github.busgen.processor.model.SignalModel;
import io.github.busgen.processor.model.TypeModel;
import io.github.busgen.processor.testing.Compilations;
import org.junit.jupiter.api.Test;

import javax.tools.JavaFileObject;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The javac-free {@link Generator}: a model built by hand, as the XML front end will build one,
 * becomes sources and resources that compile against a Java interface written to match; a model
 * that breaks a rule is reported through the {@link io.github.busgen.processor.diag.Reporter}
 * and generates nothing.
 */
class GeneratorTest {
    private static final ClassName PLAYER = ClassName.get("x", "Player");
    private static final TypeModel STRING = TypeModel.Scalar.of(ScalarType.STRING);
    private static final TypeModel UINT32 = TypeModel.Scalar.of(ScalarType.UINT32);

    private static InterfaceModel model(String name) {
        MethodModel play = new MethodModel("Play", Location.NONE, "play",
                List.of(new ArgModel("uri", "uri", "uri", STRING, false, List.of())),
                List.of(new ArgModel("position", "position", "position", UINT32, false, List.of()),
                        new ArgModel("title", "title", "title", STRING, false, List.of())),
                PLAYER.nestedClass("PlayResult"), false, false, false, false, List.of(), List.of());
        SignalModel stopped = new SignalModel("Stopped", Location.NONE, PLAYER.nestedClass("Stopped"),
                List.of(new ArgModel("at", "at", "at", UINT32, false, List.of())), false, List.of());
        PropertyModel volume = new PropertyModel("Volume", Location.NONE, TypeModel.Scalar.of(ScalarType.DOUBLE),
                "getVolume", "setVolume", "volume", "Volume", null, false, List.of());
        return new InterfaceModel(name, Location.NONE, PLAYER, "player.xml", List.of(play), List.of(stopped),
                List.of(volume), List.of(), null, false, List.of());
    }

    @Test
    void generatesFromAModelWithoutJavac() {
        List<String> problems = new ArrayList<>();
        Generator.Output out = Generator.generate(model("com.example.Player"),
                (message, where, args) -> problems.add(message.format(args)));
        assertEquals(List.of(), problems);
        assertEquals(List.of("META-INF/dbus/interfaces/com.example.Player.xml"),
                out.resources().stream().map(r -> r.path()).toList());
        assertTrue(out.resources().get(0).content().contains("<arg name=\"position\" type=\"u\" direction=\"out\"/>"));

        List<JavaFileObject> sources = new ArrayList<>();
        sources.add(JavaFileObjects.forSourceString("x.Player", """
                package x;
                public interface Player {
                    PlayResult play(String uri);
                    double getVolume();
                    void setVolume(double volume);
                    record PlayResult(long position, String title) {
                    }
                    record Stopped(long at) {
                    }
                }
                """));
        for (JavaFile f : out.sources()) {
            sources.add(f.toJavaFileObject());
        }
        Compilation c = Compilations.strict(sources);
        assertEquals(Compilation.Status.SUCCESS, c.status(), Compilations.diagnostics(c));
    }

    @Test
    void aModelThatBreaksARuleGeneratesNothing() {
        List<Message> problems = new ArrayList<>();
        Generator.Output out = Generator.generate(model("not-a-name"), (message, where, args) -> problems.add(message));
        assertEquals(List.of(Message.BAD_INTERFACE_NAME), problems);
        assertEquals(Generator.Output.NONE, out);
    }
}

package io.github.busgen.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.emit.Resource;
import io.github.busgen.processor.frontend.java.JavaFrontEnd;
import io.github.busgen.processor.frontend.java.JavaLocation;
import io.github.busgen.processor.frontend.java.Unresolved;
import io.github.busgen.processor.model.InterfaceModel;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * busgen's annotation processor: for every interface annotated {@code @DBusInterface} it writes the
 * proxy, the skeleton, the codec class and the introspection XML resource.
 *
 * <p>It claims no annotation (other processors see busgen's annotations too). An interface whose
 * signatures refer to a type that does not exist yet is deferred to a later round, since another
 * processor may generate the type; in the last round it is reported. Each interface is read,
 * checked and generated on its own: one with errors does not stop the others. This class does the
 * compiler's I/O; everything else goes through the javac-free {@link Generator}.
 */
@AutoService(Processor.class)
public final class BusgenProcessor extends AbstractProcessor {
    private static final String INTERFACE = "io.github.busgen.annotation.DBusInterface";
    private static final String SIGNAL = "io.github.busgen.annotation.DBusSignal";
    private static final String ERROR = "io.github.busgen.annotation.DBusError";

    private JavaFrontEnd frontEnd;
    private Reporter reporter;
    /** Interfaces waiting for a missing type, by qualified name. */
    private final Map<String, Unresolved.Reference> deferred = new LinkedHashMap<>();
    /** The interfaces generated so far, by D-Bus name. */
    private final Map<String, TypeElement> generated = new HashMap<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(INTERFACE, SIGNAL, ERROR);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (frontEnd == null) {
            frontEnd = new JavaFrontEnd(processingEnv);
            reporter = new MessagerReporter(processingEnv.getMessager());
        }
        List<TypeElement> todo = new ArrayList<>();
        for (String name : List.copyOf(deferred.keySet())) {
            TypeElement t = processingEnv.getElementUtils().getTypeElement(name);
            deferred.remove(name);
            if (t != null) {
                todo.add(t);
            }
        }
        todo.addAll(annotated(round, INTERFACE));
        for (TypeElement t : annotated(round, ERROR)) {
            frontEnd.checkError(t, reporter);
        }
        for (TypeElement t : annotated(round, SIGNAL)) {
            if (!isInterface(t.getEnclosingElement())) {
                reporter.report(Message.SIGNAL_NOT_NESTED, JavaLocation.of(t), t.getQualifiedName());
            }
        }
        for (TypeElement t : todo) {
            Unresolved.Reference missing = Unresolved.find(t);
            if (missing != null) {
                deferred.put(t.getQualifiedName().toString(), missing);
            } else {
                generate(t);
            }
        }
        if (round.processingOver()) {
            for (Unresolved.Reference r : deferred.values()) {
                reporter.report(Message.UNRESOLVED_TYPE, JavaLocation.of(r.where()), r.where(), r.type());
            }
            deferred.clear();
        }
        return false;
    }

    private static boolean isInterface(Element e) {
        return e instanceof TypeElement t && t.getAnnotationMirrors().stream()
                .anyMatch(a -> ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(INTERFACE));
    }

    private List<TypeElement> annotated(RoundEnvironment round, String annotation) {
        TypeElement a = processingEnv.getElementUtils().getTypeElement(annotation);
        if (a == null) {
            return List.of();
        }
        List<TypeElement> out = new ArrayList<>();
        for (Element e : round.getElementsAnnotatedWith(a)) {
            if (e instanceof TypeElement t) {
                out.add(t);
            }
        }
        return out;
    }

    private void generate(TypeElement type) {
        InterfaceModel model = frontEnd.read(type, reporter);
        if (model == null) {
            return;
        }
        TypeElement other = generated.putIfAbsent(model.name(), type);
        if (other != null) {
            reporter.report(Message.DUPLICATE_INTERFACE, model.location(), other.getQualifiedName(),
                    type.getQualifiedName(), model.name());
            return;
        }
        Generator.Output out = Generator.generate(model, reporter);
        try {
            for (JavaFile f : out.sources()) {
                JavaFileObject file = processingEnv.getFiler().createSourceFile(
                        f.packageName().isEmpty() ? f.typeSpec().name() : f.packageName() + "." + f.typeSpec().name(),
                        type);
                try (Writer w = file.openWriter()) {
                    f.writeTo(w);
                }
            }
            for (Resource r : out.resources()) {
                FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", r.path(),
                        type);
                try (Writer w = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
                    w.write(r.content());
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "busgen could not write the code of " + type.getQualifiedName() + ": " + e, type);
        }
    }
}

package io.github.busgen.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import io.github.busgen.processor.diag.Location;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.diag.Severity;
import io.github.busgen.processor.frontend.xml.Overlay;

import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The XML entry of busgen's processor: for a package or type annotated {@code @DBusXml}, reads the
 * named introspection files through the {@code Filer} and writes their annotated Java interfaces,
 * which {@link BusgenProcessor} turns into proxies and skeletons in the next round. Kept apart
 * from {@code BusgenProcessor} so that each processor has one job; claims nothing. XML problems are
 * reported as {@code file:line:column: [Tag] ...} on the annotated element.
 */
@AutoService(Processor.class)
public final class DBusXmlProcessor extends AbstractProcessor {
    private static final String DBUS_XML = "io.github.busgen.annotation.DBusXml";

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(DBUS_XML);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement a = processingEnv.getElementUtils().getTypeElement(DBUS_XML);
        if (a == null) {
            return false;
        }
        for (Element e : round.getElementsAnnotatedWith(a)) {
            generate(e, mirror(e));
        }
        return false;
    }

    private static AnnotationMirror mirror(Element e) {
        for (AnnotationMirror m : e.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().contentEquals(DBUS_XML)) {
                return m;
            }
        }
        throw new IllegalStateException("no @DBusXml on " + e);
    }

    private void generate(Element annotated, AnnotationMirror mirror) {
        PackageElement pkg = processingEnv.getElementUtils().getPackageOf(annotated);
        String packageName = pkg.getQualifiedName().toString();
        Reporter reporter = (message, where, args) -> print(message, where, annotated, mirror, args);
        List<String> files = strings(mirror, "value");
        List<String> prefix = strings(mirror, "interfacePrefix");
        List<String> overlayName = strings(mirror, "overlay");
        Overlay overlay = Overlay.empty();
        if (!overlayName.isEmpty() && !overlayName.get(0).isEmpty()) {
            String text = read(packageName, overlayName.get(0), reporter);
            if (text != null) {
                overlay = Overlay.parse(overlayName.get(0), text, reporter);
            }
        }
        List<XmlGenerator.Input> inputs = new ArrayList<>();
        for (String f : files) {
            String text = read(packageName, f, reporter);
            if (text != null) {
                inputs.add(new XmlGenerator.Input(f, text));
            }
        }
        List<JavaFile> sources = XmlGenerator.generate(inputs, new XmlGenerator.Options(packageName,
                prefix.isEmpty() ? null : prefix.get(0), overlay), reporter);
        for (JavaFile f : sources) {
            try {
                JavaFileObject file = processingEnv.getFiler().createSourceFile(
                        f.packageName() + "." + f.typeSpec().name(), annotated);
                try (Writer w = file.openWriter()) {
                    f.writeTo(w);
                }
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        "busgen could not write " + f.typeSpec().name() + ": " + e, annotated, mirror);
            }
        }
    }

    /** The text of a file named in {@code @DBusXml}, from the source path or the class path; null when missing (reported). */
    private String read(String packageName, String name, Reporter reporter) {
        String pkg = name.startsWith("/") ? "" : packageName;
        String relative = name.startsWith("/") ? name.substring(1) : name;
        List<String> tried = new ArrayList<>();
        for (StandardLocation location : List.of(StandardLocation.SOURCE_PATH, StandardLocation.CLASS_PATH)) {
            try {
                FileObject fo = processingEnv.getFiler().getResource(location, pkg, relative);
                return fo.getCharContent(true).toString();
            } catch (IOException | IllegalArgumentException e) {
                tried.add(location.getName());
            }
        }
        reporter.report(Message.XML_NOT_FOUND, Location.NONE, (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/")
                + relative, String.join(" and ", tried));
        return null;
    }

    private static List<String> strings(AnnotationMirror m, String attribute) {
        List<String> out = new ArrayList<>();
        m.getElementValues().forEach((k, v) -> {
            if (k.getSimpleName().contentEquals(attribute)) {
                Object value = v.getValue();
                if (value instanceof List<?> list) {
                    for (Object o : list) {
                        out.add(String.valueOf(((javax.lang.model.element.AnnotationValue) o).getValue()));
                    }
                } else {
                    out.add(String.valueOf(value));
                }
            }
        });
        return out;
    }

    private void print(Message message, Location where, Element annotated, AnnotationMirror mirror, Object... args) {
        Diagnostic.Kind kind = message.severity() == Severity.ERROR ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
        String text = where == Location.NONE ? message.format(args) : where + ": " + message.format(args);
        processingEnv.getMessager().printMessage(kind, text, annotated, mirror);
    }
}

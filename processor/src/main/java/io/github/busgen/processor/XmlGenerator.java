package io.github.busgen.processor;

import com.palantir.javapoet.JavaFile;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.emit.InterfaceEmitter;
import io.github.busgen.processor.frontend.xml.Overlay;
import io.github.busgen.processor.frontend.xml.XmlFrontEnd;
import io.github.busgen.processor.frontend.xml.tree.XmlDocument;
import io.github.busgen.processor.frontend.xml.tree.XmlReader;
import io.github.busgen.processor.validate.ModelRules;

import java.util.ArrayList;
import java.util.List;

/**
 * The javac-free entry point for introspection XML: from XML files to the annotated Java interfaces
 * (with their signal, result and struct records) that busgen's annotation processor then turns into
 * proxies, skeletons and introspection resources. The Maven plugin's {@code generate} goal and the
 * processor's {@code @DBusXml} entry both call it.
 *
 * <pre>{@code
 * var options = new XmlGenerator.Options("com.example.nm", "org.freedesktop.NetworkManager.", Overlay.empty());
 * for (JavaFile f : XmlGenerator.generate(List.of(new XmlGenerator.Input("nm.xml", xml)), options, reporter))
 *     f.writeTo(sourceDir);
 * }</pre>
 */
public final class XmlGenerator {
    private XmlGenerator() {
    }

    /**
     * One introspection file.
     *
     * @param file    its name in diagnostics and in the header of generated files
     * @param content its text
     */
    public record Input(String file, String content) {
    }

    /**
     * How to name the Java code.
     *
     * @param packageName     the Java package (null when the overlay gives every interface a qualified class)
     * @param interfacePrefix stripped from interface names before they become class names, or null
     * @param overlay         the user's choices of names and types
     */
    public record Options(String packageName, String interfacePrefix, Overlay overlay) {
    }

    /**
     * Reads {@code inputs}, in order, and returns the Java sources of every interface without
     * errors; problems go to {@code reporter}, each at its file, line and column.
     */
    public static List<JavaFile> generate(List<Input> inputs, Options options, Reporter reporter) {
        List<XmlDocument> documents = new ArrayList<>();
        for (Input in : inputs) {
            documents.add(XmlReader.read(in.file(), in.content()));
        }
        Overlay overlay = options.overlay() == null ? Overlay.empty() : options.overlay();
        List<JavaFile> out = new ArrayList<>();
        for (XmlFrontEnd.Result r : XmlFrontEnd.read(documents,
                new XmlFrontEnd.Options(options.packageName(), options.interfacePrefix(), overlay), reporter)) {
            Reporter.Counting counting = Reporter.counting(reporter);
            ModelRules.check(r.model(), counting);
            if (!counting.hasErrors()) {
                out.add(InterfaceEmitter.emit(r.model(), r.docs()));
            }
        }
        overlay.reportUnused(reporter);
        return out;
    }
}

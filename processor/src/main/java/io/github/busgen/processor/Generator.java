package io.github.busgen.processor;

import com.palantir.javapoet.JavaFile;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.emit.CodecEmitter;
import io.github.busgen.processor.emit.IntrospectionEmitter;
import io.github.busgen.processor.emit.ProxyEmitter;
import io.github.busgen.processor.emit.Resource;
import io.github.busgen.processor.emit.SkeletonEmitter;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.validate.ModelRules;

import java.util.ArrayList;
import java.util.List;

/**
 * The javac-free entry point: from a model to generated sources and resources. The annotation
 * processor calls it with models read from annotated interfaces and writes the result through the
 * {@code Filer}; the Maven plugin will call it with models read from introspection XML and write
 * the result to a directory.
 *
 * <pre>{@code
 * Generator.Output out = Generator.generate(model, reporter);
 * for (JavaFile f : out.sources()) f.writeTo(sourceDir);
 * for (Resource r : out.resources()) Files.writeString(resourceDir.resolve(r.path()), r.content());
 * }</pre>
 */
public final class Generator {
    private Generator() {
    }

    /**
     * What was generated for one interface.
     *
     * @param sources   the Java sources: proxy, skeleton, and the codec class when needed
     * @param resources the introspection XML
     */
    public record Output(List<JavaFile> sources, List<Resource> resources) {
        public Output {
            sources = List.copyOf(sources);
            resources = List.copyOf(resources);
        }

        /** Nothing generated. */
        public static final Output NONE = new Output(List.of(), List.of());
    }

    /**
     * Checks {@code model} and, when it breaks no rule, generates its code. Problems go to
     * {@code reporter}; with an error nothing is generated for this interface.
     */
    public static Output generate(InterfaceModel model, Reporter reporter) {
        Reporter.Counting counting = Reporter.counting(reporter);
        ModelRules.check(model, counting);
        if (counting.hasErrors()) {
            return Output.NONE;
        }
        List<JavaFile> sources = new ArrayList<>();
        sources.add(ProxyEmitter.emit(model));
        sources.add(SkeletonEmitter.emit(model));
        CodecEmitter.emit(model).ifPresent(sources::add);
        return new Output(sources, List.of(IntrospectionEmitter.emit(model)));
    }
}

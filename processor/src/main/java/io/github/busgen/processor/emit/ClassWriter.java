package io.github.busgen.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeSpec;
import io.github.busgen.processor.model.Constants;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.RuntimeTypes;

import javax.lang.model.element.Modifier;

/** What the proxy and skeleton writers share: the model, its constant names, and the class header. */
abstract class ClassWriter {
    final InterfaceModel model;
    final Constants constants;
    final ClassName codec;

    ClassWriter(InterfaceModel model) {
        this.model = model;
        this.constants = model.constants();
        this.codec = model.codecType();
    }

    /**
     * A {@code public final} class {@code name} implementing {@code superinterface}, with the
     * generated marks, and deprecated when the interface is.
     */
    TypeSpec.Builder publicClass(ClassName name, ClassName superinterface) {
        TypeSpec.Builder t = TypeSpec.classBuilder(name)
                .addAnnotation(GeneratedFiles.generated(model))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(superinterface);
        if (model.deprecated()) {
            t.addAnnotation(RuntimeTypes.DEPRECATED);
        }
        return t.addAnnotation(GeneratedFiles.suppressDeprecation());
    }
}

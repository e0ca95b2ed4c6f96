package io.github.busgen.processor.frontend.java;

import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks exception classes annotated {@code @DBusError}: a Throwable with an accessible
 * constructor taking the message. Each class is checked (and reported) once per compilation,
 * whether it is met as an annotated class or in a {@code throws} clause.
 */
final class ErrorChecks {
    private final ProcessingEnvironment env;
    private final Map<String, Boolean> checked = new HashMap<>();

    ErrorChecks(ProcessingEnvironment env) {
        this.env = env;
    }

    /** Whether {@code type} is a usable D-Bus error; reports why not the first time. */
    boolean check(TypeElement type, Reporter reporter) {
        String name = type.getQualifiedName().toString();
        Boolean known = checked.get(name);
        if (known != null) {
            return known;
        }
        boolean ok = checkNow(type, reporter);
        checked.put(name, ok);
        return ok;
    }

    private boolean checkNow(TypeElement type, Reporter reporter) {
        AnnotationMirror error = Mirrors.find(type, Mirrors.ERROR);
        JavaLocation at = JavaLocation.of(type, error, "value");
        TypeMirror throwable = env.getElementUtils().getTypeElement("java.lang.Throwable").asType();
        if (type.getKind() != ElementKind.CLASS || !env.getTypeUtils().isAssignable(type.asType(), throwable)) {
            reporter.report(Message.ERROR_NOT_THROWABLE, at, type.getQualifiedName());
            return false;
        }
        TypeMirror string = env.getElementUtils().getTypeElement("java.lang.String").asType();
        // a public class is usable from other packages, so its constructor must be public too
        boolean publicClass = type.getModifiers().contains(Modifier.PUBLIC);
        for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            boolean accessible = c.getModifiers().contains(Modifier.PUBLIC)
                    || (!publicClass && !c.getModifiers().contains(Modifier.PRIVATE));
            if (accessible && c.getParameters().size() == 1
                    && env.getTypeUtils().isSameType(c.getParameters().get(0).asType(), string)
                    && !type.getModifiers().contains(Modifier.ABSTRACT)) {
                return true;
            }
        }
        reporter.report(Message.ERROR_CONSTRUCTOR, at, type.getQualifiedName(), type.getSimpleName());
        return false;
    }
}

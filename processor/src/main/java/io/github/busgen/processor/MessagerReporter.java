package io.github.busgen.processor;

import io.github.busgen.processor.diag.Location;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.diag.Severity;
import io.github.busgen.processor.frontend.java.JavaLocation;

import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/** Prints diagnostics through javac, pointing at the element, annotation and value of their location. */
final class MessagerReporter implements Reporter {
    private final Messager messager;

    MessagerReporter(Messager messager) {
        this.messager = messager;
    }

    @Override
    public void report(Message message, Location where, Object... args) {
        Diagnostic.Kind kind = message.severity() == Severity.ERROR ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
        String text = message.format(args);
        if (where instanceof JavaLocation j) {
            Element e = positioned(j.element());
            if (j.value() != null) {
                messager.printMessage(kind, text, e, j.annotation(), j.value());
            } else if (j.annotation() != null) {
                messager.printMessage(kind, text, e, j.annotation());
            } else {
                messager.printMessage(kind, text, e);
            }
        } else {
            messager.printMessage(kind, text);
        }
    }

    /**
     * An element javac can place a diagnostic on: javac has no position for a record component,
     * but the field it makes from the component's declaration in the record header has.
     */
    private static Element positioned(Element e) {
        if (e instanceof RecordComponentElement) {
            for (VariableElement f : ElementFilter.fieldsIn(e.getEnclosingElement().getEnclosedElements())) {
                if (f.getSimpleName().equals(e.getSimpleName())) {
                    return f;
                }
            }
            return e.getEnclosingElement();
        }
        return e;
    }
}

package io.github.busgen.processor;

import io.github.busgen.processor.diag.Location;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.diag.Severity;
import io.github.busgen.processor.frontend.java.JavaLocation;

import javax.annotation.processing.Messager;
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
            if (j.value() != null) {
                messager.printMessage(kind, text, j.element(), j.annotation(), j.value());
            } else if (j.annotation() != null) {
                messager.printMessage(kind, text, j.element(), j.annotation());
            } else {
                messager.printMessage(kind, text, j.element());
            }
        } else {
            messager.printMessage(kind, text);
        }
    }
}

package io.github.busgen.processor.diag;

/** How serious a diagnostic is: an error stops generation for its interface, a warning does not. */
public enum Severity {
    /** The interface is not generated. */
    ERROR,
    /** Generation goes on; the user should look. */
    WARNING
}

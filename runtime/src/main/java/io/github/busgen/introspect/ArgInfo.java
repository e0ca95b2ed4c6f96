package io.github.busgen.introspect;

import io.github.busgen.wire.Signature;

import java.util.List;
import java.util.Objects;

/**
 * One argument of a method or signal.
 *
 * @param name        the argument's name, or null when it has none
 * @param type        its type: exactly one single complete type
 * @param annotations its annotations
 */
public record ArgInfo(String name, Signature type, List<Annotation> annotations) {
    /** Checks the type and copies the list. */
    public ArgInfo {
        Objects.requireNonNull(type, "type");
        if (!type.isSingle()) {
            throw new IllegalArgumentException("an argument has one single complete type, not \"" + type + "\"");
        }
        annotations = List.copyOf(annotations);
    }

    /** An argument without annotations. */
    public ArgInfo(String name, Signature type) {
        this(name, type, List.of());
    }

    /** An argument named {@code name} of type {@code signature}. */
    public static ArgInfo of(String name, String signature) {
        return new ArgInfo(name, Signature.single(signature));
    }
}

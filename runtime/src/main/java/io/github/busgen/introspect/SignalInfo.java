package io.github.busgen.introspect;

import io.github.busgen.names.MemberName;
import io.github.busgen.wire.Signature;

import java.util.List;
import java.util.Objects;

/**
 * A signal of an interface.
 *
 * @param name        the signal's name
 * @param args        its arguments, in order
 * @param annotations its annotations
 */
public record SignalInfo(MemberName name, List<ArgInfo> args, List<Annotation> annotations) {
    /** Copies the lists. */
    public SignalInfo {
        Objects.requireNonNull(name, "name");
        args = List.copyOf(args);
        annotations = List.copyOf(annotations);
    }

    /** The signature of the signal's body. */
    public Signature signature() {
        return Signatures.of(args);
    }
}

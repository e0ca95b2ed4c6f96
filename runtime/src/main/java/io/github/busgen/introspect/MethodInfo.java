package io.github.busgen.introspect;

import io.github.busgen.names.MemberName;
import io.github.busgen.wire.Signature;

import java.util.List;
import java.util.Objects;

/**
 * A method of an interface.
 *
 * @param name        the method's name
 * @param in          the arguments of the call, in order
 * @param out         the values of the reply, in order
 * @param annotations its annotations, for example {@link Annotation#NO_REPLY}
 */
public record MethodInfo(MemberName name, List<ArgInfo> in, List<ArgInfo> out, List<Annotation> annotations) {
    /** Copies the lists. */
    public MethodInfo {
        Objects.requireNonNull(name, "name");
        in = List.copyOf(in);
        out = List.copyOf(out);
        annotations = List.copyOf(annotations);
    }

    /** The signature a call must have. */
    public Signature inSignature() {
        return Signatures.of(in);
    }

    /** The signature of the reply. */
    public Signature outSignature() {
        return Signatures.of(out);
    }

    /** Whether {@link Annotation#NO_REPLY} is true. */
    public boolean isNoReply() {
        return Annotations.isTrue(annotations, Annotation.NO_REPLY);
    }

    /** Whether {@link Annotation#DEPRECATED} is true. */
    public boolean isDeprecated() {
        return Annotations.isTrue(annotations, Annotation.DEPRECATED);
    }
}

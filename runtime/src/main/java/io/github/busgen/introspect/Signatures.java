package io.github.busgen.introspect;

import io.github.busgen.wire.Signature;

import java.util.List;

/** Joins argument types into a signature. */
final class Signatures {
    private Signatures() {
    }

    static Signature of(List<ArgInfo> args) {
        if (args.isEmpty()) {
            return Signature.EMPTY;
        }
        StringBuilder b = new StringBuilder();
        for (ArgInfo a : args) {
            b.append(a.type().value());
        }
        return Signature.of(b.toString());
    }
}

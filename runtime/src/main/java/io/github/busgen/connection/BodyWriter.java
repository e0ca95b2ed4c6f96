package io.github.busgen.connection;

import io.github.busgen.wire.WireWriter;

/** Writes the values of a message body (or of one property) with a {@link WireWriter}. */
@FunctionalInterface
public interface BodyWriter {
    /** Writes the values; the writer is positioned where they start. */
    void write(WireWriter writer);
}

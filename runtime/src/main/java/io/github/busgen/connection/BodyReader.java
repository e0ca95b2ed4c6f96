package io.github.busgen.connection;

import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.WireReader;

/**
 * Reads one typed value from a message body (or from a property's variant) with a
 * {@link WireReader}: the counterpart of {@link BodyWriter}.
 *
 * @param <T> the value read
 */
@FunctionalInterface
public interface BodyReader<T> {
    /** Reads the value; the reader is positioned where it starts. */
    T read(WireReader reader) throws DBusProtocolException;
}

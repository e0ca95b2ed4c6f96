/**
 * The D-Bus type system and wire format: {@link io.github.busgen.wire.Signature} and its type tree
 * {@link io.github.busgen.wire.DBusType}, {@link io.github.busgen.wire.Variant}, and the
 * {@link io.github.busgen.wire.WireWriter} and {@link io.github.busgen.wire.WireReader} that
 * generated code uses to encode and decode values in either byte order at any position. Malformed
 * input raises {@link io.github.busgen.wire.DBusProtocolException} and nothing else.
 */
package io.github.busgen.wire;

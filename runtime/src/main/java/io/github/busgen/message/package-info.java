/**
 * D-Bus messages: the four types, flags, header fields, encoding ({@link
 * io.github.busgen.message.MessageBuilder}), decoding with full validation ({@link
 * io.github.busgen.message.MessageDecoder}) and framing from a byte channel ({@link
 * io.github.busgen.message.MessageFramer}). No connection state lives here.
 */
package io.github.busgen.message;

/**
 * D-Bus authentication, the SASL profile of the specification ("Authentication Protocol"):
 * {@link io.github.busgen.auth.SaslClient} and {@link io.github.busgen.auth.SaslServer} are pure
 * state machines (lines in, lines out) for EXTERNAL, DBUS_COOKIE_SHA1 and ANONYMOUS, and
 * {@link io.github.busgen.auth.Authenticator} runs them over a socket channel with a line-length
 * limit, a failure limit and a time limit. The result carries the bytes that followed
 * authentication, which belong to the message stream.
 */
package io.github.busgen.auth;

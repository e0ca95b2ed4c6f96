package io.github.busgen.connection;

import io.github.busgen.message.MessageBuilder;

import java.time.Duration;
import java.util.Objects;

/**
 * Options for one method call: its timeout and the header flags that affect how the bus and the
 * service treat it. Immutable; start from {@link #DEFAULT} and derive.
 *
 * @param timeout                       how long to wait for the reply; null means the connection's
 *                                      default (25 seconds unless configured)
 * @param noAutoStart                   set NO_AUTO_START: the bus must not start a service for it
 * @param allowInteractiveAuthorization set ALLOW_INTERACTIVE_AUTHORIZATION; pair it with a long
 *                                      timeout, since a user may be asked for a password
 */
public record CallOptions(Duration timeout, boolean noAutoStart, boolean allowInteractiveAuthorization) {
    /** The connection's default timeout and no flags. */
    public static final CallOptions DEFAULT = new CallOptions(null, false, false);

    /** Validates the timeout. */
    public CallOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** These options with another timeout. */
    public CallOptions withTimeout(Duration timeout) {
        return new CallOptions(Objects.requireNonNull(timeout), noAutoStart, allowInteractiveAuthorization);
    }

    /** These options with NO_AUTO_START set or cleared. */
    public CallOptions withNoAutoStart(boolean on) {
        return new CallOptions(timeout, on, allowInteractiveAuthorization);
    }

    /** These options with ALLOW_INTERACTIVE_AUTHORIZATION set or cleared. */
    public CallOptions withInteractiveAuthorization(boolean on) {
        return new CallOptions(timeout, noAutoStart, on);
    }

    /** Sets this call's flags on {@code builder}. */
    public MessageBuilder applyTo(MessageBuilder builder) {
        return builder.noAutoStart(noAutoStart).allowInteractiveAuthorization(allowInteractiveAuthorization);
    }
}

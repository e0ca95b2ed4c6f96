package io.github.busgen.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How a client authenticates. Immutable; start from {@link #defaults()} and change with the
 * {@code with...} methods.
 *
 * <p>Defaults: mechanisms EXTERNAL then DBUS_COOKIE_SHA1 (EXTERNAL is skipped on TCP, where the
 * server cannot see the client's credentials; ANONYMOUS only when listed), the process's real
 * uid, keyring directory {@code ~/.dbus-keyrings}, no Unix fd negotiation, 30 s time limit.
 */
public final class ClientAuthOptions {
    /** The time limit libdbus-based servers give a client to authenticate, often 30 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final List<Mechanism> mechanisms;
    private final OptionalLong uid;
    private final Path keyringDirectory;
    private final boolean negotiateUnixFd;
    private final Duration timeout;

    private ClientAuthOptions(List<Mechanism> mechanisms, OptionalLong uid, Path keyringDirectory,
                              boolean negotiateUnixFd, Duration timeout) {
        this.mechanisms = mechanisms;
        this.uid = uid;
        this.keyringDirectory = keyringDirectory;
        this.negotiateUnixFd = negotiateUnixFd;
        this.timeout = timeout;
    }

    /** The defaults described in the class comment. */
    public static ClientAuthOptions defaults() {
        return new ClientAuthOptions(List.of(Mechanism.EXTERNAL, Mechanism.DBUS_COOKIE_SHA1), UnixIds.realUid(),
                Path.of(System.getProperty("user.home", "/"), ".dbus-keyrings"), false, DEFAULT_TIMEOUT);
    }

    /**
     * The mechanisms to use, most preferred first. The first is tried first; after the server's
     * REJECTED list, the listed ones among these are tried in the server's order. ANONYMOUS is
     * used only when given here.
     */
    public ClientAuthOptions withMechanisms(Mechanism... mechanisms) {
        if (mechanisms.length == 0) {
            throw new IllegalArgumentException("at least one mechanism is needed");
        }
        List<Mechanism> list = List.copyOf(new LinkedHashSet<>(List.of(mechanisms)));
        return new ClientAuthOptions(list, uid, keyringDirectory, negotiateUnixFd, timeout);
    }

    /** The uid to claim (EXTERNAL) and to authenticate as (DBUS_COOKIE_SHA1). */
    public ClientAuthOptions withUid(long uid) {
        if (uid < 0 || uid >= 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a uid: " + uid);
        }
        return new ClientAuthOptions(mechanisms, OptionalLong.of(uid), keyringDirectory, negotiateUnixFd, timeout);
    }

    /** The directory holding DBUS_COOKIE_SHA1 cookie files (normally {@code ~/.dbus-keyrings}). */
    public ClientAuthOptions withKeyringDirectory(Path directory) {
        return new ClientAuthOptions(mechanisms, uid, Objects.requireNonNull(directory), negotiateUnixFd, timeout);
    }

    /**
     * Whether to ask for Unix fd passing after OK. Only honoured where the transport can carry file
     * descriptors, which the JDK's channels cannot: so over a {@code Transport} this never sends
     * NEGOTIATE_UNIX_FD today.
     */
    public ClientAuthOptions withUnixFdNegotiation(boolean negotiate) {
        return new ClientAuthOptions(mechanisms, uid, keyringDirectory, negotiate, timeout);
    }

    /** The most the whole conversation may take, from the NUL byte to BEGIN. */
    public ClientAuthOptions withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new ClientAuthOptions(mechanisms, uid, keyringDirectory, negotiateUnixFd, timeout);
    }

    /** The mechanisms in order of preference. */
    public List<Mechanism> mechanisms() {
        return mechanisms;
    }

    /** The uid to authenticate as; empty when it could not be read. */
    public OptionalLong uid() {
        return uid;
    }

    /** The keyring directory for DBUS_COOKIE_SHA1. */
    public Path keyringDirectory() {
        return keyringDirectory;
    }

    /** Whether Unix fd passing is wanted. */
    public boolean negotiateUnixFd() {
        return negotiateUnixFd;
    }

    /** The time limit for the conversation. */
    public Duration timeout() {
        return timeout;
    }
}

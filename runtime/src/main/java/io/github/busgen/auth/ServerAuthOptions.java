package io.github.busgen.auth;

import io.github.busgen.transport.Guids;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How a server authenticates its clients. Immutable; start from {@link #defaults()} and change with
 * the {@code with...} methods.
 *
 * <p>Defaults: a random GUID, mechanisms EXTERNAL and DBUS_COOKIE_SHA1 (ANONYMOUS only when
 * given), keyring {@code ~/.dbus-keyrings} with context {@code org_freedesktop_general}, this
 * process's effective uid and login name as the one user DBUS_COOKIE_SHA1 can prove, 6 rejections
 * before disconnecting (as libdbus), no Unix fd passing, 30 s time limit.
 */
public final class ServerAuthOptions {
    /** The cookie context servers use unless told otherwise (specification, "DBUS_COOKIE_SHA1"). */
    public static final String DEFAULT_COOKIE_CONTEXT = "org_freedesktop_general";
    /** libdbus's max_failures: the client is disconnected at the 6th REJECTED. */
    public static final int DEFAULT_MAX_FAILURES = 6;

    private final String guid;
    private final Set<Mechanism> mechanisms;
    private final Path keyringDirectory;
    private final String cookieContext;
    private final OptionalLong ownUid;
    private final String ownLoginName;
    private final int maxFailures;
    private final boolean unixFdPassing;
    private final Duration timeout;

    private ServerAuthOptions(String guid, Set<Mechanism> mechanisms, Path keyringDirectory, String cookieContext,
                              OptionalLong ownUid, String ownLoginName, int maxFailures, boolean unixFdPassing,
                              Duration timeout) {
        this.guid = guid;
        this.mechanisms = mechanisms;
        this.keyringDirectory = keyringDirectory;
        this.cookieContext = cookieContext;
        this.ownUid = ownUid;
        this.ownLoginName = ownLoginName;
        this.maxFailures = maxFailures;
        this.unixFdPassing = unixFdPassing;
        this.timeout = timeout;
    }

    /** The defaults described in the class comment. */
    public static ServerAuthOptions defaults() {
        return new ServerAuthOptions(Guids.random(), Set.copyOf(EnumSet.of(Mechanism.EXTERNAL, Mechanism.DBUS_COOKIE_SHA1)),
                Path.of(System.getProperty("user.home", "/"), ".dbus-keyrings"), DEFAULT_COOKIE_CONTEXT,
                UnixIds.effectiveUid(), UnixIds.loginName(), DEFAULT_MAX_FAILURES, false, ClientAuthOptions.DEFAULT_TIMEOUT);
    }

    /** The GUID sent in OK: the listener's, so that clients can check it against the address. */
    public ServerAuthOptions withGuid(String guid) {
        if (!Guids.isValid(guid)) {
            throw new IllegalArgumentException("a server GUID is 32 hex digits, not \"" + guid + "\"");
        }
        return new ServerAuthOptions(guid, mechanisms, keyringDirectory, cookieContext, ownUid, ownLoginName, maxFailures, unixFdPassing, timeout);
    }

    /** The mechanisms to accept. They are offered in the order EXTERNAL, DBUS_COOKIE_SHA1, ANONYMOUS. */
    public ServerAuthOptions withMechanisms(Mechanism... mechanisms) {
        if (mechanisms.length == 0) {
            throw new IllegalArgumentException("at least one mechanism is needed");
        }
        return new ServerAuthOptions(guid, Set.copyOf(EnumSet.copyOf(List.of(mechanisms))), keyringDirectory, cookieContext, ownUid,
                ownLoginName, maxFailures, unixFdPassing, timeout);
    }

    /** The keyring directory for DBUS_COOKIE_SHA1; created with mode 0700 when missing. */
    public ServerAuthOptions withKeyringDirectory(Path directory) {
        return new ServerAuthOptions(guid, mechanisms, Objects.requireNonNull(directory), cookieContext, ownUid, ownLoginName, maxFailures,
                unixFdPassing, timeout);
    }

    /** The cookie context: a file name in the keyring directory, without '/', '\', '.', or blanks. */
    public ServerAuthOptions withCookieContext(String context) {
        CookieKeyring.checkContext(context);
        return new ServerAuthOptions(guid, mechanisms, keyringDirectory, context, ownUid, ownLoginName, maxFailures, unixFdPassing, timeout);
    }

    /**
     * The user DBUS_COOKIE_SHA1 can authenticate: the owner of the keyring, by uid and login name.
     * The login name is accepted as an identity besides the numeric uid.
     */
    public ServerAuthOptions withOwnUser(long uid, String loginName) {
        return new ServerAuthOptions(guid, mechanisms, keyringDirectory, cookieContext, OptionalLong.of(uid), Objects.requireNonNull(loginName),
                maxFailures, unixFdPassing, timeout);
    }

    /** How many REJECTED replies a client gets before it is disconnected (at least 1). */
    public ServerAuthOptions withMaxFailures(int maxFailures) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1: " + maxFailures);
        }
        return new ServerAuthOptions(guid, mechanisms, keyringDirectory, cookieContext, ownUid, ownLoginName, maxFailures, unixFdPassing, timeout);
    }

    /**
     * Whether to agree to NEGOTIATE_UNIX_FD where the transport can carry file descriptors (the
     * JDK's channels cannot, so the blocking driver always answers ERROR).
     */
    public ServerAuthOptions withUnixFdPassing(boolean allow) {
        return new ServerAuthOptions(guid, mechanisms, keyringDirectory, cookieContext, ownUid, ownLoginName, maxFailures, allow, timeout);
    }

    /** The most the whole conversation may take, from the NUL byte to BEGIN. */
    public ServerAuthOptions withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new ServerAuthOptions(guid, mechanisms, keyringDirectory, cookieContext, ownUid, ownLoginName, maxFailures, unixFdPassing, timeout);
    }

    /** The GUID sent in OK. */
    public String guid() {
        return guid;
    }

    /** The accepted mechanisms, in the order they are offered. */
    public List<Mechanism> mechanisms() {
        List<Mechanism> offered = new ArrayList<>();
        for (Mechanism m : Mechanism.values()) {
            if (mechanisms.contains(m)) {
                offered.add(m);
            }
        }
        return offered;
    }

    /** The keyring directory for DBUS_COOKIE_SHA1. */
    public Path keyringDirectory() {
        return keyringDirectory;
    }

    /** The cookie context. */
    public String cookieContext() {
        return cookieContext;
    }

    /** The uid DBUS_COOKIE_SHA1 can authenticate; empty when it could not be read. */
    public OptionalLong ownUid() {
        return ownUid;
    }

    /** The login name DBUS_COOKIE_SHA1 accepts for {@link #ownUid()}. */
    public String ownLoginName() {
        return ownLoginName;
    }

    /** The number of REJECTED replies after which the client is disconnected. */
    public int maxFailures() {
        return maxFailures;
    }

    /** Whether Unix fd passing may be agreed. */
    public boolean unixFdPassing() {
        return unixFdPassing;
    }

    /** The time limit for the conversation. */
    public Duration timeout() {
        return timeout;
    }
}

package io.github.busgen.auth;

import io.github.busgen.internal.LazyLogger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The server side of D-Bus authentication as a pure state machine: each line from the client goes
 * to {@link #receive} and the lines returned are sent back (at most one: the server answers every
 * command but BEGIN with exactly one line). No I/O, except DBUS_COOKIE_SHA1's keyring file.
 *
 * <p>The states follow the specification's server diagram ("Authentication state diagrams"):
 * <pre>
 *   WaitingForAuth   AUTH             -&gt; REJECTED mechs
 *                    AUTH m [resp]    -&gt; DATA chall, WaitingForData | OK guid, WaitingForBegin | REJECTED mechs
 *                    ERROR            -&gt; REJECTED mechs            BEGIN -&gt; disconnect     other -&gt; ERROR
 *   WaitingForData   DATA resp        -&gt; as for AUTH m resp
 *                    CANCEL, ERROR    -&gt; REJECTED, WaitingForAuth  BEGIN -&gt; disconnect     other -&gt; ERROR
 *   WaitingForBegin  BEGIN            -&gt; authenticated (no reply)
 *                    NEGOTIATE_UNIX_FD -&gt; AGREE_UNIX_FD or ERROR
 *                    CANCEL, ERROR    -&gt; REJECTED, WaitingForAuth  other -&gt; ERROR
 * </pre>
 * Every REJECTED counts as a failure, a bare {@code AUTH} included (as in libdbus); at the
 * {@link ServerAuthOptions#maxFailures()}th the REJECTED line is still returned but the state
 * becomes {@link SaslState#NEED_DISCONNECT}. Error texts are libdbus's: {@code ERROR "Unknown
 * command"}, {@code ERROR "Invalid hex encoding"} (checked before the mechanism is looked at, as
 * libdbus does), {@code ERROR "Command contained non-ASCII"}.
 *
 * <p>Mechanisms:
 * <ul>
 *   <li>EXTERNAL: the claimed identity must be a numeric uid equal to the peer's uid from the
 *       socket credentials; login names are REJECTED (they would need the password database). An
 *       empty identity means "whoever the credentials say": AUTH without a response gets an empty
 *       {@code DATA} challenge, and an empty {@code DATA} answer is accepted when credentials exist.</li>
 *   <li>DBUS_COOKIE_SHA1: the identity must be this server's own uid or login name (the keyring is
 *       the server user's); the challenge names a cookie from the keyring, the answer must carry the
 *       right SHA-1.</li>
 *   <li>ANONYMOUS: accepted with any trace, authorizing no user.</li>
 * </ul>
 *
 * <p>Not thread-safe: one conversation, one thread.
 */
public final class SaslServer implements SaslMachine {
    private static final System.Logger LOG = new LazyLogger(SaslServer.class.getName());

    private enum Phase {
        WAITING_FOR_AUTH, WAITING_FOR_DATA, WAITING_FOR_BEGIN,
        AUTHENTICATED(SaslState.AUTHENTICATED), FAILED(SaslState.NEED_DISCONNECT);

        final SaslState state;

        Phase() {
            this(SaslState.WAITING_FOR_INPUT);
        }

        Phase(SaslState state) {
            this.state = state;
        }
    }

    private final ServerAuthOptions options;
    private final Supplier<OptionalLong> peerUid;
    private final boolean agreeUnixFd;
    private final String rejectedLine;
    private final List<String> rejections = new ArrayList<>();
    private Phase phase = Phase.WAITING_FOR_AUTH;
    private Mechanism current;
    /** Whether an empty challenge has asked for the identity the AUTH line left out. */
    private boolean askedForIdentity;
    private CookieKeyring.Cookie cookie;
    private String serverChallenge;
    private OptionalLong authorizedUid = OptionalLong.empty();
    private boolean unixFdAgreed;
    private String failure;

    /**
     * @param options            mechanisms, GUID, keyring, limits
     * @param peerUid            the peer's uid from the socket credentials, empty when there are
     *                           none (TCP); asked only when EXTERNAL needs it
     * @param transportPassesFds whether the connection can carry file descriptors
     */
    public SaslServer(ServerAuthOptions options, Supplier<OptionalLong> peerUid, boolean transportPassesFds) {
        this.options = options;
        this.peerUid = peerUid;
        this.agreeUnixFd = options.unixFdPassing() && transportPassesFds;
        this.rejectedLine = "REJECTED " + options.mechanisms().stream().map(Mechanism::name).collect(Collectors.joining(" "));
    }

    /**
     * Handles one line from the client.
     *
     * @param line the line without {@code \r\n}, one char per byte (ISO-8859-1)
     * @return the lines to send in reply: one, or none after BEGIN
     * @throws IllegalStateException when not waiting for input
     */
    @Override
    public List<String> receive(String line) {
        if (state() != SaslState.WAITING_FOR_INPUT) {
            throw new IllegalStateException("not waiting for input: " + phase);
        }
        if (!SaslCommand.isAsciiLine(line)) {
            return List.of(SaslCommand.error("Command contained non-ASCII"));
        }
        SaslCommand c = SaslCommand.parse(line);
        switch (c.name()) {
            case "AUTH":
                return phase == Phase.WAITING_FOR_AUTH ? onAuth(c.args()) : List.of(SaslCommand.error("Unexpected command AUTH"));
            case "DATA":
                return phase == Phase.WAITING_FOR_DATA ? onData(c.args()) : List.of(SaslCommand.error("Unexpected command DATA"));
            case "BEGIN":
                if (phase != Phase.WAITING_FOR_BEGIN) {
                    return fail("the client sent BEGIN before it was authenticated");
                }
                phase = Phase.AUTHENTICATED;
                return List.of();
            case "CANCEL":
                return phase == Phase.WAITING_FOR_AUTH ? List.of(SaslCommand.error("Unexpected command CANCEL"))
                        : reject("the client cancelled " + current);
            case "ERROR":
                return reject("the client answered ERROR " + c.args());
            case "NEGOTIATE_UNIX_FD":
                if (phase != Phase.WAITING_FOR_BEGIN) {
                    return List.of(SaslCommand.error("Unexpected command NEGOTIATE_UNIX_FD before OK"));
                }
                unixFdAgreed = agreeUnixFd;
                return List.of(agreeUnixFd ? "AGREE_UNIX_FD" : SaslCommand.error("Unix fd passing is not supported"));
            default:
                return List.of(SaslCommand.error("Unknown command"));
        }
    }

    /**
     * {@code AUTH [mechanism [initial-response]]}; blanks between the words are skipped, as
     * libdbus skips them.
     */
    private List<String> onAuth(String args) {
        String a = args.stripLeading();
        if (a.isEmpty()) {
            return reject("the client asked for the mechanism list");
        }
        int blank = a.indexOf(' ');
        String name = blank < 0 ? a : a.substring(0, blank);
        String hex = blank < 0 ? "" : a.substring(blank + 1).stripLeading();
        byte[] response = SaslCommand.unhex(hex);
        if (response == null) {
            return List.of(SaslCommand.error("Invalid hex encoding"));
        }
        Optional<Mechanism> m = Mechanism.fromWireName(name);
        if (m.isEmpty() || !options.mechanisms().contains(m.get())) {
            return reject("mechanism " + SaslCommand.printable(name) + " is not offered");
        }
        current = m.get();
        askedForIdentity = false;
        return respond(current == Mechanism.DBUS_COOKIE_SHA1 ? cookieIdentity(response) : identity(response));
    }

    private List<String> onData(String args) {
        byte[] response = SaslCommand.unhex(args.trim());
        if (response == null) {
            return List.of(SaslCommand.error("Invalid hex encoding"));
        }
        if (current == Mechanism.DBUS_COOKIE_SHA1) {
            return respond(cookie == null ? cookieIdentity(response) : cookieProof(response));
        }
        return respond(identity(response));
    }

    /** A mechanism's answer: a challenge, success with the authorized uid, or rejection with a reason. */
    private record Step(byte[] challenge, OptionalLong uid, String rejection) {
        static Step challenge(byte[] data) {
            return new Step(data, OptionalLong.empty(), null);
        }

        static Step ok(OptionalLong uid) {
            return new Step(null, uid, null);
        }

        static Step reject(String why) {
            return new Step(null, OptionalLong.empty(), why);
        }
    }

    private List<String> respond(Step step) {
        if (step.rejection() != null) {
            return reject(step.rejection());
        }
        if (step.challenge() != null) {
            phase = Phase.WAITING_FOR_DATA;
            return List.of(SaslCommand.withData("DATA", step.challenge()));
        }
        authorizedUid = step.uid();
        phase = Phase.WAITING_FOR_BEGIN;
        LOG.log(System.Logger.Level.DEBUG, "client authenticated with {0} as {1}", current, authorizedUid);
        return List.of("OK " + options.guid());
    }

    /**
     * EXTERNAL's and ANONYMOUS's answer to an identity (initial response or DATA). An empty
     * EXTERNAL identity is first asked for once with an empty challenge (the client may then name
     * one), then taken to mean the socket's uid.
     */
    private Step identity(byte[] response) {
        if (current == Mechanism.ANONYMOUS) {
            return Step.ok(OptionalLong.empty());
        }
        if (response.length == 0 && !askedForIdentity) {
            askedForIdentity = true;
            return Step.challenge(new byte[0]);
        }
        OptionalLong peer = peerUid.get();
        if (peer.isEmpty()) {
            return Step.reject("EXTERNAL: no socket credentials for the client (EXTERNAL needs a unix socket)");
        }
        if (response.length == 0) {
            return Step.ok(peer);
        }
        String claimed = new String(response, StandardCharsets.ISO_8859_1);
        long uid = SaslCommand.parseUid(claimed);
        if (uid < 0) {
            return Step.reject("EXTERNAL: identity \"" + SaslCommand.printable(claimed)
                    + "\" is not a numeric uid (login names are not accepted)");
        }
        return uid == peer.getAsLong() ? Step.ok(peer)
                : Step.reject("EXTERNAL: the client claims uid " + uid + " but the socket says uid " + peer.getAsLong());
    }

    /**
     * DBUS_COOKIE_SHA1's first step: the identity must be this server's own user, by uid or login
     * name. Answers with the challenge (specification, "DBUS_COOKIE_SHA1"):
     * <pre>
     *   DATA hex("org_freedesktop_general 701679451 3c1a...e9")
     *            ^context                 ^cookie id ^server challenge (hex of 16 random bytes)
     * </pre>
     */
    private Step cookieIdentity(byte[] response) {
        if (response.length == 0) {
            if (askedForIdentity) {
                return Step.reject("DBUS_COOKIE_SHA1: the client named no user");
            }
            askedForIdentity = true;
            return Step.challenge(new byte[0]);
        }
        String name = new String(response, StandardCharsets.ISO_8859_1);
        OptionalLong own = options.ownUid();
        if (own.isEmpty()) {
            return Step.reject("DBUS_COOKIE_SHA1: this server's own uid is unknown");
        }
        long uid = SaslCommand.isDigits(name) ? SaslCommand.parseUid(name) : name.equals(options.ownLoginName()) ? own.getAsLong() : -1;
        if (uid != own.getAsLong()) {
            return Step.reject("DBUS_COOKIE_SHA1: user \"" + SaslCommand.printable(name)
                    + "\" is not this server's user (uid " + own.getAsLong() + ")");
        }
        try {
            cookie = new CookieKeyring(options.keyringDirectory(), options.cookieContext(), UnixIds.effectiveUid()).current();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "DBUS_COOKIE_SHA1 unavailable: {0}", e.getMessage());
            return Step.reject("DBUS_COOKIE_SHA1: keyring unavailable: " + e.getMessage());
        }
        serverChallenge = SaslCommand.hex(CookieKeyring.randomBytes(16));
        String challenge = options.cookieContext() + " " + cookie.id() + " " + serverChallenge;
        return Step.challenge(challenge.getBytes(StandardCharsets.US_ASCII));
    }

    /** DBUS_COOKIE_SHA1's second step: {@code clientChallenge SP sha1hex(server:client:cookie)}. */
    private Step cookieProof(byte[] response) {
        String[] f = new String(response, StandardCharsets.ISO_8859_1).split(" ");
        if (f.length != 2 || f[0].isEmpty()) {
            return Step.reject("DBUS_COOKIE_SHA1: malformed answer to the challenge");
        }
        String expected = CookieKeyring.sha1Hex(serverChallenge + ":" + f[0] + ":" + cookie.secret());
        // constant time: the comparison must not tell an attacker how many leading digits were right
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), f[1].getBytes(StandardCharsets.ISO_8859_1))) {
            return Step.reject("DBUS_COOKIE_SHA1: wrong SHA-1 (the client does not know cookie " + cookie.id() + ")");
        }
        return Step.ok(options.ownUid());
    }

    private List<String> reject(String why) {
        rejections.add(why);
        LOG.log(System.Logger.Level.DEBUG, "rejecting: {0}", why);
        current = null;
        cookie = null;
        serverChallenge = null;
        askedForIdentity = false;
        authorizedUid = OptionalLong.empty();
        unixFdAgreed = false;
        if (rejections.size() >= options.maxFailures()) {
            failure = "the client was rejected " + rejections.size() + " times; disconnecting (" + String.join("; ", rejections) + ")";
            phase = Phase.FAILED;
        } else {
            phase = Phase.WAITING_FOR_AUTH;
        }
        return List.of(rejectedLine);
    }

    private List<String> fail(String why) {
        failure = why;
        phase = Phase.FAILED;
        authorizedUid = OptionalLong.empty();
        return List.of();
    }

    /** Where the conversation stands. */
    @Override
    public SaslState state() {
        return phase.state;
    }

    /**
     * The uid the client has proved: set from OK on (until a CANCEL), empty before, and always
     * empty for ANONYMOUS.
     */
    public OptionalLong authorizedUid() {
        return authorizedUid;
    }

    /** Why the client is to be disconnected, once the state is {@link SaslState#NEED_DISCONNECT}. */
    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The reasons for each REJECTED sent so far. */
    public List<String> rejections() {
        return List.copyOf(rejections);
    }

    /**
     * The result, once {@link SaslState#AUTHENTICATED}.
     *
     * @param leftover bytes received after {@code BEGIN\r\n}: the start of the message stream
     */
    @Override
    public AuthResult result(byte[] leftover) {
        if (phase != Phase.AUTHENTICATED) {
            throw new IllegalStateException("not authenticated: " + phase);
        }
        return new AuthResult(current, options.guid(), unixFdAgreed, authorizedUid, leftover);
    }
}

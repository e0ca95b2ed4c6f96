package io.github.busgen.auth;

import io.github.busgen.internal.LazyLogger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The client side of D-Bus authentication as a pure state machine: lines in, lines out, no I/O.
 * {@link #start()} gives the first line; each line from the server goes to {@link #receive} and
 * the lines returned are sent back; {@link #state()} says when it is over. Lines carry no
 * {@code \r\n}; the NUL byte that precedes them is the driver's business ({@link Authenticator}).
 *
 * <p>The states follow the specification's client diagram ("Authentication state diagrams"):
 * <pre>
 *   start: AUTH mech [resp] --&gt; WaitingForData (DBUS_COOKIE_SHA1) or WaitingForOK (EXTERNAL, ANONYMOUS)
 *
 *   WaitingForData  DATA c   -&gt; DATA r, WaitingForOK     (ERROR "...", stay, if the cookie is unavailable)
 *                   OK guid  -&gt; BEGIN, done             REJECTED -&gt; AUTH next mechanism
 *                   ERROR    -&gt; CANCEL, WaitingForReject   other -&gt; ERROR, stay
 *   WaitingForOK    OK guid  -&gt; BEGIN, done             REJECTED -&gt; AUTH next mechanism
 *                   DATA, ERROR -&gt; CANCEL, WaitingForReject   other -&gt; ERROR, stay
 *   WaitingForReject REJECTED -&gt; AUTH next mechanism     other -&gt; disconnect
 *   WaitingForAgreeUnixFd AGREE_UNIX_FD / ERROR -&gt; BEGIN, done (fds on / off)   other -&gt; disconnect
 * </pre>
 * With Unix fd negotiation wanted and possible, OK is answered with NEGOTIATE_UNIX_FD instead of
 * BEGIN.
 *
 * <p>Choosing mechanisms: the first usable one of {@link ClientAuthOptions#mechanisms()} opens
 * (EXTERNAL needs a unix socket). After the first REJECTED that lists mechanisms, the client tries
 * the listed ones it knows and is allowed to use, in the server's order, skipping those already
 * tried; later lists are ignored, as the specification allows. When none is left the state is
 * {@link SaslState#NEED_DISCONNECT} and {@link #failure()} says what the server offered and what
 * was tried and why it failed.
 *
 * <p>Decision: OK is accepted in WaitingForData, before DBUS_COOKIE_SHA1 has answered a challenge.
 * The specification's diagram allows it and libdbus does it (the libdbus "fallback" script expects
 * it). It is safe because SASL here proves the client to the server, never the server to the
 * client: a server that says OK early only gives up its own check. The GUID in OK must be hex.
 *
 * <p>Not thread-safe: one conversation, one thread.
 */
public final class SaslClient implements SaslMachine {
    private static final System.Logger LOG = new LazyLogger(SaslClient.class.getName());
    /** The ANONYMOUS trace (RFC 4505): who is connecting, for the server's logs. */
    private static final String ANONYMOUS_TRACE = "busgen";

    private enum Phase {
        NOT_STARTED, WAITING_FOR_DATA, WAITING_FOR_OK, WAITING_FOR_REJECT, WAITING_FOR_AGREE_UNIX_FD,
        AUTHENTICATED(SaslState.AUTHENTICATED), FAILED(SaslState.NEED_DISCONNECT);

        final SaslState state;

        Phase() {
            this(SaslState.WAITING_FOR_INPUT);
        }

        Phase(SaslState state) {
            this.state = state;
        }
    }

    private final ClientAuthOptions options;
    private final boolean unixSocket;
    private final boolean negotiateUnixFd;
    private final List<Mechanism> tried = new ArrayList<>();
    /** Why each tried mechanism failed, for the final message. */
    private final Map<Mechanism, String> problems = new LinkedHashMap<>();
    /** The first mechanism list the server sent; null until then. */
    private List<String> offered;
    private Phase phase = Phase.NOT_STARTED;
    private Mechanism current;
    private String serverGuid;
    private boolean unixFdAgreed;
    private String failure;

    /**
     * @param options            mechanisms, identity, keyring
     * @param unixSocket         whether the connection is a unix socket (EXTERNAL needs one)
     * @param transportPassesFds whether the connection can carry file descriptors; Unix fd passing
     *                           is negotiated only when this and the options both say so
     */
    public SaslClient(ClientAuthOptions options, boolean unixSocket, boolean transportPassesFds) {
        this.options = options;
        this.unixSocket = unixSocket;
        this.negotiateUnixFd = options.negotiateUnixFd() && transportPassesFds;
    }

    /** The first lines to send: {@code AUTH} with the first usable mechanism. Call once, first. */
    public List<String> start() {
        if (phase != Phase.NOT_STARTED) {
            throw new IllegalStateException("already started");
        }
        return authNext();
    }

    /**
     * Handles one line from the server.
     *
     * @param line the line without {@code \r\n}, one char per byte (ISO-8859-1)
     * @return the lines to send in reply, possibly none
     * @throws IllegalStateException when not waiting for input
     */
    @Override
    public List<String> receive(String line) {
        if (state() != SaslState.WAITING_FOR_INPUT || phase == Phase.NOT_STARTED) {
            throw new IllegalStateException("not waiting for input: " + phase);
        }
        SaslCommand c = SaslCommand.parse(line);
        if (!SaslCommand.isAsciiLine(line)) {
            c = new SaslCommand("", ""); // not a command anyone knows: handled as "anything else" below
        }
        switch (phase) {
            case WAITING_FOR_DATA:
            case WAITING_FOR_OK:
                switch (c.name()) {
                    case "DATA":
                        return phase == Phase.WAITING_FOR_DATA ? onChallenge(c.args())
                                : cancel("the server sent DATA where OK was due");
                    case "OK":
                        return onOk(c.args());
                    case "REJECTED":
                        return onRejected(c.args());
                    case "ERROR":
                        return cancel("the server answered ERROR " + c.args());
                    default:
                        return List.of(unexpected(c));
                }
            case WAITING_FOR_REJECT:
                if (c.name().equals("REJECTED")) {
                    return onRejected(c.args());
                }
                return fail("the server answered CANCEL with \"" + SaslCommand.printable(line) + "\" instead of REJECTED");
            case WAITING_FOR_AGREE_UNIX_FD:
                if (c.name().equals("AGREE_UNIX_FD") || c.name().equals("ERROR")) {
                    unixFdAgreed = c.name().equals("AGREE_UNIX_FD");
                    phase = Phase.AUTHENTICATED;
                    return List.of("BEGIN");
                }
                return fail("the server answered NEGOTIATE_UNIX_FD with \"" + SaslCommand.printable(line)
                        + "\" instead of AGREE_UNIX_FD or ERROR");
            default:
                throw new IllegalStateException(phase.toString());
        }
    }

    /** Answers a command that has no place here; the specification asks for ERROR, not a disconnect. */
    private static String unexpected(SaslCommand c) {
        switch (c.name()) {
            case "DATA": case "OK": case "REJECTED": case "ERROR": case "AGREE_UNIX_FD":
                return SaslCommand.error("Unexpected command " + c.name());
            default:
                return SaslCommand.error("Unknown command");
        }
    }

    private List<String> cancel(String why) {
        problems.putIfAbsent(current, why);
        phase = Phase.WAITING_FOR_REJECT;
        return List.of("CANCEL");
    }

    private List<String> onOk(String guid) {
        String g = guid.trim();
        if (g.isEmpty() || SaslCommand.unhex(g) == null) {
            return fail("the server sent OK without a hex GUID: \"OK " + SaslCommand.printable(guid) + "\"");
        }
        serverGuid = g;
        if (negotiateUnixFd) {
            phase = Phase.WAITING_FOR_AGREE_UNIX_FD;
            return List.of("NEGOTIATE_UNIX_FD");
        }
        phase = Phase.AUTHENTICATED;
        return List.of("BEGIN");
    }

    private List<String> onRejected(String args) {
        problems.putIfAbsent(current, "rejected");
        if (offered == null) {
            List<String> list = args.isBlank() ? List.of() : List.of(args.trim().split(" +"));
            if (!list.isEmpty()) {
                offered = list;
            }
        }
        return authNext();
    }

    /** Sends AUTH with the next mechanism to try, or gives up. */
    private List<String> authNext() {
        Mechanism next = null;
        List<Mechanism> order = new ArrayList<>();
        if (offered == null) {
            order.addAll(options.mechanisms());
        } else {
            for (String name : offered) {
                Mechanism.fromWireName(name).ifPresent(order::add);
            }
        }
        for (Mechanism m : order) {
            if (!tried.contains(m) && options.mechanisms().contains(m) && usable(m)) {
                next = m;
                break;
            }
        }
        if (next == null) {
            return fail(exhausted());
        }
        tried.add(next);
        current = next;
        LOG.log(System.Logger.Level.DEBUG, "trying {0}", next);
        switch (next) {
            case EXTERNAL:
                phase = Phase.WAITING_FOR_OK;
                return List.of("AUTH EXTERNAL " + SaslCommand.hex(Long.toString(options.uid().getAsLong())));
            case DBUS_COOKIE_SHA1:
                phase = Phase.WAITING_FOR_DATA;
                return List.of("AUTH DBUS_COOKIE_SHA1 " + SaslCommand.hex(Long.toString(options.uid().getAsLong())));
            default:
                phase = Phase.WAITING_FOR_OK;
                return List.of("AUTH ANONYMOUS " + SaslCommand.hex(ANONYMOUS_TRACE));
        }
    }

    /** Whether {@code m} can work here; if not, records why for the final message. */
    private boolean usable(Mechanism m) {
        if (m == Mechanism.ANONYMOUS) {
            return true;
        }
        if (options.uid().isEmpty()) {
            problems.putIfAbsent(m, "this process's uid is unknown (/proc/self/status unreadable)");
            return false;
        }
        if (m == Mechanism.EXTERNAL && !unixSocket) {
            problems.putIfAbsent(m, "not tried: it needs a unix socket");
            return false;
        }
        return true;
    }

    private String exhausted() {
        StringBuilder b = new StringBuilder();
        if (tried.isEmpty() && offered == null) {
            b.append("no usable authentication mechanism among ").append(options.mechanisms());
        } else {
            b.append("server rejected every mechanism: it offers ")
                    .append(offered == null ? "no list" : "[" + String.join(", ", offered) + "]")
                    .append(", busgen tried ").append(tried);
        }
        if (!problems.isEmpty()) {
            b.append(" (").append(problems.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; "))).append(')');
        }
        if (offered != null) {
            List<String> notAllowed = new ArrayList<>();
            for (String name : offered) {
                Mechanism.fromWireName(name).filter(m -> !options.mechanisms().contains(m))
                        .ifPresent(m -> notAllowed.add(m.name()));
            }
            if (!notAllowed.isEmpty()) {
                b.append("; the server also offers ").append(notAllowed)
                        .append(", which the client options do not enable");
            }
        }
        return b.toString();
    }

    /**
     * Answers a DBUS_COOKIE_SHA1 challenge (specification, "DBUS_COOKIE_SHA1"):
     * <pre>
     *   server: DATA hex("org_freedesktop_general 701679451 3c1a...e9")
     *                    ^context                ^cookie id ^server challenge
     *   client: DATA hex("9f2b...40 " + sha1hex(serverChallenge + ":" + clientChallenge + ":" + cookie))
     *                    ^client challenge
     * </pre>
     * When the cookie cannot be found the client answers ERROR and stays, as the diagram says; the
     * server then rejects and the next mechanism is tried.
     */
    private List<String> onChallenge(String hexData) {
        byte[] data = SaslCommand.unhex(hexData.trim());
        if (data == null) {
            return List.of(SaslCommand.error("Invalid hex encoding"));
        }
        if (current != Mechanism.DBUS_COOKIE_SHA1) {
            return cancel("the server sent an unexpected challenge");
        }
        String[] f = new String(data, StandardCharsets.ISO_8859_1).split(" ");
        if (f.length != 3 || !SaslCommand.isDigits(f[1]) || f[1].length() > 18 || f[2].isEmpty()) {
            problems.put(current, "malformed challenge from the server");
            return List.of(SaslCommand.error("Malformed DBUS_COOKIE_SHA1 challenge"));
        }
        String secret;
        try {
            CookieKeyring.checkContext(f[0]);
            secret = new CookieKeyring(options.keyringDirectory(), f[0], UnixIds.effectiveUid()).secret(Long.parseLong(f[1]));
        } catch (IOException | IllegalArgumentException e) {
            problems.put(current, e.getMessage());
            LOG.log(System.Logger.Level.DEBUG, "DBUS_COOKIE_SHA1 cookie unavailable: {0}", e.getMessage());
            return List.of(SaslCommand.error("Cookie not available"));
        }
        String clientChallenge = SaslCommand.hex(CookieKeyring.randomBytes(16));
        String digest = CookieKeyring.sha1Hex(f[2] + ":" + clientChallenge + ":" + secret);
        phase = Phase.WAITING_FOR_OK;
        return List.of("DATA " + SaslCommand.hex(clientChallenge + " " + digest));
    }

    private List<String> fail(String why) {
        failure = why;
        phase = Phase.FAILED;
        return List.of();
    }

    /** Where the conversation stands. */
    @Override
    public SaslState state() {
        return phase.state;
    }

    /** Why authentication failed, once the state is {@link SaslState#NEED_DISCONNECT}. */
    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The mechanism in use (or that succeeded), once one has been chosen. */
    public Optional<Mechanism> mechanism() {
        return Optional.ofNullable(current);
    }

    /** The mechanisms tried so far, in order. */
    public List<Mechanism> tried() {
        return List.copyOf(tried);
    }

    /**
     * The result, once {@link SaslState#AUTHENTICATED}.
     *
     * @param leftover bytes received after the last line
     */
    @Override
    public AuthResult result(byte[] leftover) {
        if (phase != Phase.AUTHENTICATED) {
            throw new IllegalStateException("not authenticated: " + phase);
        }
        return new AuthResult(current, serverGuid, unixFdAgreed, OptionalLong.empty(), leftover);
    }
}

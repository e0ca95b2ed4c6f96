package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.InvalidNameException;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.WireReader;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A match rule (specification, "Match Rules"): which messages a connection wants delivered. Built
 * with {@link #builder()} or parsed from its text form with {@link #parse(String)}; every key of the
 * specification is supported: {@code type sender interface member path path_namespace destination
 * argN argNpath arg0namespace eavesdrop}.
 *
 * <p>The text form is comma-separated {@code key='value'} pairs. Inside quotes a backslash is
 * itself and an apostrophe ends the quote; outside quotes {@code \'} is an apostrophe. Values are
 * always written quoted, an apostrophe as {@code '\''}.
 *
 * <p>{@link #matches} applies the rule locally, which a connection does for every message it
 * receives: a bus delivers unicast messages whatever the rules, and a peer-to-peer connection has
 * no bus to filter for it.
 */
public final class MatchRule {
    /** The highest argument index a rule may name (the specification allows 0..63). */
    public static final int MAX_ARG_INDEX = 63;

    private final MessageType type;
    private final BusName sender;
    private final InterfaceName interfaceName;
    private final MemberName member;
    private final ObjectPath path;
    private final ObjectPath pathNamespace;
    private final BusName destination;
    private final Map<Integer, String> args;
    private final Map<Integer, String> argPaths;
    private final String arg0Namespace;
    private final Boolean eavesdrop;
    private final String text;

    private MatchRule(Builder b) {
        this.type = b.type;
        this.sender = b.sender;
        this.interfaceName = b.interfaceName;
        this.member = b.member;
        this.path = b.path;
        this.pathNamespace = b.pathNamespace;
        this.destination = b.destination;
        this.args = Collections.unmodifiableMap(new TreeMap<>(b.args));
        this.argPaths = Collections.unmodifiableMap(new TreeMap<>(b.argPaths));
        this.arg0Namespace = b.arg0Namespace;
        this.eavesdrop = b.eavesdrop;
        this.text = format();
    }

    /** A builder for a rule; an empty rule matches every message. */
    public static Builder builder() {
        return new Builder();
    }

    /** A rule matching signals of {@code interfaceName.member} (either may be null for any). */
    public static MatchRule signal(InterfaceName interfaceName, MemberName member) {
        Builder b = builder().type(MessageType.SIGNAL);
        if (interfaceName != null) {
            b.interfaceName(interfaceName);
        }
        if (member != null) {
            b.member(member);
        }
        return b.build();
    }

    /** The message type to match, or null. */
    public MessageType type() {
        return type;
    }

    /** The sender to match, or null. */
    public BusName sender() {
        return sender;
    }

    /** The interface to match, or null. */
    public InterfaceName interfaceName() {
        return interfaceName;
    }

    /** The member to match, or null. */
    public MemberName member() {
        return member;
    }

    /** The exact path to match, or null. */
    public ObjectPath path() {
        return path;
    }

    /** The path namespace to match, or null. */
    public ObjectPath pathNamespace() {
        return pathNamespace;
    }

    /** The destination to match, or null. */
    public BusName destination() {
        return destination;
    }

    /** The string argument matches, by index. */
    public Map<Integer, String> args() {
        return args;
    }

    /** The argument path matches, by index. */
    public Map<Integer, String> argPaths() {
        return argPaths;
    }

    /** The arg0namespace value, or null. */
    public String arg0Namespace() {
        return arg0Namespace;
    }

    /** The eavesdrop key, or null when absent. */
    public Boolean eavesdrop() {
        return eavesdrop;
    }

    /**
     * Whether {@code message} matches this rule.
     *
     * @param ownerOf resolves a well-known {@code sender} of the rule to its current unique owner
     *                (or null when unknown); a message matches when its sender is the rule's sender
     *                or that owner
     */
    public boolean matches(Message message, Function<BusName, BusName> ownerOf) {
        if (type != null && message.type() != type) {
            return false;
        }
        if (sender != null) {
            BusName from = message.sender();
            if (from == null) {
                return false;
            }
            if (!from.equals(sender)) {
                if (sender.isUnique()) {
                    return false;
                }
                BusName owner = ownerOf.apply(sender);
                if (owner == null || !owner.equals(from)) {
                    return false;
                }
            }
        }
        if (interfaceName != null && !interfaceName.equals(message.interfaceName())) {
            return false;
        }
        if (member != null && !member.equals(message.member())) {
            return false;
        }
        if (path != null && !path.equals(message.path())) {
            return false;
        }
        if (pathNamespace != null && (message.path() == null || !message.path().startsWith(pathNamespace))) {
            return false;
        }
        if (destination != null && !destination.equals(message.destination())) {
            return false;
        }
        if (args.isEmpty() && argPaths.isEmpty() && arg0Namespace == null) {
            return true;
        }
        return argsMatch(message);
    }

    /** Whether {@code message} matches, with well-known senders compared by name only. */
    public boolean matches(Message message) {
        return matches(message, n -> null);
    }

    private boolean argsMatch(Message message) {
        int maxIndex = -1;
        for (int i : args.keySet()) {
            maxIndex = Math.max(maxIndex, i);
        }
        for (int i : argPaths.keySet()) {
            maxIndex = Math.max(maxIndex, i);
        }
        if (arg0Namespace != null) {
            maxIndex = Math.max(maxIndex, 0);
        }
        List<DBusType> types = message.signature().types();
        if (maxIndex >= types.size()) {
            return false;
        }
        // Only the string-like arguments up to the highest index named are decoded.
        String[] strings = new String[maxIndex + 1];
        char[] codes = new char[maxIndex + 1];
        try {
            WireReader r = message.bodyReader();
            for (int i = 0; i <= maxIndex; i++) {
                DBusType t = types.get(i);
                codes[i] = t.code();
                if (t.code() == DBusType.STRING) {
                    strings[i] = r.readString();
                } else if (t.code() == DBusType.OBJECT_PATH) {
                    strings[i] = r.readObjectPath().value();
                } else {
                    r.skipValue(t);
                }
            }
        } catch (DBusProtocolException e) {
            return false; // bodies are validated on receipt; a body that fails here matches nothing
        }
        for (Map.Entry<Integer, String> e : args.entrySet()) {
            int i = e.getKey();
            if (codes[i] != DBusType.STRING || !e.getValue().equals(strings[i])) {
                return false;
            }
        }
        for (Map.Entry<Integer, String> e : argPaths.entrySet()) {
            int i = e.getKey();
            if (strings[i] == null || !pathArgMatches(e.getValue(), strings[i])) {
                return false;
            }
        }
        if (arg0Namespace != null) {
            String a = strings[0];
            if (codes[0] != DBusType.STRING || a == null) {
                return false;
            }
            if (!a.equals(arg0Namespace)
                    && !(a.startsWith(arg0Namespace) && a.charAt(arg0Namespace.length()) == '.')) {
                return false;
            }
        }
        return true;
    }

    /** argNpath: equal, or one ends with '/' and is a prefix of the other. */
    static boolean pathArgMatches(String rule, String arg) {
        if (rule.equals(arg)) {
            return true;
        }
        if (rule.endsWith("/") && arg.startsWith(rule)) {
            return true;
        }
        return arg.endsWith("/") && rule.startsWith(arg);
    }

    /**
     * Parses the text form of a rule.
     *
     * @throws IllegalArgumentException saying which key or value is wrong and where
     */
    public static MatchRule parse(String rule) {
        Builder b = builder();
        int i = 0;
        int n = rule.length();
        while (i < n) {
            int keyStart = i;
            while (i < n && rule.charAt(i) != '=') {
                if (rule.charAt(i) == ',') {
                    throw new IllegalArgumentException("match rule \"" + rule + "\": key without '=' at index " + keyStart);
                }
                i++;
            }
            if (i >= n) {
                throw new IllegalArgumentException("match rule \"" + rule + "\": key without '=' at index " + keyStart);
            }
            String key = rule.substring(keyStart, i).trim();
            i++; // '='
            StringBuilder value = new StringBuilder();
            boolean quoted = false;
            while (i < n) {
                char c = rule.charAt(i);
                if (quoted) {
                    if (c == '\'') {
                        quoted = false;
                    } else {
                        value.append(c);
                    }
                } else if (c == '\'') {
                    quoted = true;
                } else if (c == '\\' && i + 1 < n && rule.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i++;
                } else if (c == ',') {
                    break;
                } else {
                    value.append(c);
                }
                i++;
            }
            if (quoted) {
                throw new IllegalArgumentException("match rule \"" + rule + "\": unterminated quote in the value of "
                        + key);
            }
            b.set(key, value.toString(), rule);
            if (i < n) {
                i++; // ','
                if (i == n) {
                    throw new IllegalArgumentException("match rule \"" + rule + "\": trailing ','");
                }
            }
        }
        return b.build();
    }

    private String format() {
        StringBuilder s = new StringBuilder();
        if (type != null) {
            add(s, "type", type.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (sender != null) {
            add(s, "sender", sender.value());
        }
        if (interfaceName != null) {
            add(s, "interface", interfaceName.value());
        }
        if (member != null) {
            add(s, "member", member.value());
        }
        if (path != null) {
            add(s, "path", path.value());
        }
        if (pathNamespace != null) {
            add(s, "path_namespace", pathNamespace.value());
        }
        if (destination != null) {
            add(s, "destination", destination.value());
        }
        for (Map.Entry<Integer, String> e : args.entrySet()) {
            add(s, "arg" + e.getKey(), e.getValue());
        }
        for (Map.Entry<Integer, String> e : argPaths.entrySet()) {
            add(s, "arg" + e.getKey() + "path", e.getValue());
        }
        if (arg0Namespace != null) {
            add(s, "arg0namespace", arg0Namespace);
        }
        if (eavesdrop != null) {
            add(s, "eavesdrop", eavesdrop.toString());
        }
        return s.toString();
    }

    private static void add(StringBuilder s, String key, String value) {
        if (s.length() > 0) {
            s.append(',');
        }
        s.append(key).append("='").append(value.replace("'", "'\\''")).append('\'');
    }

    /** The text form, as sent to AddMatch. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchRule && ((MatchRule) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Builds a {@link MatchRule}; each key at most once. */
    public static final class Builder {
        private MessageType type;
        private BusName sender;
        private InterfaceName interfaceName;
        private MemberName member;
        private ObjectPath path;
        private ObjectPath pathNamespace;
        private BusName destination;
        private final Map<Integer, String> args = new TreeMap<>();
        private final Map<Integer, String> argPaths = new TreeMap<>();
        private String arg0Namespace;
        private Boolean eavesdrop;

        private Builder() {
        }

        /** Matches messages of this type ({@link MessageType#UNKNOWN} is not allowed). */
        public Builder type(MessageType type) {
            if (type == MessageType.UNKNOWN) {
                throw new IllegalArgumentException("a match rule cannot name an unknown message type");
            }
            this.type = Objects.requireNonNull(type);
            return this;
        }

        /** Matches messages from this sender: a unique name, or a well-known name and its owner. */
        public Builder sender(BusName sender) {
            this.sender = Objects.requireNonNull(sender);
            return this;
        }

        /** Matches messages of this interface; messages without an interface do not match. */
        public Builder interfaceName(InterfaceName interfaceName) {
            this.interfaceName = Objects.requireNonNull(interfaceName);
            return this;
        }

        /** Matches messages with this member. */
        public Builder member(MemberName member) {
            this.member = Objects.requireNonNull(member);
            return this;
        }

        /** Matches messages to or from exactly this path; not together with a path namespace. */
        public Builder path(ObjectPath path) {
            if (pathNamespace != null) {
                throw new IllegalArgumentException("a match rule cannot have both path and path_namespace");
            }
            this.path = Objects.requireNonNull(path);
            return this;
        }

        /** Matches messages to or from this path or below it; not together with a path. */
        public Builder pathNamespace(ObjectPath namespace) {
            if (path != null) {
                throw new IllegalArgumentException("a match rule cannot have both path and path_namespace");
            }
            this.pathNamespace = Objects.requireNonNull(namespace);
            return this;
        }

        /** Matches messages sent to this unique name. */
        public Builder destination(BusName destination) {
            this.destination = Objects.requireNonNull(destination);
            return this;
        }

        /** Matches messages whose argument {@code index} (0..63) is the string {@code value}. */
        public Builder arg(int index, String value) {
            checkIndex(index);
            args.put(index, Objects.requireNonNull(value));
            return this;
        }

        /** Matches messages whose string or object path argument {@code index} matches the path {@code value}. */
        public Builder argPath(int index, String value) {
            checkIndex(index);
            argPaths.put(index, Objects.requireNonNull(value));
            return this;
        }

        /** Matches messages whose first argument is a string naming {@code namespace} or a name below it. */
        public Builder arg0Namespace(String namespace) {
            // like a bus name that need not contain a '.'
            if (namespace.startsWith(":") || !BusName.isValid(namespace + ".x")) {
                throw new IllegalArgumentException("invalid arg0namespace \"" + namespace
                        + "\": must be a bus or interface name, or its first elements");
            }
            this.arg0Namespace = namespace;
            return this;
        }

        /** Sets the eavesdrop key. */
        public Builder eavesdrop(boolean eavesdrop) {
            this.eavesdrop = eavesdrop;
            return this;
        }

        private static void checkIndex(int index) {
            if (index < 0 || index > MAX_ARG_INDEX) {
                throw new IllegalArgumentException("argument index " + index + " is outside 0.." + MAX_ARG_INDEX);
            }
        }

        /** The rule. */
        public MatchRule build() {
            return new MatchRule(this);
        }

        private void set(String key, String value, String rule) {
            try {
                switch (key) {
                    case "type":
                        once(type, key);
                        switch (value) {
                            case "signal": type(MessageType.SIGNAL); break;
                            case "method_call": type(MessageType.METHOD_CALL); break;
                            case "method_return": type(MessageType.METHOD_RETURN); break;
                            case "error": type(MessageType.ERROR); break;
                            default:
                                throw new IllegalArgumentException("type must be signal, method_call, method_return or error");
                        }
                        return;
                    case "sender": once(sender, key); sender(BusName.of(value)); return;
                    case "interface": once(interfaceName, key); interfaceName(InterfaceName.of(value)); return;
                    case "member": once(member, key); member(MemberName.of(value)); return;
                    case "path": once(path, key); path(ObjectPath.of(value)); return;
                    case "path_namespace": once(pathNamespace, key); pathNamespace(ObjectPath.of(value)); return;
                    case "destination": once(destination, key); destination(BusName.of(value)); return;
                    case "arg0namespace": once(arg0Namespace, key); arg0Namespace(value); return;
                    case "eavesdrop":
                        once(eavesdrop, key);
                        if (!value.equals("true") && !value.equals("false")) {
                            throw new IllegalArgumentException("eavesdrop must be 'true' or 'false'");
                        }
                        eavesdrop(Boolean.parseBoolean(value));
                        return;
                    default:
                        break;
                }
                if (key.startsWith("arg")) {
                    boolean isPath = key.endsWith("path");
                    String digits = key.substring(3, isPath ? key.length() - 4 : key.length());
                    if (!digits.isEmpty() && digits.length() <= 2 && digits.chars().allMatch(Character::isDigit)
                            && !(digits.length() == 2 && digits.charAt(0) == '0')) {
                        int index = Integer.parseInt(digits);
                        if ((isPath ? argPaths : args).containsKey(index)) {
                            throw new IllegalArgumentException("key given twice");
                        }
                        if (isPath) {
                            argPath(index, value);
                        } else {
                            arg(index, value);
                        }
                        return;
                    }
                }
                throw new IllegalArgumentException("unknown key");
            } catch (InvalidNameException e) {
                throw new IllegalArgumentException("match rule \"" + rule + "\": " + key + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("match rule \"" + rule + "\": key " + key + ": " + e.getMessage(), e);
            }
        }

        private static void once(Object current, String key) {
            if (current != null) {
                throw new IllegalArgumentException("key given twice");
            }
        }
    }
}

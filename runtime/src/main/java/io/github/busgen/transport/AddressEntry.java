package io.github.busgen.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a D-Bus address: a transport name and its key/value pairs, for example
 * {@code unix:path=/run/user/1000/bus} or {@code tcp:host=127.0.0.1,port=4242,guid=...}.
 *
 * <p>Format (specification, "Server Addresses"):
 * <pre>
 *   entry  = transport ':' [ pair { ',' pair } ]
 *   pair   = key '=' value            value: percent-escaped, never empty
 *
 *   unix:path=/tmp/my%20bus,guid=5fa01f4202cd837709a3274ca0df9d00
 *   ^^^^ ^^^^ ^^^^^^^^^^^^^ ^^^^ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
 *   transport   value        key  32 hex digits, checked
 * </pre>
 * A value byte outside {@code [-0-9A-Za-z_/.\*]} must be written {@code %XX}; an unescaped one is
 * an error, as in libdbus ("character ':' should have been escaped"). Values are UTF-8 once
 * unescaped. Transport names and keys are not escaped, so they are limited to that same set.
 *
 * <p>Decisions where libdbus is lenient: a repeated key is an error (libdbus silently keeps the
 * first), because two {@code path=} values mean the address is wrong. A trailing ',' is accepted as
 * libdbus accepts it; an empty pair between two commas is not.
 *
 * <p>Immutable. Keys keep their order; {@link #toString()} is the canonical form, every value
 * escaped minimally, so {@code parse(e.toString()).equals(e)}.
 */
public final class AddressEntry {
    private final String transport;
    private final Map<String, String> values;

    private AddressEntry(String transport, Map<String, String> values) {
        this.transport = transport;
        this.values = values;
    }

    /**
     * Parses one entry (no ';').
     *
     * @throws InvalidAddressException naming the entry and what is wrong
     */
    public static AddressEntry parse(String entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.isEmpty()) {
            throw new InvalidAddressException(entry, "the entry is empty (expected transport:key=value,...)");
        }
        int colon = entry.indexOf(':');
        if (colon < 0) {
            throw new InvalidAddressException(entry, "no ':' after the transport name (expected transport:key=value,...)");
        }
        String transport = entry.substring(0, colon);
        Map<String, String> values = new LinkedHashMap<>();
        String rest = entry.substring(colon + 1);
        if (!rest.isEmpty()) {
            String[] pairs = rest.split(",", -1);
            for (int i = 0; i < pairs.length; i++) {
                String pair = pairs[i];
                if (pair.isEmpty()) {
                    if (i == pairs.length - 1) {
                        break; // a trailing ',' is harmless; libdbus accepts it too
                    }
                    throw new InvalidAddressException(entry, "empty key=value pair (two ',' in a row)");
                }
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw new InvalidAddressException(entry, "\"" + pair + "\" has no '=' (expected key=value)");
                }
                String key = pair.substring(0, eq);
                checkKey(entry, key);
                String value = unescape(entry, key, pair.substring(eq + 1));
                if (values.putIfAbsent(key, value) != null) {
                    throw new InvalidAddressException(entry, "key \"" + key + "\" appears more than once");
                }
            }
        }
        return create(entry, transport, values);
    }

    /**
     * An entry from unescaped values, in the map's iteration order.
     *
     * @throws InvalidAddressException when the transport or a key is not a valid name, a value is
     *                                 empty, or a {@code guid} is not 32 hex digits
     */
    public static AddressEntry of(String transport, Map<String, String> values) {
        Objects.requireNonNull(transport, "transport");
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "key"), Objects.requireNonNull(e.getValue(), "value"));
        }
        String shown = format(transport, copy);
        for (String key : copy.keySet()) {
            checkKey(shown, key);
        }
        return create(shown, transport, copy);
    }

    private static AddressEntry create(String shown, String transport, Map<String, String> values) {
        if (transport.isEmpty()) {
            throw new InvalidAddressException(shown, "the transport name before ':' is empty (for example unix: or tcp:)");
        }
        int bad = firstUnsafe(transport);
        if (bad >= 0) {
            throw new InvalidAddressException(shown, "transport name \"" + transport + "\" contains '"
                    + transport.charAt(bad) + "'; transport names use only [-0-9A-Za-z_/.\\*]");
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new InvalidAddressException(shown, "key \"" + e.getKey() + "\" has an empty value");
            }
        }
        String guid = values.get("guid");
        if (guid != null && !Guids.isValid(guid)) {
            throw new InvalidAddressException(shown, "guid \"" + guid + "\" is not 32 hex digits");
        }
        return new AddressEntry(transport, Collections.unmodifiableMap(values));
    }

    private static void checkKey(String entry, String key) {
        if (key.isEmpty()) {
            throw new InvalidAddressException(entry, "a key before '=' is empty");
        }
        int bad = firstUnsafe(key);
        if (bad >= 0) {
            throw new InvalidAddressException(entry, "key \"" + key + "\" contains '" + key.charAt(bad)
                    + "'; keys use only [-0-9A-Za-z_/.\\*]");
        }
    }

    private static int firstUnsafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || !isOptionallyEscaped((byte) c)) {
                return i;
            }
        }
        return -1;
    }

    /** The bytes a value may hold unescaped: {@code [-0-9A-Za-z_/.\*]}. */
    private static boolean isOptionallyEscaped(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')
                || b == '-' || b == '_' || b == '/' || b == '.' || b == '\\' || b == '*';
    }

    /**
     * Escapes a value for an address: its UTF-8 bytes, each byte outside
     * {@code [-0-9A-Za-z_/.\*]} written as '%' and two lowercase hex digits.
     */
    public static String escape(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(bytes.length);
        for (byte x : bytes) {
            if (isOptionallyEscaped(x)) {
                b.append((char) x);
            } else {
                b.append('%').append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
            }
        }
        return b.toString();
    }

    /**
     * Unescapes a value: "%XX" becomes the byte 0xXX, optionally-escaped bytes stand for
     * themselves, and the bytes are decoded as UTF-8.
     *
     * @throws InvalidAddressException when a '%' lacks two hex digits, a byte that must be escaped
     *                                 is not, or the bytes are not UTF-8
     */
    public static String unescape(String value) {
        return unescape(value, null, value);
    }

    private static String unescape(String entry, String key, String value) {
        String where = key == null ? "value" : "value of key \"" + key + "\"";
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int hi = i + 1 < value.length() ? Guids.hexValue(value.charAt(i + 1)) : -1;
                int lo = i + 2 < value.length() ? Guids.hexValue(value.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    throw new InvalidAddressException(entry, where + ": '%' at index " + i
                            + " is not followed by two hex digits");
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80 && isOptionallyEscaped((byte) c)) {
                out.write(c);
            } else {
                String hex = c < 0x80 ? "%" + String.format("%02x", (int) c) : "%XX per UTF-8 byte";
                throw new InvalidAddressException(entry, where + ": character '" + printable(c)
                        + "' must be escaped as " + hex);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidAddressException(entry, where + ": the unescaped bytes are not UTF-8");
        }
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    /** The transport name, for example {@code unix} or {@code tcp}. */
    public String transport() {
        return transport;
    }

    /** The unescaped value of {@code key}, if present. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Whether {@code key} is present. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The keys, in order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The unescaped values by key, in order; unmodifiable. */
    public Map<String, String> values() {
        return values;
    }

    /** The server GUID ({@code guid=}), 32 hex digits, if present. */
    public Optional<String> guid() {
        return get("guid");
    }

    /** This entry with {@code key} set to {@code value}: replaced in place, or appended. */
    public AddressEntry with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return of(transport, copy);
    }

    /** This entry without {@code key}. */
    public AddressEntry without(String key) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return of(transport, copy);
    }

    private static String format(String transport, Map<String, String> values) {
        StringBuilder b = new StringBuilder(transport).append(':');
        String sep = "";
        for (Map.Entry<String, String> e : values.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(escape(e.getValue()));
            sep = ",";
        }
        return b.toString();
    }

    /** The canonical form: {@code transport:key=value,...} with minimally escaped values. */
    @Override
    public String toString() {
        return format(transport, values);
    }

    /** Equal when transport and key/value pairs are equal, whatever their order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AddressEntry && ((AddressEntry) o).transport.equals(transport)
                && ((AddressEntry) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return transport.hashCode() * 31 + values.hashCode();
    }
}

package io.github.busgen.transport;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Parsing, formatting and escaping of address entries, and every malformed-entry message. */
class AddressEntryTest {
    private static final String GUID = "5fa01f4202cd837709a3274ca0df9d00";

    @Test
    void parsesTransportKeysAndValuesInOrder() {
        AddressEntry e = AddressEntry.parse("tcp:host=127.0.0.1,port=4242,family=ipv4,guid=" + GUID);
        assertEquals("tcp", e.transport());
        assertEquals(List.of("host", "port", "family", "guid"), List.copyOf(e.keys()));
        assertEquals(Optional.of("4242"), e.get("port"));
        assertEquals(Optional.empty(), e.get("bind"));
        assertEquals(Optional.of(GUID), e.guid());
        assertEquals("tcp:host=127.0.0.1,port=4242,family=ipv4,guid=" + GUID, e.toString());
    }

    @Test
    void unescapesValuesAndFormatsThemCanonically() {
        AddressEntry e = AddressEntry.parse("unix:path=%2ftmp/a%20b%C3%A9");
        assertEquals(Optional.of("/tmp/a bé"), e.get("path"));
        // '/' needs no escape; canonical escapes are minimal and lowercase
        assertEquals("unix:path=/tmp/a%20b%c3%a9", e.toString());
    }

    @Test
    void entryWithoutPairsAndTrailingCommaAreAccepted() {
        assertEquals("autolaunch:", AddressEntry.parse("autolaunch:").toString());
        assertEquals(AddressEntry.parse("unix:path=/x"), AddressEntry.parse("unix:path=/x,"));
    }

    @Test
    void escapeLeavesOptionallyEscapedBytesAndEscapesTheRest() {
        String safe = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_/.\\*";
        assertEquals(safe, AddressEntry.escape(safe));
        assertEquals("%3a%2c%3b%3d%25%20%7e", AddressEntry.escape(":,;=% ~"));
        assertEquals("%e2%82%ac", AddressEntry.escape("\u20ac"));
        assertEquals("A:b", AddressEntry.unescape("%41%3Ab"));
    }

    @Test
    void withAndWithoutKeepOrder() {
        AddressEntry e = AddressEntry.parse("unix:path=/x,guid=" + GUID);
        assertEquals("unix:path=/y,guid=" + GUID, e.with("path", "/y").toString());
        assertEquals("unix:path=/x", e.without("guid").toString());
        assertEquals("unix:path=/x,guid=" + GUID + ",extra=1", e.with("extra", "1").toString());
    }

    @Test
    void equalityIgnoresKeyOrder() {
        assertEquals(AddressEntry.parse("tcp:host=a,port=1"), AddressEntry.parse("tcp:port=1,host=a"));
        assertEquals(AddressEntry.parse("tcp:host=a,port=1").hashCode(), AddressEntry.parse("tcp:port=1,host=a").hashCode());
    }

    static Stream<Arguments> malformedEntries() {
        return Stream.of(
                arguments("", "the entry is empty (expected transport:key=value,...)"),
                arguments("unixpath=/x", "no ':' after the transport name (expected transport:key=value,...)"),
                arguments(":path=/x", "the transport name before ':' is empty (for example unix: or tcp:)"),
                arguments("un ix:path=/x", "transport name \"un ix\" contains ' '; transport names use only [-0-9A-Za-z_/.\\*]"),
                arguments("unix:path", "\"path\" has no '=' (expected key=value)"),
                arguments("unix:=x", "a key before '=' is empty"),
                arguments("unix:pa th=/x", "key \"pa th\" contains ' '; keys use only [-0-9A-Za-z_/.\\*]"),
                arguments("unix:path=", "key \"path\" has an empty value"),
                arguments("unix:path=/a,path=/b", "key \"path\" appears more than once"),
                arguments("unix:path=/x,,guid=1", "empty key=value pair (two ',' in a row)"),
                arguments("unix:path=/tmp/%4", "value of key \"path\": '%' at index 5 is not followed by two hex digits"),
                arguments("unix:path=/tmp/%zz", "value of key \"path\": '%' at index 5 is not followed by two hex digits"),
                arguments("unix:path=/tmp/%\uff11\uff12", "value of key \"path\": '%' at index 5 is not followed by two hex digits"),
                arguments("unix:path=/tmp/a b", "value of key \"path\": character ' ' must be escaped as %20"),
                arguments("tcp:host=::1,port=1", "value of key \"host\": character ':' must be escaped as %3a"),
                arguments("unix:path=/\u00e9", "value of key \"path\": character '\u00e9' must be escaped as %XX per UTF-8 byte"),
                arguments("unix:path=/%ff", "value of key \"path\": the unescaped bytes are not UTF-8"),
                arguments("unix:path=/x,guid=123", "guid \"123\" is not 32 hex digits"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("malformedEntries")
    void malformedEntriesSayWhatIsWrong(String entry, String problem) {
        InvalidAddressException e = assertThrows(InvalidAddressException.class, () -> AddressEntry.parse(entry));
        assertEquals("invalid D-Bus address entry \"" + entry + "\": " + problem, e.getMessage());
        assertEquals(entry, e.entry());
        assertEquals(problem, e.problem());
    }

    @Test
    void ofValidatesLikeParse() {
        InvalidAddressException e = assertThrows(InvalidAddressException.class,
                () -> AddressEntry.of("unix", Map.of("path", "")));
        assertEquals("invalid D-Bus address entry \"unix:path=\": key \"path\" has an empty value", e.getMessage());
        assertThrows(InvalidAddressException.class, () -> AddressEntry.of("unix", Map.of("guid", "xyz")));
        assertThrows(InvalidAddressException.class, () -> AddressEntry.of("", Map.of()));
    }

    @Property
    void escapeThenUnescapeGivesTheValueBack(@ForAll("text") String value) {
        String escaped = AddressEntry.escape(value);
        assertTrue(escaped.chars().allMatch(c -> c < 0x80), escaped);
        assertEquals(value, AddressEntry.unescape(escaped));
    }

    @Property
    void formattedEntriesParseBackEqual(@ForAll("key") String k1, @ForAll("text") String v1,
                                        @ForAll("key") String k2, @ForAll("text") String v2) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(k1, "v" + v1); // values may not be empty
        values.put(k2, "w" + v2);
        AddressEntry e = AddressEntry.of("unix", values);
        AddressEntry back = AddressEntry.parse(e.toString());
        assertEquals(e, back);
        assertEquals(e.toString(), back.toString());
    }

    @Provide
    Arbitrary<String> text() {
        // any Unicode text without lone surrogates (which have no UTF-8 form)
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\ufffd').ofMaxLength(20);
    }

    @Provide
    Arbitrary<String> key() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', '.').ofMinLength(1).ofMaxLength(6);
    }
}

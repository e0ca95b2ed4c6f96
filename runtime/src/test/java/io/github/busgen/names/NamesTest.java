package io.github.busgen.names;

import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Length limits, messages and helpers of the name types (specification, "Valid Names"). */
class NamesTest {

    /** One kind of name: its factory, and a valid name of exactly {@code n} characters. */
    private record Kind(String kind, Function<String, Object> of, Function<Integer, String> ofLength, NameRule tooLong) {
    }

    private static final List<Kind> LIMITED = List.of(
            new Kind("bus name", BusName::of, n -> "a." + "b".repeat(n - 2), NameRule.TOO_LONG),
            new Kind("bus name", BusName::of, n -> ":1." + "2".repeat(n - 3), NameRule.TOO_LONG),
            new Kind("interface name", InterfaceName::of, n -> "a." + "b".repeat(n - 2), NameRule.TOO_LONG),
            new Kind("error name", ErrorName::of, n -> "a." + "b".repeat(n - 2), NameRule.TOO_LONG),
            new Kind("member name", MemberName::of, "m"::repeat, NameRule.TOO_LONG),
            new Kind("property name", PropertyName::of, n -> "a-" + "b".repeat(n - 2), NameRule.TOO_LONG),
            new Kind("signature", Signature::of, "i"::repeat, NameRule.SIGNATURE_TOO_LONG));

    @Test
    void namesOf255CharactersAreValidAnd256AreNot() {
        for (Kind k : LIMITED) {
            String max = k.ofLength.apply(255);
            assertEquals(255, max.length());
            assertEquals(max, k.of.apply(max).toString(), k.kind);
            String over = k.ofLength.apply(256);
            InvalidNameException e = assertThrows(InvalidNameException.class, () -> k.of.apply(over), k.kind);
            assertEquals(k.tooLong, e.rule(), k.kind);
            assertEquals(k.kind, e.kind());
            assertTrue(e.getMessage().contains(k.tooLong.text()), e::getMessage);
            // the quoted input is cut at 300 characters, so a 256-character name is shown whole
            assertTrue(e.getMessage().contains("\"" + over + "\""), e::getMessage);
        }
    }

    @Test
    void objectPathsHaveNoLengthLimit() {
        String path = "/abc".repeat(1000);
        assertEquals(path, ObjectPath.of(path).value());
    }

    @Test
    void messageNamesKindInputRuleAndIndex() {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> InterfaceName.of("org.7zip"));
        assertEquals("invalid interface name \"org.7zip\": an interface name "
                + NameRule.LEADING_DIGIT.text() + " (at index 4)", e.getMessage());
        assertEquals(NameRule.LEADING_DIGIT, e.rule());
        assertEquals(4, e.index());
        assertEquals("org.7zip", e.input());

        e = assertThrows(InvalidNameException.class, () -> MemberName.of("Get.Name"));
        assertEquals(NameRule.MEMBER_HAS_PERIOD, e.rule());
        assertTrue(e.getMessage().contains("member name") && e.getMessage().contains(NameRule.MEMBER_HAS_PERIOD.text()));

        e = assertThrows(InvalidNameException.class, () -> BusName.of("org.foo!"));
        assertEquals(NameRule.INVALID_BUS_NAME_CHARACTER, e.rule());
        assertEquals(7, e.index());

        e = assertThrows(InvalidNameException.class, () -> ObjectPath.of("/a//b"));
        assertEquals(NameRule.PATH_EMPTY_ELEMENT, e.rule());
        assertTrue(e.getMessage().startsWith("invalid object path \"/a//b\": an object path must not contain '//'"),
                e::getMessage);

        e = assertThrows(InvalidNameException.class, () -> Signature.of("a{vs}"));
        assertEquals(NameRule.SIGNATURE_DICT_KEY_NOT_BASIC, e.rule());
        assertEquals(2, e.index());
        assertTrue(e.getMessage().contains(NameRule.SIGNATURE_DICT_KEY_NOT_BASIC.text()), e::getMessage);
    }

    @Test
    void messageEscapesControlCharactersAndShortensLongInput() {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> MemberName.of("a\0b"));
        assertTrue(e.getMessage().contains("\"a\\u0000b\""), e::getMessage);
        assertEquals(1, e.index());
        String huge = "x".repeat(1000);
        e = assertThrows(InvalidNameException.class, () -> MemberName.of(huge));
        assertTrue(e.getMessage().contains("x".repeat(300) + "...\""), e::getMessage);
        assertEquals(huge, e.input(), "the full input stays available");
    }

    @Test
    void emptyNamesBreakTheEmptyRule() {
        for (Function<String, Object> of : List.<Function<String, Object>>of(BusName::of, InterfaceName::of,
                ErrorName::of, MemberName::of, PropertyName::of, ObjectPath::of)) {
            assertEquals(NameRule.EMPTY, assertThrows(InvalidNameException.class, () -> of.apply("")).rule());
        }
        assertSame(Signature.EMPTY, Signature.of(""), "the empty signature is valid");
    }

    @Test
    void nullIsNotAName() {
        assertThrows(NullPointerException.class, () -> BusName.of(null));
        assertThrows(NullPointerException.class, () -> InterfaceName.of(null));
        assertThrows(NullPointerException.class, () -> ErrorName.of(null));
        assertThrows(NullPointerException.class, () -> MemberName.of(null));
        assertThrows(NullPointerException.class, () -> PropertyName.of(null));
        assertThrows(NullPointerException.class, () -> ObjectPath.of(null));
    }

    @Test
    void rulesSpecificToEachKind() {
        assertEquals(NameRule.TWO_ELEMENTS, assertThrows(InvalidNameException.class, () -> InterfaceName.of("org")).rule());
        assertEquals(NameRule.BUS_NAME_NEEDS_PERIOD, assertThrows(InvalidNameException.class, () -> BusName.of("org")).rule());
        assertEquals(NameRule.INVALID_CHARACTER,
                assertThrows(InvalidNameException.class, () -> InterfaceName.of("org.foo-bar")).rule());
        assertTrue(BusName.isValid("org.foo-bar"), "'-' is allowed in bus names");
        assertEquals(NameRule.LEADING_DIGIT, assertThrows(InvalidNameException.class, () -> BusName.of("org.7zip")).rule());
        assertTrue(BusName.isValid(":1.7zip"), "elements of unique names may begin with a digit");
        assertEquals(NameRule.PATH_START, assertThrows(InvalidNameException.class, () -> ObjectPath.of("a/b")).rule());
        assertEquals(NameRule.PATH_TRAILING_SLASH, assertThrows(InvalidNameException.class, () -> ObjectPath.of("/a/")).rule());
        assertEquals(NameRule.PATH_CHARACTER, assertThrows(InvalidNameException.class, () -> ObjectPath.of("/a-b")).rule());
        assertEquals(NameRule.PATH_CHARACTER, assertThrows(InvalidNameException.class, () -> ObjectPath.of("/é")).rule());
        assertEquals(NameRule.INVALID_CHARACTER, assertThrows(InvalidNameException.class, () -> MemberName.of("Grüße")).rule());
    }

    /** busgen's rule for property names: printable ASCII without space, 1 to 255 characters. */
    @Test
    void propertyNamesAllowWhatMemberNamesDoNotButOnlyPrintableAscii() {
        for (String valid : List.of("Count", "_x", "disable-printing", "power-saver-enabled", "org.example:Level",
                "2fa", "-", "x*/y{z}&<\\u0041>\"'", "!~")) {
            assertEquals(valid, PropertyName.of(valid).value(), valid);
            assertTrue(PropertyName.isValid(valid), valid);
        }
        assertTrue(MemberName.isValid("Count") && PropertyName.isValid("Count"), "a member name is a property name");
        for (String invalid : List.of("paper size", "tab\there", "new\nline", "Größe", "\u007f", "nul\0")) {
            InvalidNameException e = assertThrows(InvalidNameException.class, () -> PropertyName.of(invalid), invalid);
            assertEquals(NameRule.PROPERTY_CHARACTER, e.rule(), invalid);
            assertEquals("property name", e.kind());
            assertFalse(PropertyName.isValid(invalid), invalid);
        }
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> PropertyName.of("paper size"));
        assertEquals("invalid property name \"paper size\": a property name " + NameRule.PROPERTY_CHARACTER.text()
                + " (at index 5)", e.getMessage());
        assertEquals(PropertyName.of("disable-printing"), PropertyName.of("disable-printing"));
        assertNotEquals(PropertyName.of("a"), PropertyName.of("b"));
        assertTrue(PropertyName.of("A").compareTo(PropertyName.of("B")) < 0);
    }

    @Test
    void uniqueAndWellKnownFactories() {
        assertTrue(BusName.unique(":1.42").isUnique());
        assertFalse(BusName.wellKnown("org.example.Foo").isUnique());
        assertThrows(IllegalArgumentException.class, () -> BusName.unique("org.example.Foo"));
        assertThrows(IllegalArgumentException.class, () -> BusName.wellKnown(":1.42"));
        assertEquals("org.freedesktop.DBus", BusName.DBUS.value());
    }

    @Test
    void objectPathParent() {
        assertNull(ObjectPath.ROOT.parent());
        assertSame(ObjectPath.ROOT, ObjectPath.of("/a").parent());
        assertEquals(ObjectPath.of("/a/b"), ObjectPath.of("/a/b/c").parent());
        assertEquals("/org/freedesktop", ObjectPath.of("/org/freedesktop/DBus").parent().value());
    }

    @Test
    void objectPathChild() {
        assertEquals(ObjectPath.of("/a"), ObjectPath.ROOT.child("a"));
        assertEquals(ObjectPath.of("/a/b_1"), ObjectPath.of("/a").child("b_1"));
        assertEquals(ObjectPath.of("/a"), ObjectPath.of("/a").child("b").parent());
        // a child is exactly one more element: not zero, not several, not a path
        for (String element : List.of("", "b/c", "/b", "b/", "b-c", "b c")) {
            assertThrows(InvalidNameException.class, () -> ObjectPath.ROOT.child(element), element);
            assertThrows(InvalidNameException.class, () -> ObjectPath.of("/a").child(element), element);
        }
    }

    @Test
    void objectPathStartsWith() {
        ObjectPath ab = ObjectPath.of("/a/b");
        assertTrue(ab.startsWith(ObjectPath.ROOT));
        assertTrue(ab.startsWith(ObjectPath.of("/a")));
        assertTrue(ab.startsWith(ab));
        assertFalse(ab.startsWith(ObjectPath.of("/a/b/c")));
        assertFalse(ObjectPath.of("/ab").startsWith(ObjectPath.of("/a")), "element boundaries count");
        assertFalse(ObjectPath.of("/a").startsWith(ObjectPath.of("/b")));
        assertTrue(ObjectPath.ROOT.startsWith(ObjectPath.ROOT));
        assertFalse(ObjectPath.ROOT.startsWith(ObjectPath.of("/a")));
    }

    @Test
    void valueSemantics() {
        assertSame(ObjectPath.ROOT, ObjectPath.of("/"));
        assertTrue(ObjectPath.ROOT.isRoot());
        assertFalse(ObjectPath.of("/a").isRoot());
        assertEquals(ObjectPath.of("/a/b"), ObjectPath.of("/a/b"));
        assertEquals(ObjectPath.of("/a/b").hashCode(), ObjectPath.of("/a/b").hashCode());
        assertNotEquals(ObjectPath.of("/a"), ObjectPath.of("/b"));
        assertTrue(ObjectPath.of("/a").compareTo(ObjectPath.of("/b")) < 0);
        assertEquals(BusName.of(":1.2"), BusName.of(":1.2"));
        assertNotEquals(BusName.of("a.b"), InterfaceName.of("a.b"));
        assertEquals(InterfaceName.of("a.b"), InterfaceName.of("a.b"));
        assertEquals(ErrorName.of("a.b").hashCode(), ErrorName.of("a.b").hashCode());
        assertEquals(MemberName.of("Foo"), MemberName.of("Foo"));
        assertTrue(MemberName.of("A").compareTo(MemberName.of("B")) < 0);
    }
}

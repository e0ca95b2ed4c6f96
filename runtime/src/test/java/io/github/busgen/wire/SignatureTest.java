package io.github.busgen.wire;

import io.github.busgen.names.InvalidNameException;
import io.github.busgen.names.NameRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signature rules beyond libdbus's table (specification, "Valid Signatures"), and the type tree. */
class SignatureTest {

    private static void assertRule(NameRule rule, int index, String sig) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> Signature.of(sig), sig);
        assertEquals(rule, e.rule(), e::getMessage);
        assertEquals(index, e.index(), e::getMessage);
        assertFalse(Signature.isValid(sig));
    }

    @Test
    void thirtyTwoNestedArraysAndThirtyTwoNestedStructsAreTheLimit() {
        assertTrue(Signature.isValid("a".repeat(32) + "i"));
        assertRule(NameRule.SIGNATURE_ARRAY_DEPTH, 32, "a".repeat(33) + "i");
        assertTrue(Signature.isValid("(".repeat(32) + "i" + ")".repeat(32)));
        assertRule(NameRule.SIGNATURE_STRUCT_DEPTH, 32, "(".repeat(33) + "i" + ")".repeat(33));
        // both at once: the specification's "total depth of recursion is 64"
        assertTrue(Signature.isValid("a".repeat(32) + "(".repeat(32) + "i" + ")".repeat(32)));
        // the limits are on nesting, not on counts: siblings do not add up
        assertTrue(Signature.isValid(("(" .repeat(32) + "i" + ")".repeat(32)).repeat(3)));
    }

    @Test
    void dictEntriesDoNotCountAsStructs() {
        // "32 array type codes and 32 open parentheses": braces are neither, and libdbus keeps a
        // separate dict-entry depth; every '{' follows an 'a', so the array limit bounds them
        String deep = "a{s" + "(".repeat(32) + "i" + ")".repeat(32) + "}";
        assertEquals(deep, Signature.of(deep).value());
        assertRule(NameRule.SIGNATURE_STRUCT_DEPTH, 35, "a{s" + "(".repeat(33) + "i" + ")".repeat(33) + "}");
        String dicts = "a{sa{sa{sa{si}}}}";
        assertEquals(dicts, Signature.of(dicts).value());
    }

    @Test
    void rulesNotInLibdbusTable() {
        assertRule(NameRule.SIGNATURE_DICT_NOT_STARTED, 0, "}");
        assertRule(NameRule.SIGNATURE_DICT_NOT_STARTED, 2, "(i}");
        assertRule(NameRule.SIGNATURE_DICT_NOT_ENDED, 1, "a{s");
        assertRule(NameRule.SIGNATURE_DICT_NOT_ENDED, 1, "a{sv");
        assertRule(NameRule.SIGNATURE_DICT_FIELDS, 1, "a{s}");
        assertRule(NameRule.SIGNATURE_DICT_KEY_NOT_BASIC, 2, "a{vs}");
        assertRule(NameRule.SIGNATURE_DICT_OUTSIDE_ARRAY, 1, "({sv})");
        // 'r' and 'e' are reserved for bindings and must not appear in signatures
        assertRule(NameRule.SIGNATURE_UNKNOWN_TYPE_CODE, 0, "r");
        assertRule(NameRule.SIGNATURE_UNKNOWN_TYPE_CODE, 1, "ae");
        assertRule(NameRule.SIGNATURE_UNKNOWN_TYPE_CODE, 0, "\0");
        assertRule(NameRule.SIGNATURE_UNKNOWN_TYPE_CODE, 1, "i\u00e9");
        assertRule(NameRule.SIGNATURE_UNKNOWN_TYPE_CODE, 2, "a{\u00e9s}");
        assertRule(NameRule.SIGNATURE_TOO_LONG, 255, "(" + "i".repeat(254) + ")");
    }

    @Test
    void singleCompleteTypes() {
        assertEquals("a{sv}", Signature.single("a{sv}").value());
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> Signature.single("ii"));
        assertEquals(NameRule.SIGNATURE_NOT_SINGLE_TYPE, e.rule());
        e = assertThrows(InvalidNameException.class, () -> Signature.single(""));
        assertEquals(NameRule.SIGNATURE_NOT_SINGLE_TYPE, e.rule());
        assertTrue(Signature.of("(ii)").isSingle());
        assertFalse(Signature.of("ii").isSingle());
        assertThrows(IllegalStateException.class, () -> Signature.of("ii").type());
    }

    @Test
    void typeTree() {
        Signature s = Signature.of("sa{sv}(ia(yd))h");
        List<DBusType> types = s.types();
        assertEquals(4, types.size());
        assertEquals("s", types.get(0).signature());
        DBusType dict = types.get(1);
        assertTrue(dict.isDict());
        assertEquals(DBusType.DICT_ENTRY, dict.elementType().code());
        assertEquals("s", dict.elementType().fields().get(0).signature());
        assertEquals("v", dict.elementType().fields().get(1).signature());
        DBusType struct = types.get(2);
        assertEquals(DBusType.STRUCT, struct.code());
        assertEquals(List.of(DBusType.basic('i'), DBusType.arrayOf(Signature.of("(yd)").type())), struct.fields());
        assertEquals(s, Signature.of(types));
        assertEquals(Signature.of("h"), Signature.of(types.get(3)));
        assertSame(Signature.EMPTY, Signature.of(List.of()));
        assertThrows(IllegalStateException.class, () -> DBusType.basic('i').elementType());
        assertThrows(IllegalStateException.class, () -> DBusType.basic('i').fields());
    }

    @Test
    void alignmentAndSizeOfEveryType() {
        // specification, "Summary of D-Bus marshalling": code, alignment, fixed size (-1: not fixed)
        Object[][] table = {
                {"y", 1, 1}, {"b", 4, 4}, {"n", 2, 2}, {"q", 2, 2}, {"i", 4, 4}, {"u", 4, 4},
                {"x", 8, 8}, {"t", 8, 8}, {"d", 8, 8}, {"h", 4, 4},
                {"s", 4, -1}, {"o", 4, -1}, {"g", 1, -1}, {"v", 1, -1},
                {"ay", 4, -1}, {"(y)", 8, -1}, {"a{yy}", 4, -1},
        };
        for (Object[] row : table) {
            DBusType t = Signature.single((String) row[0]).type();
            assertEquals(row[1], t.alignment(), (String) row[0]);
            assertEquals(row[2], t.fixedSize(), (String) row[0]);
            assertEquals((int) row[2] > 0, t.isFixed(), (String) row[0]);
        }
        assertEquals(8, Signature.of("a{yy}").type().elementType().alignment(), "dict entries align like structs");
        for (char c : "ybnqiuxtdsogh".toCharArray()) {
            assertTrue(DBusType.basic(c).isBasic(), "basic " + c);
        }
        for (String c : List.of("v", "ai", "(i)")) {
            assertTrue(Signature.single(c).type().isContainer(), "container " + c);
        }
        assertEquals(null, DBusType.basic('a'));
        assertEquals(null, DBusType.basic('\u00e9'));
    }

    @Test
    void valueSemantics() {
        assertEquals(Signature.of("a{sv}"), Signature.of("a{sv}"));
        assertEquals(Signature.of("a{sv}").hashCode(), Signature.of("a{sv}").hashCode());
        assertEquals("a{sv}", Signature.of("a{sv}").toString());
        assertTrue(Signature.EMPTY.isEmpty());
        assertFalse(Signature.of("i").isEmpty());
    }
}

package io.github.busgen.names;

import io.github.busgen.testing.Corpus;
import io.github.busgen.testing.MarkdownTables;
import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.github.busgen.testing.MarkdownTables.jsonString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every verdict of libdbus's own signature and name validity tests, read at test time from
 * {@code libdbus/validity-cases.md} in the shared corpus: busgen must agree on each, and for
 * signatures must name the {@link NameRule} that matches libdbus's {@code DBUS_INVALID_*} reason.
 * The few cases where busgen follows the specification rather than libdbus are listed in
 * {@link SpecVersusLibdbusTest}; this test checks them against that list.
 */
class LibdbusValidityCasesTest {
    private static final String FILE = "libdbus/validity-cases.md";

    /** libdbus's reason codes (dbus-marshal-validate.h) and the busgen rule that stands for each. */
    private static final Map<String, NameRule> SIGNATURE_REASONS = Map.ofEntries(
            Map.entry("DBUS_INVALID_UNKNOWN_TYPECODE", NameRule.SIGNATURE_UNKNOWN_TYPE_CODE),
            Map.entry("DBUS_INVALID_MISSING_ARRAY_ELEMENT_TYPE", NameRule.SIGNATURE_MISSING_ARRAY_ELEMENT),
            Map.entry("DBUS_INVALID_SIGNATURE_TOO_LONG", NameRule.SIGNATURE_TOO_LONG),
            Map.entry("DBUS_INVALID_EXCEEDED_MAXIMUM_ARRAY_RECURSION", NameRule.SIGNATURE_ARRAY_DEPTH),
            Map.entry("DBUS_INVALID_EXCEEDED_MAXIMUM_STRUCT_RECURSION", NameRule.SIGNATURE_STRUCT_DEPTH),
            Map.entry("DBUS_INVALID_STRUCT_ENDED_BUT_NOT_STARTED", NameRule.SIGNATURE_STRUCT_NOT_STARTED),
            Map.entry("DBUS_INVALID_STRUCT_STARTED_BUT_NOT_ENDED", NameRule.SIGNATURE_STRUCT_NOT_ENDED),
            Map.entry("DBUS_INVALID_STRUCT_HAS_NO_FIELDS", NameRule.SIGNATURE_EMPTY_STRUCT),
            // libdbus tells zero, one and three fields apart; busgen has one rule: exactly two
            Map.entry("DBUS_INVALID_DICT_ENTRY_HAS_NO_FIELDS", NameRule.SIGNATURE_DICT_FIELDS),
            Map.entry("DBUS_INVALID_DICT_ENTRY_HAS_ONLY_ONE_FIELD", NameRule.SIGNATURE_DICT_FIELDS),
            Map.entry("DBUS_INVALID_DICT_ENTRY_HAS_TOO_MANY_FIELDS", NameRule.SIGNATURE_DICT_FIELDS),
            Map.entry("DBUS_INVALID_DICT_KEY_MUST_BE_BASIC_TYPE", NameRule.SIGNATURE_DICT_KEY_NOT_BASIC),
            Map.entry("DBUS_INVALID_DICT_ENTRY_NOT_INSIDE_ARRAY", NameRule.SIGNATURE_DICT_OUTSIDE_ARRAY),
            Map.entry("DBUS_INVALID_DICT_ENTRY_ENDED_BUT_NOT_STARTED", NameRule.SIGNATURE_DICT_NOT_STARTED),
            Map.entry("DBUS_INVALID_DICT_ENTRY_STARTED_BUT_NOT_ENDED", NameRule.SIGNATURE_DICT_NOT_ENDED));

    private static Map<String, List<List<String>>> tables;

    /** The tables, read once; each test calls this, so that each reports the skip when the corpus is absent. */
    private static synchronized Map<String, List<List<String>>> tables() {
        if (tables == null) {
            tables = MarkdownTables.read(Corpus.require(FILE));
        }
        return tables;
    }

    @TestFactory
    Stream<DynamicTest> signatures() {
        List<List<String>> rows = MarkdownTables.table(tables(), "1. Type signatures");
        assertEquals(38, rows.size(), "libdbus's signature_tests[] has 38 entries");
        return rows.stream().map(row -> {
            String sig = jsonString(row.get(1));
            String code = row.get(4).replace("`", "");
            if (sig == null) {
                // row 38: commented out upstream ("too hard to test this way"); a String can say it
                assertEquals("DBUS_INVALID_SIGNATURE_TOO_LONG", code);
                return DynamicTest.dynamicTest("#" + row.get(0) + " 256 characters: " + code,
                        () -> assertSignature("i".repeat(256), false, code));
            }
            assertEquals(Integer.parseInt(row.get(2)), sig.length(), () -> "length column of " + row);
            return DynamicTest.dynamicTest("#" + row.get(0) + " " + sig + ": " + code,
                    () -> assertSignature(sig, verdict(row.get(3)), code));
        });
    }

    private static void assertSignature(String sig, boolean valid, String code) {
        if (valid) {
            assertEquals("DBUS_VALID", code);
            assertEquals(sig, Signature.of(sig).value());
            assertTrue(Signature.isValid(sig));
            return;
        }
        NameRule expected = SIGNATURE_REASONS.get(code);
        assertNotNull(expected, () -> "no NameRule mapped for libdbus reason " + code);
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> Signature.of(sig));
        assertEquals(expected, e.rule(), () -> "libdbus says " + code + "; busgen: " + e.getMessage());
        assertFalse(Signature.isValid(sig));
        assertEquals("signature", e.kind());
        assertEquals(sig, e.input());
    }

    @TestFactory
    Stream<DynamicTest> objectPaths() {
        return simpleTable("2. Object paths", ObjectPath::isValid, ObjectPath::of);
    }

    @TestFactory
    Stream<DynamicTest> memberNames() {
        return simpleTable("5. Member names", MemberName::isValid, MemberName::of);
    }

    /** A table of rows "# | string | len | valid?" checked by one validator. */
    private static Stream<DynamicTest> simpleTable(String heading, Predicate<String> isValid, Factory factory) {
        return MarkdownTables.table(tables(), heading).stream().map(row -> {
            String s = checkedString(row);
            return verdictTest("#" + row.get(0) + " \"" + s + "\"", s, row.get(3), isValid, factory);
        });
    }

    /** A test that {@code s} gets the verdict of table cell {@code cell} from one kind of name. */
    private static DynamicTest verdictTest(String name, String s, String cell, Predicate<String> isValid,
                                           Factory factory) {
        return DynamicTest.dynamicTest(name + ": " + cell, () -> assertVerdict(s, verdict(cell), isValid, factory));
    }

    private interface Factory {
        Object of(String s);
    }

    private static void assertVerdict(String s, boolean valid, Predicate<String> isValid, Factory factory) {
        assertEquals(valid, isValid.test(s), () -> "isValid(\"" + s + "\")");
        if (valid) {
            assertEquals(s, factory.of(s).toString());
        } else {
            InvalidNameException e = assertThrows(InvalidNameException.class, () -> factory.of(s));
            assertEquals(s, e.input());
        }
    }

    @TestFactory
    Stream<DynamicTest> interfaceBusAndErrorNames() {
        List<List<String>> rows = MarkdownTables.table(tables(), "3. Interface names");
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> unasserted = new HashSet<>();
        for (List<String> row : rows) {
            String s = checkedString(row);
            String name = "#" + row.get(0) + " \"" + s + "\"";
            tests.add(verdictTest(name + " as interface", s, row.get(3), InterfaceName::isValid, InterfaceName::of));
            if (row.get(4).startsWith("(not asserted")) {
                unasserted.add(s);
                continue;
            }
            tests.add(verdictTest(name + " as bus name", s, row.get(4), BusName::isValid, BusName::of));
            tests.add(verdictTest(name + " as error name", s, row.get(5), ErrorName::isValid, ErrorName::of));
        }
        // the ':' rows libdbus leaves unasserted are decided explicitly in SpecVersusLibdbusTest
        tests.add(DynamicTest.dynamicTest("unasserted ':' rows are decided in SpecVersusLibdbusTest",
                () -> assertEquals(SpecVersusLibdbusTest.UNASSERTED_INTERFACE_ROWS, unasserted)));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> uniqueNames() {
        List<List<String>> rows = MarkdownTables.table(tables(), "4. Unique connection names");
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> commentedOut = new HashSet<>();
        for (List<String> row : rows) {
            String s = checkedString(row);
            String libdbus = row.get(3);
            if (libdbus.startsWith("commented out")) {
                commentedOut.add(s);
                continue;
            }
            boolean libdbusValid = verdict(libdbus);
            Executable check;
            if (SpecVersusLibdbusTest.UNIQUE_NAMES_WITHOUT_PERIOD.contains(s)) {
                // libdbus accepts it; busgen follows the specification (see SpecVersusLibdbusTest)
                assertTrue(libdbusValid, () -> s + " is listed as a libdbus/spec disagreement but libdbus rejects it");
                check = () -> assertEquals(NameRule.BUS_NAME_NEEDS_PERIOD,
                        assertThrows(InvalidNameException.class, () -> BusName.of(s)).rule());
            } else {
                check = () -> assertVerdict(s, libdbusValid, BusName::isValid, BusName::of);
            }
            tests.add(DynamicTest.dynamicTest("#" + row.get(0) + " \"" + s + "\" libdbus: " + libdbus, check));
        }
        tests.add(DynamicTest.dynamicTest("commented-out rows are decided in SpecVersusLibdbusTest",
                () -> assertEquals(SpecVersusLibdbusTest.COMMENTED_OUT_UNIQUE_NAMES, commentedOut)));
        return tests.stream();
    }

    private static final Pattern REPEATED = Pattern.compile("repeated (\\d+) times");
    private static final Pattern BACKTICKED = Pattern.compile("`(\"[^`]*\")`");

    @TestFactory
    Stream<DynamicTest> builtAtRunTime() {
        List<List<String>> rows = MarkdownTables.table(tables(), "6. Cases the test builds at run time");
        assertEquals(5, rows.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (List<String> row : rows) {
            String s = runTimeString(row.get(1));
            assertEquals(Integer.parseInt(row.get(2)), s.length(), () -> "length column of " + row);
            assertTrue(row.get(4).startsWith("invalid"), () -> "all run-time cases are invalid: " + row);
            NameRule lengthRule = s.length() > 255 ? NameRule.TOO_LONG : null;
            for (String kind : row.get(3).split(", ")) {
                Executable check;
                switch (kind) {
                    case "bus name":
                    case "bus name (unique)":
                        check = () -> assertInvalid(s, BusName::of, lengthRule, NameRule.INVALID_BUS_NAME_CHARACTER);
                        break;
                    case "interface":
                        check = () -> assertInvalid(s, InterfaceName::of, lengthRule, NameRule.INVALID_CHARACTER);
                        break;
                    case "error name":
                        check = () -> assertInvalid(s, ErrorName::of, lengthRule, NameRule.INVALID_CHARACTER);
                        break;
                    case "member":
                        check = () -> assertInvalid(s, MemberName::of, lengthRule, NameRule.INVALID_CHARACTER);
                        break;
                    default:
                        throw new AssertionError("unknown kind \"" + kind + "\" in " + row);
                }
                tests.add(DynamicTest.dynamicTest("#" + row.get(0) + " (" + s.length() + " chars) as " + kind, check));
            }
        }
        return tests.stream();
    }

    /** Over 255 characters: TOO_LONG; otherwise the embedded NUL breaks the character rule, at its index. */
    private static void assertInvalid(String s, Factory factory, NameRule lengthRule, NameRule characterRule) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> factory.of(s));
        if (lengthRule != null) {
            assertEquals(lengthRule, e.rule(), e::getMessage);
        } else {
            assertEquals(characterRule, e.rule(), e::getMessage);
            assertEquals(s.indexOf('\0'), e.index(), e::getMessage);
        }
    }

    /** The string of a run-time row: a literal, or literals with the last one repeated N times. */
    private static String runTimeString(String cell) {
        Matcher rep = REPEATED.matcher(cell);
        if (!rep.find()) {
            return jsonString(cell);
        }
        List<String> literals = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(cell);
        while (m.find()) {
            literals.add(jsonString("`" + m.group(1) + "`"));
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < literals.size() - 1; i++) {
            b.append(literals.get(i));
        }
        return b.append(literals.get(literals.size() - 1).repeat(Integer.parseInt(rep.group(1)))).toString();
    }

    private static String checkedString(List<String> row) {
        String s = jsonString(row.get(1));
        assertNotNull(s, () -> "no string literal in " + row);
        assertEquals(Integer.parseInt(row.get(2)), s.length(), () -> "length column of " + row);
        return s;
    }

    private static boolean verdict(String cell) {
        if (cell.equals("valid")) {
            return true;
        }
        if (cell.equals("invalid")) {
            return false;
        }
        throw new AssertionError("not a verdict: " + cell);
    }

    @Test
    void corpusFileIsTheOneTranscribedFromLibdbus() throws Exception {
        // guards the parser above against a silently different file: all six tables are there
        String text = Files.readString(Corpus.require(FILE));
        assertTrue(text.contains("e85d83239e9b8215349f6586819569acbf66cd85"));
        for (String h : List.of("1. Type signatures", "2. Object paths", "3. Interface names",
                "4. Unique connection names", "5. Member names", "6. Cases the test builds at run time")) {
            assertFalse(MarkdownTables.table(tables(), h).isEmpty(), h);
        }
    }
}

package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The match rule builder, parser, text form and local matching (specification, "Match Rules"). */
class MatchRuleTest {
    @Test
    void everyKeyParsesAndFormatsBack() {
        String text = "type='signal',sender='org.example.App',interface='org.example.Iface',member='Changed',"
                + "path_namespace='/org/example',destination=':1.5',arg0='a',arg3='d',arg1path='/x/',"
                + "arg0namespace='org.example',eavesdrop='true'";
        MatchRule r = MatchRule.parse(text);
        assertEquals(MessageType.SIGNAL, r.type());
        assertEquals(BusName.of("org.example.App"), r.sender());
        assertEquals(InterfaceName.of("org.example.Iface"), r.interfaceName());
        assertEquals(MemberName.of("Changed"), r.member());
        assertEquals(ObjectPath.of("/org/example"), r.pathNamespace());
        assertEquals(BusName.of(":1.5"), r.destination());
        assertEquals(Map.of(0, "a", 3, "d"), r.args());
        assertEquals(Map.of(1, "/x/"), r.argPaths());
        assertEquals("org.example", r.arg0Namespace());
        assertEquals(Boolean.TRUE, r.eavesdrop());
        assertEquals(r, MatchRule.parse(r.toString()));
        assertEquals("type='signal',sender='org.example.App',interface='org.example.Iface',member='Changed',"
                + "path_namespace='/org/example',destination=':1.5',arg0='a',arg3='d',arg1path='/x/',"
                + "arg0namespace='org.example',eavesdrop='true'", r.toString());
        assertEquals(ObjectPath.of("/p"), MatchRule.parse("path='/p'").path());
    }

    @Test
    void quotingFollowsTheSpecificationsExamples() {
        // "arg0=''\''',arg1='\',arg2=',',arg3='\\'" and "arg0=\',arg1=\,arg2=',',arg3=\\" both mean:
        // a 1-character apostrophe, a 1-character backslash, a comma, two backslashes
        Map<Integer, String> expected = Map.of(0, "'", 1, "\\", 2, ",", 3, "\\\\");
        assertEquals(expected, MatchRule.parse("arg0=''\\''',arg1='\\',arg2=',',arg3='\\\\'").args());
        assertEquals(expected, MatchRule.parse("arg0=\\',arg1=\\,arg2=',',arg3=\\\\").args());
        MatchRule r = MatchRule.builder().arg(0, "it's").build();
        assertEquals("arg0='it'\\''s'", r.toString());
        assertEquals("it's", MatchRule.parse(r.toString()).args().get(0));
    }

    @Test
    void badRulesSayWhatIsWrong() {
        assertMessage("type='bogus'", "type must be signal");
        assertMessage("member='Foo',member='Bar'", "given twice");
        assertMessage("interface='nodots'", "interface name");
        assertMessage("arg64='x'", "outside 0..63");
        assertMessage("argx='x'", "unknown key");
        assertMessage("frob='x'", "unknown key");
        assertMessage("member", "without '='");
        assertMessage("member='x", "unterminated quote");
        assertMessage("path='/a',path_namespace='/b'", "both path and path_namespace");
        assertMessage("member='A',", "trailing ','");
        assertThrows(IllegalArgumentException.class, () -> MatchRule.builder().arg(64, "x"));
        assertThrows(IllegalArgumentException.class, () -> MatchRule.builder().arg0Namespace(":1"));
    }

    private static void assertMessage(String rule, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MatchRule.parse(rule));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains(rule), "names the rule: " + e.getMessage());
    }

    private static Message signal(String path, String sender, String signature, Object... args) {
        var b = Message.signal(ObjectPath.of(path), InterfaceName.of("org.example.Iface"), MemberName.of("Changed"))
                .sender(BusName.of(sender));
        return signature.isEmpty() ? b.build() : b.body(Signature.of(signature), args);
    }

    @Test
    void localMatchingAppliesEveryKey() {
        Message m = signal("/org/example/a", ":1.7", "so", "org.example.Foo.Bar", ObjectPath.of("/aa/bb/cc"));
        assertTrue(MatchRule.parse("type='signal'").matches(m));
        assertFalse(MatchRule.parse("type='method_call'").matches(m));
        assertTrue(MatchRule.parse("sender=':1.7'").matches(m));
        assertFalse(MatchRule.parse("sender=':1.8'").matches(m));
        assertTrue(MatchRule.parse("path_namespace='/org/example'").matches(m));
        assertFalse(MatchRule.parse("path_namespace='/org/exam'").matches(m));
        assertFalse(MatchRule.parse("path='/org/example'").matches(m));
        assertTrue(MatchRule.parse("arg0='org.example.Foo.Bar'").matches(m));
        assertFalse(MatchRule.parse("arg1='/aa/bb/cc'").matches(m), "argN matches strings only, not object paths");
        assertTrue(MatchRule.parse("arg1path='/aa/bb/'").matches(m));
        assertTrue(MatchRule.parse("arg1path='/aa/bb/cc'").matches(m));
        assertFalse(MatchRule.parse("arg1path='/aa/b'").matches(m));
        assertTrue(MatchRule.parse("arg0namespace='org.example'").matches(m));
        assertTrue(MatchRule.parse("arg0namespace='org.example.Foo.Bar'").matches(m));
        assertFalse(MatchRule.parse("arg0namespace='org.exam'").matches(m));
        assertFalse(MatchRule.parse("arg2='x'").matches(m), "no such argument");
        // a well-known sender matches its current owner
        MatchRule wellKnown = MatchRule.parse("sender='org.example.App'");
        assertFalse(wellKnown.matches(m, n -> null));
        assertTrue(wellKnown.matches(m, n -> BusName.of(":1.7")));
        assertFalse(wellKnown.matches(m, n -> BusName.of(":1.9")));
    }

    @Test
    void argPathMatchingFollowsTheSpecificationsExamples() {
        // arg0path='/aa/bb/' matches '/', '/aa/', '/aa/bb/', '/aa/bb/cc/', '/aa/bb/cc' and not '/aa/b', '/aa', '/aa/bb'
        for (String yes : new String[] {"/", "/aa/", "/aa/bb/", "/aa/bb/cc/", "/aa/bb/cc"}) {
            assertTrue(MatchRule.pathArgMatches("/aa/bb/", yes), yes);
        }
        for (String no : new String[] {"/aa/b", "/aa", "/aa/bb"}) {
            assertFalse(MatchRule.pathArgMatches("/aa/bb/", no), no);
        }
    }
}

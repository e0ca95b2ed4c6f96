package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.wire.Signature;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Match rules with argument filters on a private dbus-daemon: only the signals a rule matches reach
 * its subscription, the daemon holds each rule exactly as busgen wrote it, and AddMatch/RemoveMatch
 * are reference-counted. The daemon's own view of a connection's rules comes from
 * {@code org.freedesktop.DBus.Debug.Stats.GetAllMatchRules}.
 */
class BusMatchRulesTest {
    static final InterfaceName IFACE = InterfaceName.of("io.github.busgen.test.Match");
    static final MemberName ARGS = MemberName.of("Args");
    static final MemberName END = MemberName.of("End");
    static final ObjectPath BASE = ObjectPath.of("/io/github/busgen/test");

    /** The match rules the daemon holds for {@code c}, as it prints them. */
    static List<String> daemonRules(Connection c) {
        Message call = Message.methodCall(Connection.DBUS_PATH, MemberName.of("GetAllMatchRules"))
                .interfaceName(InterfaceName.of("org.freedesktop.DBus.Debug.Stats")).destination(BusName.DBUS).build();
        Message reply;
        try {
            reply = c.call(call);
        } catch (DBusException e) {
            throw new AssertionError("this dbus-daemon does not serve org.freedesktop.DBus.Debug.Stats (built without "
                    + "--enable-stats?); Debian's dbus-daemon package has it: " + e, e);
        }
        @SuppressWarnings("unchecked")
        Map<String, List<String>> all = (Map<String, List<String>>) Bodies.values(reply).get(0);
        return all.getOrDefault(c.uniqueName().value(), List.of());
    }

    /** How many of the daemon's rules for {@code c} are {@code rule}, compared parsed. */
    static long daemonCount(Connection c, MatchRule rule) {
        return daemonRules(c).stream().map(MatchRule::parse).filter(rule::equals).count();
    }

    static MatchRule.Builder args() {
        return MatchRule.builder().type(MessageType.SIGNAL).interfaceName(IFACE).member(ARGS);
    }

    @Test
    void argumentFiltersDeliverOnlyMatchingSignals() throws Exception {
        Map<String, MatchRule> rules = new LinkedHashMap<>();
        rules.put("arg0", args().arg(0, "match-me").build());
        rules.put("arg1path", args().argPath(1, "/io/github/").build());
        rules.put("arg0namespace", args().arg0Namespace("com.example.Foo").build());
        rules.put("path_namespace", args().pathNamespace(ObjectPath.of("/io/github/busgen/test/ns")).build());
        rules.put("arg0+arg2", args().arg(0, "x").arg(2, "y").build());
        try (PrivateBus bus = PrivateBus.start(); Connection c = Connection.open(bus.address());
             Connection emitter = Connection.open(bus.address())) {
            Map<String, List<String>> got = new LinkedHashMap<>();
            for (var e : rules.entrySet()) {
                List<String> ids = Collections.synchronizedList(new ArrayList<>());
                got.put(e.getKey(), ids);
                c.subscribe(e.getValue(), m -> ids.add(id(m)));
            }
            BlockingQueue<Message> end = new LinkedBlockingQueue<>();
            c.subscribe(MatchRule.builder().type(MessageType.SIGNAL).interfaceName(IFACE).member(END).build(), end::add);
            for (MatchRule r : rules.values()) {
                assertEquals(1, daemonCount(c, r), () -> "the daemon holds " + r + " once: " + daemonRules(c));
            }

            // id: path, arg0, arg1, arg2
            emit(emitter, "a", "", "match-me", ObjectPath.of("/x"), "n");
            emit(emitter, "b", "", "match-me-not", ObjectPath.of("/x"), "n");
            // argNpath takes object paths and strings (which, unlike paths, may end in '/')
            emit(emitter, "c", "", "q", ObjectPath.of("/io/github/busgen"), "n"); // the rule ends in '/': a prefix
            emit(emitter, "d", "", "q", "/io/github/", "n");                     // equal
            emit(emitter, "e", "", "q", "/io/", "n");                            // the argument ends in '/': a prefix
            emit(emitter, "f", "", "q", ObjectPath.of("/iox/github"), "n");
            emit(emitter, "g", "", "com.example.Foo", ObjectPath.of("/x"), "n");
            emit(emitter, "h", "", "com.example.Foo.Bar.Baz", ObjectPath.of("/x"), "n");
            emit(emitter, "i", "", "com.example.Foobar", ObjectPath.of("/x"), "n");
            emit(emitter, "j", "/ns", "q", ObjectPath.of("/x"), "n");
            emit(emitter, "k", "/ns/deeper/x", "q", ObjectPath.of("/x"), "n");
            emit(emitter, "l", "/nsx", "q", ObjectPath.of("/x"), "n");
            emit(emitter, "m", "", "x", ObjectPath.of("/x"), "y");
            emit(emitter, "n", "", "x", ObjectPath.of("/x"), "z");
            // signals are handled one at a time in arrival order: once End is handled, so is every signal before it
            emitter.emitSignal(BASE, IFACE, END, Signature.EMPTY, w -> { });
            assertNotNull(end.poll(10, TimeUnit.SECONDS), "the End signal did not arrive");

            Map<String, List<String>> expected = new LinkedHashMap<>();
            expected.put("arg0", List.of("a"));
            expected.put("arg1path", List.of("c", "d", "e"));
            expected.put("arg0namespace", List.of("g", "h"));
            expected.put("path_namespace", List.of("j", "k"));
            expected.put("arg0+arg2", List.of("m"));
            assertEquals(expected, got);
        }
    }

    /** The id (last argument) of an Args signal. */
    static String id(Message m) {
        return (String) Bodies.values(m).get(3);
    }

    /** Emits Args(arg0, arg1, arg2, id) at BASE + subPath; arg1 is a string or an object path. */
    static void emit(Connection emitter, String id, String subPath, String arg0, Object arg1, String arg2) {
        Signature signature = arg1 instanceof ObjectPath ? Signature.of("soss") : Signature.of("ssss");
        emitter.emitSignal(ObjectPath.of(BASE.value() + subPath), IFACE, ARGS, signature, arg0, arg1, arg2, id);
    }

    @Test
    void twoSubscriptionsShareOneRuleOnTheDaemonUntilTheLastCloses() throws Exception {
        MatchRule rule = args().arg(0, "shared").build();
        try (PrivateBus bus = PrivateBus.start(); Connection c = Connection.open(bus.address());
             Connection emitter = Connection.open(bus.address())) {
            BlockingQueue<String> first = new LinkedBlockingQueue<>();
            BlockingQueue<String> second = new LinkedBlockingQueue<>();
            BlockingQueue<Message> end = new LinkedBlockingQueue<>();
            c.subscribe(MatchRule.builder().type(MessageType.SIGNAL).interfaceName(IFACE).member(END).build(), end::add);
            assertEquals(0, daemonCount(c, rule));

            Subscription one = c.subscribe(rule, m -> first.add(id(m)));
            Subscription two = c.subscribe(rule, m -> second.add(id(m)));
            assertEquals(1, daemonCount(c, rule), () -> "one AddMatch for two subscriptions: " + daemonRules(c));
            emit(emitter, "1", "", "shared", ObjectPath.of("/x"), "n");
            assertEquals("1", first.poll(10, TimeUnit.SECONDS));
            assertEquals("1", second.poll(10, TimeUnit.SECONDS));

            one.close();
            assertEquals(1, daemonCount(c, rule), () -> "the rule stays while a subscription uses it: " + daemonRules(c));
            emit(emitter, "2", "", "shared", ObjectPath.of("/x"), "n");
            assertEquals("2", second.poll(10, TimeUnit.SECONDS));

            two.close();
            assertEquals(0, daemonCount(c, rule), () -> "RemoveMatch after the last close: " + daemonRules(c));
            two.close(); // a second close changes nothing
            assertEquals(0, daemonCount(c, rule));
            emit(emitter, "3", "", "shared", ObjectPath.of("/x"), "n");
            emitter.emitSignal(BASE, IFACE, END, Signature.EMPTY, w -> { });
            assertNotNull(end.poll(10, TimeUnit.SECONDS), "the End signal did not arrive");
            assertEquals(List.of(), List.copyOf(first), "closed in time for signal 2");
            assertEquals(List.of(), List.copyOf(second), "closed in time for signal 3");

            // a new subscription adds the rule again
            try (Subscription three = c.subscribe(rule, m -> { })) {
                assertEquals(1, daemonCount(c, rule));
            }
            assertEquals(0, daemonCount(c, rule));
        }
    }
}

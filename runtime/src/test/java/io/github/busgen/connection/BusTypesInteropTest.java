package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import io.github.busgen.testing.ValueText;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Values;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls carrying every D-Bus type (except {@code h}, which JDK sockets cannot pass) in both
 * directions between busgen and a python-dbus peer ({@code interop/echo_peer.py}, libdbus
 * underneath), through a private dbus-daemon: busgen calls the peer's echo methods, and the peer,
 * as a client, calls a busgen service with the same values. Every value must come back exactly:
 * same signature, same values, maps in the same order, doubles bit for bit.
 */
class BusTypesInteropTest {
    static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/test/Echo");
    static final InterfaceName IFACE = InterfaceName.of("io.github.busgen.test.Echo");
    static final BusName PEER = BusName.of("io.github.busgen.test.EchoPeer");

    /** One echo method: its signature and its arguments in GVariant text. */
    record Case(String signature, List<String> texts) {
        List<Object> values() {
            return ValueText.parseAll(Signature.of(signature), texts);
        }

        @Override
        public String toString() {
            return "(" + signature + ") " + texts;
        }
    }

    static Case c(String signature, String... texts) {
        return new Case(signature, List.of(texts));
    }

    static final List<Case> CASES = List.of(
            // every basic type, with its extremes
            c("y", "byte 0xff"), c("y", "byte 0"),
            c("b", "true"), c("b", "false"),
            c("n", "int16 -32768"), c("n", "int16 32767"),
            c("q", "uint16 65535"), c("q", "uint16 0"),
            c("i", "int32 -2147483648"), c("i", "int32 2147483647"),
            c("u", "uint32 4294967295"), c("u", "uint32 0"),
            c("x", "int64 -9223372036854775808"), c("x", "int64 9223372036854775807"),
            c("t", "uint64 18446744073709551615"), c("t", "uint64 0"),
            c("d", "-0.0"), c("d", "nan"), c("d", "1e308"), c("d", "-inf"), c("d", "4.9e-324"),
            c("s", "''"), c("s", "'héllo wörld ✓ 日本語'"), c("s", "'astral: 𝄞 😀 𐍈'"),
            c("o", "objectpath '/'"), c("o", "objectpath '/io/github/busgen/A_b/c9'"),
            c("g", "signature ''"), c("g", "signature 'a{sa(iv)}(yxt)'"),
            c("v", "<int32 7>"), c("v", "<<'variant in a variant'>>"), c("v", "<<<uint64 18446744073709551615>>>"),
            // primitive arrays, full and empty
            c("ay", "[byte 0, 1, 0x7f, 0x80, 0xff]"), c("ay", "@ay []"),
            c("ab", "[true, false, true]"), c("ab", "@ab []"),
            c("an", "[int16 -32768, 0, 32767]"), c("aq", "[uint16 0, 65535]"),
            c("ai", "[int32 -2147483648, 2147483647]"), c("au", "[uint32 0, 4294967295]"),
            c("ax", "[int64 -9223372036854775808, 9223372036854775807]"), c("ax", "@ax []"),
            c("at", "[uint64 18446744073709551615, 1]"), c("at", "@at []"),
            c("ad", "[-0.0, 1e308, nan, inf]"), c("ad", "@ad []"),
            // other arrays, empty ones of 8-aligned elements included
            c("as", "['a', '', 'ü😀']"), c("as", "@as []"),
            c("ao", "[objectpath '/a', '/b/c']"), c("ag", "[signature 'i', 'a{sv}']"),
            c("a(ii)", "[(1, 2), (-3, 4)]"), c("a(ii)", "@a(ii) []"),
            c("a(yt)", "@a(yt) []"), c("aad", "[@ad [], [1.5]]"), c("aav", "[[<1>, <'x'>], []]"),
            c("av", "[<@at []>, <@a(ii) []>, <@ad []>]"),
            // dicts
            c("a{sv}", "{'b': <true>, 'n': <int16 -5>, 'x': <int64 -9223372036854775808>, 's': <'ü'>, "
                    + "'o': <objectpath '/p'>, 'vv': <<<'deep'>>>, 'ad': <@ad []>}"),
            c("a{sv}", "@a{sv} {}"),
            c("a{sa{sv}}", "{'eth0': {'mtu': <uint32 1500>, 'up': <true>}, 'lo': @a{sv} {}}"),
            c("a{ys}", "{byte 0xff: 'max', 0: 'zero'}"), c("a{xt}", "{int64 -1: uint64 18446744073709551615}"),
            c("a{oas}", "{objectpath '/a': ['x', 'y'], '/b': @as []}"),
            c("a{ta(sv)}", "{uint64 1: [('k', <2.5>)], 2: @a(sv) []}"),
            // structs, nested, with variants of containers
            c("(i(sd)(yv))", "(1, ('two', 3.0), (byte 4, <(5, 'six')>))"),
            c("((((t))))", "((((uint64 18446744073709551615,),),),)"),
            c("(ayasa{sv})", "(@ay [], @as [], @a{sv} {})"),
            c("v", "<{'inner': <@a{sa{sv}} {'k': {'l': <byte 1>}}>}>"),
            c("v", "<@a(yt) [(byte 1, uint64 2)]>"),
            // several arguments, so that top-level alignment runs across them
            c("ytyd", "byte 1", "uint64 18446744073709551615", "byte 2", "-0.0"),
            c("sava{sv}", "'s'", "@av []", "{'k': <<int32 -1>>}"));

    static List<String> signatures() {
        List<String> out = new ArrayList<>();
        for (Case c : CASES) {
            out.add(c.signature());
        }
        return out;
    }

    static Programs.Peer startPeer(PrivateBus bus) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(Programs.python(),
                Programs.resource("/interop/echo_peer.py").toString(), bus.address(), PEER.value()));
        command.addAll(signatures());
        Programs.Peer peer = Programs.start(command);
        peer.awaitPrefix("ready ", Duration.ofSeconds(20));
        return peer;
    }

    static Message echoCall(String member, BusName destination, Case c, Object... prefix) {
        List<Object> args = new ArrayList<>(List.of(prefix));
        args.addAll(c.values());
        String sig = (prefix.length > 0 ? "s" : "") + c.signature();
        return Message.methodCall(PATH, MemberName.of(member)).interfaceName(IFACE).destination(destination)
                .body(Signature.of(sig), args);
    }

    static void assertSameValues(Case c, List<Object> got, String what) {
        List<Object> expected = c.values();
        // deepEquals compares doubles bit for bit; the text form also shows map order
        assertTrue(Values.deepEquals(expected, got) && Values.toString(expected).equals(Values.toString(got)),
                () -> what + " for " + c + "\n  expected " + Values.toString(expected) + "\n  got      "
                        + Values.toString(got));
    }

    @Test
    void busgenCallsAPythonDbusServiceWithEveryType() throws Exception {
        try (PrivateBus bus = PrivateBus.start(); Programs.Peer peer = startPeer(bus);
             Connection client = Connection.open(bus.address())) {
            for (int n = 0; n < CASES.size(); n++) {
                Case c = CASES.get(n);
                Message reply = client.call(echoCall("Echo" + n, PEER, c));
                assertEquals(MessageType.METHOD_RETURN, reply.type());
                assertEquals(c.signature(), reply.signature().value(), () -> "reply signature for " + c);
                assertSameValues(c, reply.body(), "python-dbus echoed");
            }
        }
    }

    @Test
    void aPythonDbusClientCallsABusgenServiceWithEveryType() throws Exception {
        Map<Integer, List<Object>> received = new ConcurrentHashMap<>();
        SimpleInterface.Builder echo = SimpleInterface.builder(IFACE.value());
        for (int n = 0; n < CASES.size(); n++) {
            int index = n;
            String sig = CASES.get(n).signature();
            echo.method("Echo" + n, sig, sig, (call, args) -> {
                received.put(index, args);
                return args;
            });
        }
        try (PrivateBus bus = PrivateBus.start(); Programs.Peer peer = startPeer(bus);
             Connection service = Connection.open(bus.address())) {
            service.export(PATH, echo.build());
            for (int n = 0; n < CASES.size(); n++) {
                Case c = CASES.get(n);
                // the peer calls service.EchoN as a python-dbus client and answers what it got back
                Message reply = service.call(echoCall("Relay" + n, PEER, c, service.uniqueName().value()));
                List<Object> got = received.remove(n);
                assertTrue(got != null, () -> "the python-dbus client never called Echo for " + c);
                assertSameValues(c, got, "the busgen service received from python-dbus");
                assertEquals(c.signature(), reply.signature().value(), () -> "relayed signature for " + c);
                assertSameValues(c, reply.body(), "python-dbus received from the busgen service");
            }
        }
    }
}

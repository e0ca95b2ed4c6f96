package io.github.busgen.connection;

import io.github.busgen.message.Message;
import io.github.busgen.message.MessageType;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import io.github.busgen.testing.ValueText;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Values;
import io.github.busgen.wire.Variant;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signals emitted by {@code gdbus emit} and {@code dbus-send --type=signal}, one process per
 * signal, reach a busgen subscription on a private dbus-daemon with their values and in the order
 * they were sent. Each process has finished sending before the next starts, so the daemon sees
 * them in that order.
 */
class BusSignalsInteropTest {
    static final ObjectPath PATH = ObjectPath.of("/io/github/busgen/test/Signals");
    static final InterfaceName IFACE = InterfaceName.of("io.github.busgen.test.Signals");
    static final int COUNT = 50;

    static BlockingQueue<Message> subscribe(Connection c, String member) {
        BlockingQueue<Message> got = new LinkedBlockingQueue<>();
        c.subscribe(MatchRule.builder().type(MessageType.SIGNAL).interfaceName(IFACE).member(MemberName.of(member))
                .path(PATH).build(), got::add);
        return got;
    }

    static void assertReceivedInOrder(BlockingQueue<Message> got, List<List<Object>> expected, Signature signature)
            throws Exception {
        for (int n = 0; n < expected.size(); n++) {
            Message m = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, "signal " + n + " did not arrive");
            assertEquals(signature, m.signature(), "signature of signal " + n);
            List<Object> values = m.body();
            List<Object> want = expected.get(n);
            int index = n;
            assertTrue(Values.deepEquals(want, values), () -> "signal " + index + " (in arrival order)\n  expected "
                    + Values.toString(want) + "\n  got      " + Values.toString(values));
        }
    }

    @Test
    void fiftySignalsFromGdbusEmitArriveWithTheirValuesInOrder() throws Exception {
        Signature signature = Signature.of("usa{sv}vat");
        try (PrivateBus bus = PrivateBus.start(); Connection c = Connection.open(bus.address())) {
            BlockingQueue<Message> got = subscribe(c, "Numbered");
            List<List<Object>> expected = new ArrayList<>();
            for (int n = 0; n < COUNT; n++) {
                List<String> args = List.of("uint32 " + n, "'ñ°" + n + " 😀'",
                        "{'n': <int64 " + (-n) + ">, 'max': <uint64 18446744073709551615>, 'nested': <<objectpath '/x"
                                + n + "'>>}",
                        "<(int16 -32768, @ad [])>", n % 2 == 0 ? "@at []" : "[uint64 " + n + ", 18446744073709551615]");
                expected.add(ValueText.parseAll(signature, args));
                List<String> command = new ArrayList<>(List.of("--object-path", PATH.value(),
                        "--signal", IFACE.value() + ".Numbered"));
                command.addAll(args);
                Programs.gdbusOn(bus.address(), "emit", command.toArray(String[]::new));
            }
            assertReceivedInOrder(got, expected, signature);
        }
    }

    @Test
    void fiftySignalsFromDbusSendArriveWithTheirValuesInOrder() throws Exception {
        String dbusSend = Programs.dbusSend();
        Signature signature = Signature.of("ysxdvasa{si}");
        try (PrivateBus bus = PrivateBus.start(); Connection c = Connection.open(bus.address())) {
            BlockingQueue<Message> got = subscribe(c, "Sent");
            List<List<Object>> expected = new ArrayList<>();
            for (int n = 0; n < COUNT; n++) {
                Map<String, Integer> dict = new LinkedHashMap<>();
                dict.put("n", n);
                dict.put("min", Integer.MIN_VALUE);
                expected.add(List.of((byte) (200 + n), "ü" + n, Long.MIN_VALUE + n, n + 0.5,
                        Variant.ofUInt64(-1L - n), List.of("a" + n, "b"), dict));
                Programs.runOk(dbusSend, "--bus=" + bus.address(), "--type=signal", PATH.value(), IFACE.value() + ".Sent",
                        "byte:" + (200 + n), "string:ü" + n, "int64:" + (Long.MIN_VALUE + n), "double:" + (n + 0.5),
                        "variant:uint64:" + Long.toUnsignedString(-1L - n), "array:string:a" + n + ",b",
                        "dict:string:int32:n," + n + ",min," + Integer.MIN_VALUE);
            }
            assertReceivedInOrder(got, expected, signature);
        }
    }
}

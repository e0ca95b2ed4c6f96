package io.github.busgen.processor.e2e;

import io.github.busgen.connection.Connection;
import io.github.busgen.connection.DBusErrors;
import io.github.busgen.connection.DBusException;
import io.github.busgen.connection.Subscription;
import io.github.busgen.fdo.DBusProxy;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.PrivateBus;
import io.github.busgen.testing.Programs;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interoperability of generated code with peers nobody here wrote, on a private dbus-daemon:
 * {@code busctl}, {@code gdbus} and a python-dbus client call the generated skeleton, and the
 * generated proxy calls a python-dbus service of the same interface.
 */
class InteropTest {
    private static final String NAME = ServedEverything.NAME.value();
    private static final String PATH = ServedEverything.PATH.value();

    private static ServedEverything served;
    private static PrivateBus bus;

    @BeforeAll
    static void start() throws Exception {
        served = new ServedEverything();
        bus = served.bus;
    }

    @AfterAll
    static void stop() throws Exception {
        if (served != null) {
            served.close();
        }
    }

    private static Programs.Result busctl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Programs.busctl(), "--address=" + bus.address(), "--"));
        command.addAll(List.of(args));
        return Programs.run(command);
    }

    private static Programs.Result gdbus(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(Programs.gdbus()));
        command.add(args[0]);
        command.addAll(List.of("--address", bus.address(), "--dest", NAME, "--object-path", PATH));
        command.addAll(List.of(args).subList(1, args.length));
        return Programs.run(command);
    }

    @Test
    void busctlCallsTheGeneratedSkeleton() throws Exception {
        Programs.Result r = busctl("call", NAME, PATH, NAME, "EchoBasics", "ybnqiuxtdsogv", "255", "true", "-32768",
                "65535", "-2147483648", "4294967295", "9223372036854775807", "18446744073709551615", "0.5", "hi",
                "/a/b", "a{sv}", "s", "inner");
        assertEquals(0, r.exitCode, r.stderr);
        assertEquals("ybnqiuxtdsogv 255 true -32768 65535 -2147483648 4294967295 9223372036854775807"
                + " 18446744073709551615 0.5 \"hi\" \"/a/b\" \"a{sv}\" s \"inner\"\n", r.stdout);

        r = busctl("call", NAME, PATH, NAME, "Nest", "a(sa(ii))a{oa{sv}}", "1", "one", "2", "1", "2", "3", "4", "1",
                "/x", "1", "k", "i", "7");
        assertEquals("a{sa(ii)}a{ou} 1 \"one\" 2 1 2 3 4 1 \"/x\" 1\n", r.stdout, r.stderr);

        assertEquals(0, busctl("set-property", NAME, PATH, NAME, "Count", "i", "5").exitCode);
        assertEquals("i 5\n", busctl("get-property", NAME, PATH, NAME, "Count").stdout);
        assertEquals("t 18446744065119617025\n", busctl("call", NAME, PATH, NAME, "Square", "u", "4294967295").stdout);
        // a property whose name is no member name
        assertEquals(0, busctl("set-property", NAME, PATH, NAME, "disable-printing", "b", "true").exitCode);
        assertEquals("b true\n", busctl("get-property", NAME, PATH, NAME, "disable-printing").stdout);
        assertEquals(0, busctl("set-property", NAME, PATH, NAME, "disable-printing", "b", "false").exitCode);

        r = busctl("call", NAME, PATH, NAME, "Fail", "s", "missing");
        assertEquals(1, r.exitCode);
        assertTrue(r.stderr.contains("no missing"), r.stderr);
    }

    @Test
    void gdbusCallsTheGeneratedSkeleton() throws Exception {
        Programs.Result r = gdbus("call", "--method", NAME + ".Nest", "[(\"one\", [(1,2)]), (\"two\", @a(ii) [])]",
                "{objectpath \"/x\": {\"k\": <1>}}");
        assertEquals("({'one': [(1, 2)], 'two': []}, {objectpath '/x': uint32 1})\n", r.stdout, r.stderr);

        r = gdbus("call", "--method", NAME + ".EchoArrays", "[byte 1, 255]", "[true]", "@an []", "[@q 65535]", "[-1]",
                "[@u 4294967295]", "[@x 1]", "[@t 18446744073709551615]", "[0.25]");
        assertEquals("([byte 0x01, 0xff], [true], @an [], [uint16 65535], [-1], [uint32 4294967295], [int64 1],"
                + " [uint64 18446744073709551615], [0.25])\n", r.stdout, r.stderr);

        r = gdbus("call", "--method", NAME + ".Fail", "missing");
        assertEquals(1, r.exitCode);
        assertTrue(r.stderr.contains("GDBus.Error:io.github.busgen.test.Error.NotFound: no missing"), r.stderr);

        // a property whose name is no member name: gdbus (GDBus) sends it as it is
        String props = "org.freedesktop.DBus.Properties.";
        assertEquals("()\n", gdbus("call", "--method", props + "Set", NAME, "disable-printing", "<true>").stdout);
        assertEquals("(<true>,)\n", gdbus("call", "--method", props + "Get", NAME, "disable-printing").stdout);
        assertEquals("()\n", gdbus("call", "--method", props + "Set", NAME, "disable-printing", "<false>").stdout);
        assertEquals("(<false>,)\n", gdbus("call", "--method", props + "Get", NAME, "disable-printing").stdout);

        r = gdbus("introspect");
        assertTrue(r.stdout.contains("interface io.github.busgen.test.Everything {"), r.stdout);
        assertTrue(r.stdout.contains("Nest(in  a(sa(ii)) lines,"), r.stdout);
        assertTrue(r.stdout.contains("readwrite i Count"), r.stdout);
        assertTrue(r.stdout.contains("readwrite b disable-printing"), r.stdout);
    }

    @Test
    void pythonDbusCallsTheGeneratedSkeleton() {
        Programs.Result r = Programs.run(Duration.ofSeconds(60), Programs.python(),
                Programs.resource("/e2e/python_client.py").toString(), bus.address());
        assertEquals(0, r.exitCode, r.stderr);
        assertEquals(List.of(
                "basics [255, 1, -32768, 65535, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,"
                        + " 0.5, 'grüße', '/a/b', 'a{sv}', 'inner']",
                "arrays ['00ff', [1], [], [65535], [-1], [4294967295], [1], [18446744073709551615], [0.25]]",
                "nest {'one': [(1, 2), (3, 4)], 'two': []} {'/x': 1}",
                "square 18446744065119617025",
                "error io.github.busgen.test.Error.NotFound no missing",
                "count 12",
                "disable-printing True ['Corners', 'Count', 'Label', 'disable-printing']",
                "corners [(0, 0), (2147483647, -2147483648)]"), r.stdout.lines().toList());
    }

    @Test
    @SuppressWarnings("try") // subscriptions are held open by try-with-resources
    void theGeneratedProxyCallsAPythonDbusService() throws Exception {
        try (Programs.Peer python = Programs.start(Programs.python(), Programs.resource("/e2e/python_service.py").toString(),
                bus.address());
             Connection client = served.connect()) {
            assertEquals("ready", python.nextLine(), "the python service did not start");
            BusName pythonName = BusName.of("io.github.busgen.test.Python");
            assertTrue(DBusProxy.of(client, BusName.DBUS, ObjectPath.of("/org/freedesktop/DBus"))
                    .nameHasOwner(pythonName.value()));
            EverythingProxy proxy = EverythingProxy.of(client, pythonName, ServedEverything.PATH);

            Variant v = Variant.of("(sai)", io.github.busgen.wire.Struct.of("nested", new int[] {1, -1}));
            assertEquals(new Everything.Basics((byte) 0xFF, true, Short.MIN_VALUE, 65535, Integer.MIN_VALUE,
                            0xFFFF_FFFFL, Long.MAX_VALUE, -1L, 0.5, "grüße", ObjectPath.of("/a/b"), Signature.of("a{sv}"), v),
                    proxy.echoBasics((byte) 0xFF, true, Short.MIN_VALUE, 65535, Integer.MIN_VALUE, 0xFFFF_FFFFL,
                            Long.MAX_VALUE, -1L, 0.5, "grüße", ObjectPath.of("/a/b"), Signature.of("a{sv}"), v));
            Everything.Arrays a = proxy.echoArrays(new byte[] {1, -1}, new boolean[] {true}, new short[0],
                    new int[] {65535}, new int[] {-1}, new long[] {0xFFFF_FFFFL}, new long[] {1}, new long[] {-1},
                    new double[] {0.25});
            assertArrayEquals(new byte[] {1, -1}, a.ay());
            assertArrayEquals(new long[] {0xFFFF_FFFFL}, a.au());
            assertArrayEquals(new long[] {-1}, a.at());
            assertEquals(0, a.an().length);

            Map<ObjectPath, Map<String, Variant>> managed = new LinkedHashMap<>();
            managed.put(ObjectPath.of("/x"), Map.of("k", Variant.ofInt32(1)));
            Everything.Nested n = proxy.nest(List.of(new Everything.Line("one", List.of(new Everything.Point(1, 2))),
                    new Everything.Line("two", List.of())), managed);
            assertEquals(Map.of("one", List.of(new Everything.Point(1, 2)), "two", List.of()), n.byName());
            assertEquals(Map.of(ObjectPath.of("/x"), 1L), n.propertyCounts());
            assertEquals(0xFFFF_FFFE_0000_0001L, proxy.square(0xFFFF_FFFFL).get(10, TimeUnit.SECONDS));
            assertEquals(6, proxy.countAll(List.of(new Everything.Point(0, 0)), Map.of(), new byte[2],
                    List.of(List.of("a"), List.of())));

            assertThrows(Everything.NotFoundException.class, () -> proxy.fail("missing"));
            assertEquals(DBusErrors.ACCESS_DENIED, assertThrows(DBusException.class, () -> proxy.fail("x")).errorName());
            ExecutionException later = assertThrows(ExecutionException.class,
                    () -> proxy.failLater("k").get(10, TimeUnit.SECONDS));
            assertInstanceOf(Everything.NotFoundException.class, later.getCause());

            BlockingQueue<Object> events = new LinkedBlockingQueue<>();
            try (Subscription poked = proxy.onPoked(events::add);
                 Subscription moved = proxy.onMoved(events::add);
                 Subscription count = proxy.onCountPropertyChanged(c -> events.add("count " + c));
                 Subscription label = proxy.onLabelPropertyChanged(l -> events.add("label " + l))) {
                proxy.poke("move");
                assertEquals(new Everything.Poked("move"), events.poll(10, TimeUnit.SECONDS));
                assertEquals(new Everything.Moved(new Everything.Point(1, 2), List.of(new Everything.Point(3, 4)),
                        Map.of("speed", Variant.ofDouble(1.5))), events.poll(10, TimeUnit.SECONDS));
                proxy.setCount(9);
                assertEquals("count 9", events.poll(10, TimeUnit.SECONDS));
                assertEquals(9, proxy.getCount());
                proxy.poke("relabel");
                assertEquals(new Everything.Poked("relabel"), events.poll(10, TimeUnit.SECONDS));
                assertEquals("label relabelled", events.poll(10, TimeUnit.SECONDS));
            }
            assertEquals(List.of(new Everything.Point(0, 0), new Everything.Point(Integer.MAX_VALUE, Integer.MIN_VALUE)),
                    proxy.getCornersAsync().get(10, TimeUnit.SECONDS));

            // a property whose name is no member name, served by python-dbus
            try (Subscription printing = proxy.onDisablePrintingPropertyChanged(p -> events.add("printing " + p))) {
                assertFalse(proxy.isDisablePrinting());
                proxy.setDisablePrinting(true);
                assertEquals("printing true", events.poll(10, TimeUnit.SECONDS));
                assertTrue(proxy.isDisablePrinting());
            }
        }
    }
}

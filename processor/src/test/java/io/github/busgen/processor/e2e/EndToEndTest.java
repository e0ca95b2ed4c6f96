package io.github.busgen.processor.e2e;

import io.github.busgen.connection.CallOptions;
import io.github.busgen.connection.Connection;
import io.github.busgen.connection.DBusErrors;
import io.github.busgen.connection.DBusException;
import io.github.busgen.connection.ExportedInterface;
import io.github.busgen.connection.MethodInvocation;
import io.github.busgen.connection.Subscription;
import io.github.busgen.fdo.IntrospectableProxy;
import io.github.busgen.fdo.PropertiesProxy;
import io.github.busgen.introspect.InterfaceInfo;
import io.github.busgen.message.Flags;
import io.github.busgen.names.BusName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Struct;
import io.github.busgen.wire.Variant;
import io.github.busgen.wire.WireReader;
import io.github.busgen.wire.WireWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
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
 * The generated skeleton serves {@link EverythingService} on a private dbus-daemon, and the
 * generated proxy calls it from another connection: every type, extremes and empty containers,
 * records nested in lists and maps, asynchronous and no-reply methods, declared and undeclared
 * errors, timeouts, per-call options as the header flags the service receives, properties with
 * PropertiesChanged, and signals.
 */
class EndToEndTest {
    private static final BusName NAME = ServedEverything.NAME;
    private static final ObjectPath PATH = ServedEverything.PATH;

    private static ServedEverything served;
    private static Connection server;
    private static Connection client;
    private static EverythingService service;
    private static EverythingProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        served = new ServedEverything();
        server = served.server;
        service = served.service;
        client = served.connect();
        proxy = EverythingProxy.of(client, NAME, PATH);
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (served != null) {
            served.close();
        }
    }

    @Test
    void basicTypesAtTheirExtremes() {
        Variant v = Variant.of("(sai)", Struct.of("nested", new int[] {1, -1}));
        Everything.Basics b = proxy.echoBasics((byte) 0xFF, true, Short.MIN_VALUE, 65535, Integer.MIN_VALUE,
                0xFFFF_FFFFL, Long.MAX_VALUE, -1L, Double.NaN, "grüße \uD83D\uDE00", ObjectPath.of("/a/b_c/1"),
                Signature.of("a{sv}(ii)"), v);
        assertEquals(new Everything.Basics((byte) 0xFF, true, Short.MIN_VALUE, 65535, Integer.MIN_VALUE,
                0xFFFF_FFFFL, Long.MAX_VALUE, -1L, Double.NaN, "grüße \uD83D\uDE00", ObjectPath.of("/a/b_c/1"),
                Signature.of("a{sv}(ii)"), v), b);
        Everything.Basics zero = proxy.echoBasics((byte) 0, false, (short) 0, 0, 0, 0, Long.MIN_VALUE, 0, -0.0, "",
                ObjectPath.ROOT, Signature.EMPTY, Variant.ofVariant(Variant.ofString("")));
        assertEquals(0, zero.u());
        assertEquals(Long.MIN_VALUE, zero.x());
        assertEquals(Signature.EMPTY, zero.g());
    }

    @Test
    void unsignedValuesOutOfRangeAreRefusedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> proxy.echoBasics((byte) 0, false, (short) 0, 65536, 0, 0,
                0, 0, 0, "", ObjectPath.ROOT, Signature.EMPTY, Variant.ofInt32(0)));
        assertThrows(IllegalArgumentException.class, () -> proxy.echoBasics((byte) 0, false, (short) 0, 0, 0, -1,
                0, 0, 0, "", ObjectPath.ROOT, Signature.EMPTY, Variant.ofInt32(0)));
    }

    @Test
    void primitiveArraysFullAndEmpty() {
        Everything.Arrays a = proxy.echoArrays(new byte[] {0, -1, 127}, new boolean[] {true, false},
                new short[] {Short.MAX_VALUE, Short.MIN_VALUE}, new int[] {0, 65535}, new int[] {Integer.MIN_VALUE},
                new long[] {0, 0xFFFF_FFFFL}, new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, new long[] {-1, 0},
                new double[] {Double.NEGATIVE_INFINITY, 0.5});
        assertArrayEquals(new byte[] {0, -1, 127}, a.ay());
        assertArrayEquals(new boolean[] {true, false}, a.ab());
        assertArrayEquals(new short[] {Short.MAX_VALUE, Short.MIN_VALUE}, a.an());
        assertArrayEquals(new int[] {0, 65535}, a.aq());
        assertArrayEquals(new int[] {Integer.MIN_VALUE}, a.ai());
        assertArrayEquals(new long[] {0, 0xFFFF_FFFFL}, a.au());
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, a.ax());
        assertArrayEquals(new long[] {-1, 0}, a.at());
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, 0.5}, a.ad());

        Everything.Arrays empty = proxy.echoArrays(new byte[0], new boolean[0], new short[0], new int[0], new int[0],
                new long[0], new long[0], new long[0], new double[0]);
        assertEquals(0, empty.ay().length + empty.ab().length + empty.an().length + empty.aq().length
                + empty.ai().length + empty.au().length + empty.ax().length + empty.at().length + empty.ad().length);
    }

    @Test
    void recordsNestedInListsAndMaps() {
        Map<ObjectPath, Map<String, Variant>> managed = new LinkedHashMap<>();
        managed.put(ObjectPath.of("/z"), Map.of("A", Variant.ofInt32(1), "B", Variant.ofString("b")));
        managed.put(ObjectPath.of("/a"), Map.of());
        Everything.Nested n = proxy.nest(List.of(
                new Everything.Line("one", List.of(new Everything.Point(1, 2), new Everything.Point(3, 4))),
                new Everything.Line("two", List.of()),
                new Everything.Line("one", List.of(new Everything.Point(5, 6)))), managed);
        assertEquals(List.of("one", "two"), List.copyOf(n.byName().keySet()), "insertion order is kept");
        assertEquals(List.of(new Everything.Point(1, 2), new Everything.Point(3, 4), new Everything.Point(5, 6)),
                n.byName().get("one"));
        assertEquals(List.of(), n.byName().get("two"));
        assertEquals(List.of(ObjectPath.of("/z"), ObjectPath.of("/a")), List.copyOf(n.propertyCounts().keySet()));
        assertEquals(2L, n.propertyCounts().get(ObjectPath.of("/z")));
    }

    @Test
    void emptyContainers() {
        assertEquals(0, proxy.countAll(List.of(), Map.of(), new byte[0], List.of()));
        assertEquals(1 + 1 + 2 + (2 + 1), proxy.countAll(List.of(new Everything.Point(0, 0)), Map.of("k", Variant.ofBoolean(true)),
                new byte[2], List.of(List.of(), List.of("x"))));
    }

    @Test
    void asynchronousOnBothSides() throws Exception {
        assertEquals(9L, proxy.square(3).get(5, TimeUnit.SECONDS));
        assertEquals(0xFFFF_FFFE_0000_0001L, proxy.square(0xFFFF_FFFFL).get(5, TimeUnit.SECONDS),
                "t keeps all 64 bits");
        assertEquals(3, proxy.countAllAsync(List.of(), Map.of(), new byte[3], List.of()).get(5, TimeUnit.SECONDS));
    }

    @Test
    void declaredErrorsComeBackAsTheirExceptions() {
        Everything.NotFoundException e = assertThrows(Everything.NotFoundException.class, () -> proxy.fail("missing"));
        assertEquals("no missing", e.getMessage());
        DBusException denied = assertThrows(DBusException.class, () -> proxy.fail("denied"));
        assertEquals(DBusErrors.ACCESS_DENIED, denied.errorName());
        DBusException broken = assertThrows(DBusException.class, () -> proxy.fail("other"));
        assertEquals(DBusErrors.FAILED, broken.errorName());

        ExecutionException later = assertThrows(ExecutionException.class,
                () -> proxy.failLater("k").get(5, TimeUnit.SECONDS));
        assertInstanceOf(Everything.NotFoundException.class, later.getCause());
        assertEquals("no k", later.getCause().getMessage());
        CompletionException async = assertThrows(CompletionException.class, () -> proxy.failAsync("missing").join());
        assertInstanceOf(Everything.NotFoundException.class, async.getCause());
    }

    @Test
    void perCallOptions() {
        EverythingProxy impatient = proxy.withOptions(CallOptions.DEFAULT.withTimeout(Duration.ofMillis(200))
                .withNoAutoStart(true).withInteractiveAuthorization(true));
        DBusException e = assertThrows(DBusException.class, () -> impatient.sleep(2000));
        assertEquals(DBusErrors.NO_REPLY, e.errorName());
        impatient.sleep(0);
    }

    /**
     * The generated proxy's options as header flags that the service receives: NO_AUTO_START and
     * ALLOW_INTERACTIVE_AUTHORIZATION each alone, both, and neither (a fresh proxy, and options
     * switched off again on a proxy that had both), on each kind of call whose message a service
     * is shown: a synchronous method, its Async form, a declared-asynchronous method, a no-reply
     * method (which adds NO_REPLY_EXPECTED) and a property Set, waiting and not (a property Get is
     * not checked: {@code readProperty} is not given the call). The daemon acts on
     * NO_AUTO_START only for names nobody owns, so the flags are read where they arrive: a
     * {@link FlagRecorder} in front of a generated skeleton, at a path of its own.
     */
    @Test
    @SuppressWarnings("try") // the export is held open by try-with-resources
    void perCallOptionsReachTheServiceAsHeaderFlags() throws Exception {
        FlagRecorder recorder = new FlagRecorder();
        ObjectPath observed = ObjectPath.of(PATH.value() + "/Flags");
        CallOptions both = CallOptions.DEFAULT.withNoAutoStart(true).withInteractiveAuthorization(true);
        try (Subscription exported = server.export(observed, recorder)) {
            EverythingProxy fresh = EverythingProxy.of(client, NAME, observed);
            EverythingProxy flagged = fresh.withOptions(both);
            Map<String, EverythingProxy> proxies = new LinkedHashMap<>();
            proxies.put("a fresh proxy", fresh);
            proxies.put("no auto start", flagged.withOptions(CallOptions.DEFAULT.withNoAutoStart(true)));
            proxies.put("interactive authorization",
                    flagged.withOptions(CallOptions.DEFAULT.withInteractiveAuthorization(true)));
            proxies.put("both", flagged);
            proxies.put("both switched off", flagged.withOptions(both.withNoAutoStart(false)
                    .withInteractiveAuthorization(false)));
            Map<String, Integer> expected = Map.of("a fresh proxy", 0, "no auto start", Flags.NO_AUTO_START,
                    "interactive authorization", Flags.ALLOW_INTERACTIVE_AUTHORIZATION,
                    "both", Flags.NO_AUTO_START | Flags.ALLOW_INTERACTIVE_AUTHORIZATION, "both switched off", 0);
            for (Map.Entry<String, EverythingProxy> e : proxies.entrySet()) {
                String options = e.getKey();
                EverythingProxy p = e.getValue();
                int flags = expected.get(options);
                p.sleep(0);
                recorder.assertNext("Sleep", flags, options + ", synchronous");
                p.sleepAsync(0).get(5, TimeUnit.SECONDS);
                recorder.assertNext("Sleep", flags, options + ", sleepAsync");
                assertEquals(4L, p.square(2).get(5, TimeUnit.SECONDS));
                recorder.assertNext("Square", flags, options + ", declared asynchronous");
                p.poke(options);
                recorder.assertNext("Poke", flags | Flags.NO_REPLY_EXPECTED, options + ", no reply");
                p.setCount(1);
                recorder.assertNext("Set Count", flags, options + ", property Set");
                p.setCountAsync(2).get(5, TimeUnit.SECONDS);
                recorder.assertNext("Set Count", flags, options + ", property Set without waiting");
            }
            assertEquals(2, fresh.getCount(), "the skeleton behind the recorder served the calls");
        }
    }

    /**
     * Serves {@link Everything} through a generated skeleton of its own, recording first the header
     * flags of each method call ({@code Member flags}) and property Set ({@code Set Name flags}).
     */
    private static final class FlagRecorder implements ExportedInterface {
        private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        private final EverythingSkeleton skeleton;

        FlagRecorder() {
            EverythingService service = new EverythingService();
            skeleton = new EverythingSkeleton(service);
            service.skeleton = skeleton;
        }

        @Override
        public InterfaceInfo info() {
            return skeleton.info();
        }

        @Override
        public void invoke(MethodInvocation call) throws Exception {
            seen.add(call.member().value() + " " + call.flags());
            skeleton.invoke(call);
        }

        @Override
        public void readProperty(String name, WireWriter out) throws Exception {
            skeleton.readProperty(name, out);
        }

        @Override
        public void writeProperty(String name, WireReader value, PropertyContext context) throws Exception {
            seen.add("Set " + name + " " + context.message().flags());
            skeleton.writeProperty(name, value, context);
        }

        /** Waits for the next call or Set served, which must be {@code what} with exactly {@code flags}. */
        void assertNext(String what, int flags, String message) throws InterruptedException {
            assertEquals(what + " " + flags, seen.poll(5, TimeUnit.SECONDS), message);
        }
    }

    @Test
    @SuppressWarnings("try") // subscriptions are held open by try-with-resources
    void noReplyMethodsAndSignals() throws Exception {
        BlockingQueue<Everything.Poked> poked = new LinkedBlockingQueue<>();
        try (Subscription s = proxy.onPoked(poked::add)) {
            proxy.poke("hello");
            assertEquals(new Everything.Poked("hello"), poked.poll(5, TimeUnit.SECONDS));
        }
        assertTrue(service.pokes.contains("hello"));

        BlockingQueue<Everything.Moved> moved = new LinkedBlockingQueue<>();
        try (Subscription s = proxy.onMoved(moved::add)) {
            service.skeleton.emitMoved(new Everything.Point(1, 1), List.of(new Everything.Point(2, 2)),
                    Map.of("speed", Variant.ofDouble(1.5)));
            Everything.Moved m = moved.poll(5, TimeUnit.SECONDS);
            assertEquals(new Everything.Moved(new Everything.Point(1, 1), List.of(new Everything.Point(2, 2)),
                    Map.of("speed", Variant.ofDouble(1.5))), m);
        }
    }

    @Test
    @SuppressWarnings("try") // subscriptions are held open by try-with-resources
    void propertiesAndTheirChanges() throws Exception {
        proxy.setCount(41);
        assertEquals(41, proxy.getCount());
        proxy.setCountAsync(42).get(5, TimeUnit.SECONDS);
        assertEquals(42, proxy.getCountAsync().get(5, TimeUnit.SECONDS));
        assertEquals(List.of(new Everything.Point(0, 0), new Everything.Point(Integer.MAX_VALUE, Integer.MIN_VALUE)),
                proxy.getCorners());

        BlockingQueue<Integer> counts = new LinkedBlockingQueue<>();
        BlockingQueue<String> labels = new LinkedBlockingQueue<>();
        try (Subscription c = proxy.onCountPropertyChanged(counts::add);
             Subscription l = proxy.onLabelPropertyChanged(labels::add)) {
            proxy.setCount(7);
            assertEquals(7, counts.poll(5, TimeUnit.SECONDS), "a remote Set announces the new value");
            service.relabel("second");
            assertEquals("second", labels.poll(5, TimeUnit.SECONDS), "an invalidated property is read again");
        }
        DBusException readOnly = assertThrows(DBusException.class, () -> server.call(
                io.github.busgen.connection.ProxySupport.setProperty(NAME, PATH,
                        io.github.busgen.names.InterfaceName.of(NAME.value()), "Label", Signature.of("s"),
                        w -> w.writeString("x"), CallOptions.DEFAULT)));
        assertEquals(DBusErrors.PROPERTY_READ_ONLY, readOnly.errorName());
    }

    /**
     * The skeleton's unicast emitter: of two clients subscribed alike, only the destination gets
     * the signal; a broadcast after it, which both get, shows that the other one was passed over
     * (the bus keeps one sender's messages in order).
     */
    @Test
    @SuppressWarnings("try") // subscriptions are held open by try-with-resources
    void aUnicastSignalReachesOnlyItsDestination() throws Exception {
        try (Connection other = served.connect()) {
            EverythingProxy otherProxy = EverythingProxy.of(other, NAME, PATH);
            BlockingQueue<Everything.Moved> toClient = new LinkedBlockingQueue<>();
            BlockingQueue<Everything.Moved> toOther = new LinkedBlockingQueue<>();
            try (Subscription a = proxy.onMoved(toClient::add); Subscription b = otherProxy.onMoved(toOther::add)) {
                Everything.Moved whisper = new Everything.Moved(new Everything.Point(1, 2), List.of(), Map.of());
                Everything.Moved shout = new Everything.Moved(new Everything.Point(3, 4), List.of(), Map.of());
                service.skeleton.emitMoved(client.uniqueName(), whisper.from(), whisper.path(), whisper.details());
                service.skeleton.emitMoved(shout.from(), shout.path(), shout.details());
                assertEquals(whisper, toClient.poll(5, TimeUnit.SECONDS), "the destination gets the unicast signal");
                assertEquals(shout, toClient.poll(5, TimeUnit.SECONDS));
                assertEquals(shout, toOther.poll(5, TimeUnit.SECONDS), "the other client gets only the broadcast");
                assertEquals(null, toOther.poll(200, TimeUnit.MILLISECONDS));
            }
            assertThrows(NullPointerException.class, () -> service.skeleton.emitPoked(null, "nobody"));
        }
    }

    /**
     * A property named like a GObject property, as xdg-desktop-portal's Lockdown names them: the
     * generated proxy reads, writes and watches it through Java names (isDisablePrinting), the
     * skeleton serves and announces it, and on the wire, in GetAll and in the introspection data
     * (served and the class-path resource) it is {@code disable-printing}.
     */
    @Test
    @SuppressWarnings("try") // the subscription is held open by try-with-resources
    void aPropertyWhoseNameIsNoMemberName() throws Exception {
        proxy.setDisablePrinting(true);
        assertTrue(proxy.isDisablePrinting());
        proxy.setDisablePrintingAsync(false).get(5, TimeUnit.SECONDS);
        assertFalse(proxy.isDisablePrintingAsync().get(5, TimeUnit.SECONDS));

        BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        try (Subscription s = proxy.onDisablePrintingPropertyChanged(changes::add)) {
            proxy.setDisablePrinting(true);
            assertEquals(true, changes.poll(5, TimeUnit.SECONDS), "a remote Set announces the new value");
            service.printingPolicy(false);
            assertEquals(false, changes.poll(5, TimeUnit.SECONDS), "the skeleton's disablePrintingChanged()");
        }

        Map<String, Variant> all = PropertiesProxy.of(client, NAME, PATH).getAll(NAME.value());
        assertEquals(Variant.ofBoolean(false), all.get("disable-printing"), all.toString());
        String property = "<property name=\"disable-printing\" type=\"b\" access=\"readwrite\"/>";
        String served = IntrospectableProxy.of(client, NAME, PATH).introspect();
        assertTrue(served.contains(property), served);
        assertTrue(resource("META-INF/dbus/interfaces/" + NAME.value() + ".xml").contains(property));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = EndToEndTest.class.getClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, "no class-path resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

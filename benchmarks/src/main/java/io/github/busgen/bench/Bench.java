package io.github.busgen.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What every library's client and server agree on: names, the object, the interface and the
 * payloads. The C side (sdbench.c) spells the same values.
 *
 * <pre>
 * interface io.github.busgen.bench.Echo at /io/github/busgen/bench
 *   Echo(s) -> s            EchoDict(a{sv}) -> a{sv}      EchoBytes(ay) -> ay
 *   Emit(u n) -> ()         replies, then emits signal Tick(u i) for i in 0..n-1
 * </pre>
 */
public final class Bench {
    public static final String PATH = "/io/github/busgen/bench";
    public static final String INTERFACE = "io.github.busgen.bench.Echo";
    /** The 16-byte string of the echo workloads. */
    public static final String ECHO_TEXT = "0123456789abcdef";
    public static final int DICT_ENTRIES = 100;
    /** The entries of the marshalling benchmark's a{sv}. */
    public static final int SMALL_DICT_ENTRIES = 10;
    public static final int BYTES_LENGTH = 64 * 1024;
    /** Signals asked for per Emit call. */
    public static final int SIGNAL_BATCH = 2000;
    /** Calls in flight in the pipelined workload. */
    public static final int WINDOW = 64;
    /** Client threads in the multi-threaded workload. */
    public static final int THREADS = 4;

    private Bench() {
    }

    /** The well-known bus name of {@code library}'s server. */
    public static String busName(Library library) {
        return "io.github.busgen.bench." + library.id;
    }

    /**
     * The a{sv} payload: key-000.., values int32, string, boolean, double in turn, built with the
     * library's own variant type by {@code variant(signature, value)}.
     */
    public static <V> Map<String, V> dict(int entries, BiFunction<String, Object, V> variant) {
        Map<String, V> m = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            String key = String.format("key-%03d", i);
            switch (i % 4) {
                case 0: m.put(key, variant.apply("i", i)); break;
                case 1: m.put(key, variant.apply("s", String.format("value-%03d", i))); break;
                case 2: m.put(key, variant.apply("b", i % 8 == 2)); break;
                default: m.put(key, variant.apply("d", i * 0.5)); break;
            }
        }
        return m;
    }

    /** The ay payload: 64 KiB counting 0..255. */
    public static byte[] bytes() {
        byte[] b = new byte[BYTES_LENGTH];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }
}

package io.github.busgen.message;

import io.github.busgen.names.BusName;
import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.testing.Hex;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Struct;
import io.github.busgen.wire.UnixFd;
import io.github.busgen.wire.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bounded mutation fuzzer in the normal test run: valid messages of every kind, mutated thousands
 * of times with a fixed seed (bit flips, byte sets, truncations, insertions, deletions, length-field
 * tweaks), each decoded and framed. Only {@link io.github.busgen.wire.DBusProtocolException} may
 * escape (and {@link java.io.EOFException} from the framer when the bytes stop inside a message):
 * never a NullPointerException, IndexOutOfBoundsException, NegativeArraySizeException,
 * BufferUnderflowException, ClassCastException, IllegalArgumentException, OutOfMemoryError or
 * StackOverflowError; and nothing may hang.
 */
class MessageFuzzTest {
    // -Dbusgen.fuzz.mutants=N -Dbusgen.fuzz.seed=S for a longer or different run by hand
    private static final long SEED = Long.getLong("busgen.fuzz.seed", 0x5EED_B05L);
    private static final int MUTANTS = Integer.getInteger("busgen.fuzz.mutants", 30_000);

    /** Valid messages that between them use every type, container and header field. */
    static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            Map<String, Variant> dict = new LinkedHashMap<>();
            dict.put("n", Variant.ofInt16((short) -3));
            dict.put("path", Variant.ofObjectPath(ObjectPath.of("/a/b")));
            dict.put("nested", Variant.ofVariant(Variant.of("a(yd)", List.of(Struct.of((byte) 1, 2.5)))));
            seeds.add(Message.methodCall(ObjectPath.of("/org/example/Obj"), MemberName.of("Frobnicate"))
                    .interfaceName(InterfaceName.of("org.example.Iface"))
                    .destination(BusName.of("org.example.Service"))
                    .byteOrder(order).serial(3).noReplyExpected(true)
                    .body(Signature.of("sa{sv}(ibq)axgh"), "h\u00e9llo \ud83d\ude00", dict,
                            Struct.of(-1, true, 65535), new long[] {Long.MIN_VALUE, 0}, Signature.of("a{oa{sv}}"),
                            UnixFd.ofIndex(0))
                    .toByteArray());
            seeds.add(Message.methodReturn(3).destination(BusName.of(":1.7")).byteOrder(order).serial(4)
                    .body(Signature.of("ayaaiat"), new byte[] {1, 2, 3}, List.of(new int[] {1, 2}, new int[0]),
                            new long[0])
                    .toByteArray());
            seeds.add(Message.error(ErrorName.of("org.example.Error.Failed"), 3).sender(BusName.of(":1.2"))
                    .byteOrder(order).serial(5).unixFds(2).body(Signature.of("s"), "it broke").toByteArray());
            seeds.add(Message.signal(ObjectPath.of("/o"), InterfaceName.of("o.I"), MemberName.of("Changed"))
                    .byteOrder(order).serial(6)
                    .body(Signature.of("vavaobniud"), Variant.ofString("x"), List.of(Variant.ofUInt32(1)),
                            List.of(ObjectPath.ROOT), true, (short) 7, 8, 9L, -0.5)
                    .toByteArray());
            seeds.add(RawMessage.of(0x2d).order(order).flags(0xF0)
                    .field(0x52, "a(ss)", List.of(Struct.of("k", "v"))).field(200, "v", Variant.ofByte((byte) 1))
                    .body("hv", UnixFd.ofIndex(1), Variant.of("av", List.of())).encode());
        }
        seeds.add(Hex.bytes(MessageVectorsTest.MINIMAL_RETURN_LE));
        return seeds;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hang fails
    void mutatedMessagesOnlyEverFailAsProtocolErrors() {
        List<byte[]> seeds = seeds();
        for (byte[] s : seeds) {
            assertTrue(Feeding.decode(s, "seed") != null, () -> "seed does not decode: " + Hex.of(s));
        }
        Random random = new Random(SEED);
        int decoded = 0;
        for (int i = 0; i < MUTANTS; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            StringBuilder how = new StringBuilder();
            byte[] mutant = seed;
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                mutant = mutate(mutant, random, how);
            }
            String name = "mutant " + i + " (" + how + ") of " + Hex.of(seed) + ": " + Hex.of(mutant);
            if (Feeding.decode(mutant, name) != null) {
                decoded++;
            }
            if (i % 10 == 0) {
                Feeding.frame(mutant, 1 + random.nextInt(8), name);
            }
        }
        // a sanity check on the fuzzer itself: some mutants (in padding-free spots, values) stay valid,
        // and most do not
        int stillValid = decoded;
        assertTrue(stillValid > 0 && stillValid < MUTANTS / 2, () -> stillValid + " of " + MUTANTS + " mutants decoded");
    }

    private static final byte[] INTERESTING = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, 'l', 'B', 'a', 'v', '(',
            ')', '{', '}', 's', 'o', 'g', 'y'};

    private static final long[] INTERESTING_LENGTHS = {0, 1, 7, 8, 0x7fffffffL, 0x80000000L, 0xffffffffL,
            1 << 26, (1 << 26) + 1, 1 << 27, (1 << 27) + 1};

    static byte[] mutate(byte[] in, Random r, StringBuilder how) {
        byte[] b = in.clone();
        if (b.length == 0) {
            how.append("grow;");
            return new byte[] {(byte) r.nextInt(256)};
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(8)) {
            case 0:
                how.append("flip ").append(at).append(';');
                b[at] ^= (byte) (1 << r.nextInt(8));
                return b;
            case 1:
                how.append("set ").append(at).append(';');
                b[at] = r.nextBoolean() ? (byte) r.nextInt(256) : INTERESTING[r.nextInt(INTERESTING.length)];
                return b;
            case 2:
                how.append("truncate ").append(at).append(';');
                return Arrays.copyOf(b, at);
            case 3: {
                int n = 1 + r.nextInt(8);
                how.append("insert ").append(n).append(" at ").append(at).append(';');
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, at);
                for (int i = 0; i < n; i++) {
                    out[at + i] = r.nextInt(4) == 0 ? 0 : (byte) r.nextInt(256);
                }
                System.arraycopy(b, at, out, at + n, b.length - at);
                return out;
            }
            case 4: {
                int n = Math.min(1 + r.nextInt(8), b.length - at);
                how.append("delete ").append(n).append(" at ").append(at).append(';');
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                return out;
            }
            case 5: {
                int n = Math.min(1 + r.nextInt(16), b.length - at);
                int to = r.nextInt(b.length);
                how.append("copy ").append(n).append(" from ").append(at).append(" over ").append(to).append(';');
                System.arraycopy(in, at, b, to, Math.min(n, b.length - to));
                return b;
            }
            default: {
                // a length: the body or field-array length in the fixed header, or any aligned uint32
                int field = r.nextInt(3) == 0 ? (r.nextBoolean() ? 4 : 12) : (at & ~3);
                if (field + 4 > b.length) {
                    return b;
                }
                ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'B' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                long old = bb.getInt(field) & 0xFFFFFFFFL;
                long value = r.nextBoolean() ? old + r.nextInt(17) - 8
                        : INTERESTING_LENGTHS[r.nextInt(INTERESTING_LENGTHS.length)];
                how.append("length at ").append(field).append(' ').append(old).append("->").append(value).append(';');
                bb.putInt(field, (int) value);
                return b;
            }
        }
    }
}

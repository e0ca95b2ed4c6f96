package io.github.busgen.wire;

import io.github.busgen.names.ObjectPath;

import java.util.List;
import java.util.Map;

/**
 * A D-Bus variant: a value that carries its own type, as a single complete {@link Signature}.
 *
 * <p>The value is held in the generic mapping used wherever no generated type applies:
 * <pre>
 *   y Byte      b Boolean   n Short     q Integer   i Integer   u Long      x Long     t Long
 *   d Double    s String    o ObjectPath            g Signature h UnixFd    v Variant
 *   ay byte[]   ab boolean[]  an short[]  aq int[]  ai int[]  au long[]  ax long[]  at long[]
 *   ad double[] a{KV} Map (insertion order kept)    other arrays List    (..) Struct
 * </pre>
 * {@code q} and {@code u} hold unsigned values in the next wider Java type, range-checked;
 * {@code t} keeps its 64 bits in a {@code long} (read it with {@link Long#toUnsignedString}).
 *
 * <p>The typed accessors ({@link #asString()}, {@link #asInt32()}, ...) throw
 * {@link IllegalStateException} naming the actual signature when the variant holds another type.
 */
public final class Variant {
    private final Signature signature;
    private final Object value;

    private Variant(Signature signature, Object value) {
        this.signature = signature;
        this.value = value;
    }

    /**
     * A variant of {@code value} with the single complete type {@code signature}.
     *
     * @throws io.github.busgen.names.InvalidNameException when the signature is not one complete type
     * @throws IllegalArgumentException                     when the value does not fit the type
     */
    public static Variant of(String signature, Object value) {
        return of(Signature.single(signature), value);
    }

    /** A variant of {@code value} with the single complete type {@code signature}. */
    public static Variant of(Signature signature, Object value) {
        if (!signature.isSingle()) {
            throw new IllegalArgumentException("a variant's signature must be one single complete type, not \""
                    + signature + "\"");
        }
        Values.check(signature.type(), value);
        return new Variant(signature, value);
    }

    /** Used by the reader, whose values fit their type by construction. */
    static Variant trusted(Signature signature, Object value) {
        return new Variant(signature, value);
    }

    private static final Signature Y = Signature.of("y"), B = Signature.of("b"), N = Signature.of("n"),
            Q = Signature.of("q"), I = Signature.of("i"), U = Signature.of("u"), X = Signature.of("x"),
            T = Signature.of("t"), D = Signature.of("d"), S = Signature.of("s"), O = Signature.of("o"),
            G = Signature.of("g"), V = Signature.of("v"), AY = Signature.of("ay"), AS = Signature.of("as"),
            ASV = Signature.of("a{sv}");

    /** {@code y} */
    public static Variant ofByte(byte v) { return new Variant(Y, v); }
    /** {@code b} */
    public static Variant ofBoolean(boolean v) { return new Variant(B, v); }
    /** {@code n} */
    public static Variant ofInt16(short v) { return new Variant(N, v); }
    /** {@code q}, 0..65535 */
    public static Variant ofUInt16(int v) { return of(Q, v); }
    /** {@code i} */
    public static Variant ofInt32(int v) { return new Variant(I, v); }
    /** {@code u}, 0..4294967295 */
    public static Variant ofUInt32(long v) { return of(U, v); }
    /** {@code x} */
    public static Variant ofInt64(long v) { return new Variant(X, v); }
    /** {@code t}: all 64 bits, unsigned */
    public static Variant ofUInt64(long v) { return new Variant(T, v); }
    /** {@code d} */
    public static Variant ofDouble(double v) { return new Variant(D, v); }
    /** {@code s} */
    public static Variant ofString(String v) { return of(S, v); }
    /** {@code o} */
    public static Variant ofObjectPath(ObjectPath v) { return of(O, v); }
    /** {@code g} */
    public static Variant ofSignature(Signature v) { return of(G, v); }
    /** {@code v}: a variant holding a variant */
    public static Variant ofVariant(Variant v) { return of(V, v); }
    /** {@code ay} */
    public static Variant ofBytes(byte[] v) { return of(AY, v); }
    /** {@code as} */
    public static Variant ofStrings(List<String> v) { return of(AS, List.copyOf(v)); }
    /** {@code a{sv}} */
    public static Variant ofVardict(Map<String, Variant> v) { return of(ASV, v); }

    /** The signature of the value: exactly one single complete type. */
    public Signature signature() {
        return signature;
    }

    /** The type of the value. */
    public DBusType type() {
        return signature.type();
    }

    /** The value, in the generic mapping described above. */
    public Object value() {
        return value;
    }

    private Object expect(char code) {
        if (signature.value().length() != 1 || signature.value().charAt(0) != code) {
            throw new IllegalStateException("variant holds '" + signature + "', not '" + code + "'");
        }
        return value;
    }

    private Object expect(Signature s) {
        if (!signature.equals(s)) {
            throw new IllegalStateException("variant holds '" + signature + "', not '" + s + "'");
        }
        return value;
    }

    /** The {@code y} value. */
    public byte asByte() { return (Byte) expect('y'); }
    /** The {@code b} value. */
    public boolean asBoolean() { return (Boolean) expect('b'); }
    /** The {@code n} value. */
    public short asInt16() { return (Short) expect('n'); }
    /** The {@code q} value. */
    public int asUInt16() { return (Integer) expect('q'); }
    /** The {@code i} value. */
    public int asInt32() { return (Integer) expect('i'); }
    /** The {@code u} value. */
    public long asUInt32() { return (Long) expect('u'); }
    /** The {@code x} value. */
    public long asInt64() { return (Long) expect('x'); }
    /** The {@code t} value (64 bits, unsigned). */
    public long asUInt64() { return (Long) expect('t'); }
    /** The {@code d} value. */
    public double asDouble() { return (Double) expect('d'); }
    /** The {@code s} value. */
    public String asString() { return (String) expect('s'); }
    /** The {@code o} value. */
    public ObjectPath asObjectPath() { return (ObjectPath) expect('o'); }
    /** The {@code g} value. */
    public Signature asSignature() { return (Signature) expect('g'); }
    /** The {@code h} value. */
    public UnixFd asUnixFd() { return (UnixFd) expect('h'); }
    /** The {@code v} value. */
    public Variant asVariant() { return (Variant) expect('v'); }
    /** The {@code ay} value. */
    public byte[] asBytes() { return (byte[]) expect(AY); }

    /** The {@code as} value. */
    @SuppressWarnings("unchecked")
    public List<String> asStrings() { return (List<String>) expect(AS); }

    /** The {@code a{sv}} value. */
    @SuppressWarnings("unchecked")
    public Map<String, Variant> asVardict() { return (Map<String, Variant>) expect(ASV); }

    /** Any integer type ({@code y n q i u x t}) widened to a long; {@code t} keeps its bits. */
    public long asLong() {
        if (signature.value().length() == 1 && "ynqiuxt".indexOf(signature.value().charAt(0)) >= 0) {
            return value instanceof Byte ? ((Byte) value) & 0xFF : ((Number) value).longValue();
        }
        throw new IllegalStateException("variant holds '" + signature + "', not an integer type");
    }

    /** The value of a struct-typed variant. */
    public Struct asStruct() {
        if (signature.type().code() != DBusType.STRUCT) {
            throw new IllegalStateException("variant holds '" + signature + "', not a struct");
        }
        return (Struct) value;
    }

    /** The value of an array-typed variant that maps to a List (not a primitive array or map). */
    public List<?> asList() {
        if (!(value instanceof List)) {
            throw new IllegalStateException("variant holds '" + signature + "', not an array mapped to a List");
        }
        return (List<?>) value;
    }

    /** The value of a dict-typed variant. */
    public Map<?, ?> asMap() {
        if (!signature.type().isDict()) {
            throw new IllegalStateException("variant holds '" + signature + "', not a dict");
        }
        return (Map<?, ?>) value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variant && ((Variant) o).signature.equals(signature)
                && Values.deepEquals(value, ((Variant) o).value);
    }

    @Override
    public int hashCode() {
        return 31 * signature.hashCode() + Values.deepHashCode(value);
    }

    @Override
    public String toString() {
        return "<" + signature + " " + Values.toString(value) + ">";
    }
}

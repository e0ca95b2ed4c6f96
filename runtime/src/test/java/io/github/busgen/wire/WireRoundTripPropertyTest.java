package io.github.busgen.wire;

import io.github.busgen.testing.RandomValues;
import io.github.busgen.testing.RandomValues.Typed;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random valid types and values (see {@link RandomValues}) written with {@link WireWriter} and read
 * back with {@link WireReader#readValue} and {@link WireReader#skipValue}, in both byte orders from
 * random start positions.
 */
class WireRoundTripPropertyTest {

    @Provide
    Arbitrary<Typed> typedValues() {
        return Arbitraries.randomValue(r -> new RandomValues(r).typed());
    }

    @Provide
    Arbitrary<List<Typed>> typedValueLists() {
        return Arbitraries.randomValue(r -> {
            RandomValues g = new RandomValues(r);
            return g.types(4, 8).stream().map(t -> new Typed(t, g.value(t))).toList();
        });
    }

    @Property(tries = 400)
    void writeThenReadGivesTheValueBack(@ForAll("typedValues") Typed tv, @ForAll boolean bigEndian,
                                        @ForAll @IntRange(min = 0, max = 17) int start) throws DBusProtocolException {
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        WireWriter w = new WireWriter(order, start, 16);
        w.writeValue(tv.type(), tv.value());
        byte[] bytes = w.toByteArray();

        WireReader r = WireVectors.embedded(bytes, bytes.length, order, start);
        Object back = r.readValue(tv.type());
        assertTrue(Values.deepEquals(tv.value(), back), () -> "read back " + Values.toString(back));
        assertTrue(r.atEnd());
        assertEquals(Values.deepHashCode(tv.value()), Values.deepHashCode(back));

        WireReader s = WireVectors.embedded(bytes, bytes.length, order, start);
        s.skipValue(tv.type());
        assertTrue(s.atEnd(), "skipValue ends where readValue ends");

        // the encoding is canonical: what was read writes the same bytes again
        WireWriter again = new WireWriter(order, start, 16);
        again.writeValue(tv.type(), back);
        assertArrayEquals(bytes, again.toByteArray());
    }

    @Property(tries = 200)
    void severalValuesInSequence(@ForAll("typedValueLists") List<Typed> values, @ForAll boolean bigEndian,
                                 @ForAll @IntRange(min = 0, max = 17) int start) throws DBusProtocolException {
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Signature sig = Signature.of(RandomValues.joined(values.stream().map(Typed::type).toList()));
        WireWriter w = new WireWriter(order, start, 16);
        w.writeValues(sig, values.stream().map(Typed::value).toList());
        byte[] bytes = w.toByteArray();
        WireReader r = WireVectors.embedded(bytes, bytes.length, order, start);
        List<Object> back = r.readValues(sig);
        assertTrue(r.atEnd());
        for (int i = 0; i < values.size(); i++) {
            assertTrue(Values.deepEquals(values.get(i).value(), back.get(i)), "value " + i);
        }
    }

    @Property(tries = 300)
    void validSignaturesParseToTheirTypes(@ForAll("typedValueLists") List<Typed> values) {
        List<DBusType> types = values.stream().map(Typed::type).toList();
        String text = RandomValues.joined(types);
        Signature s = Signature.of(text);
        assertEquals(text, s.value());
        assertEquals(types, s.types());
        assertEquals(s, Signature.of(types));
        for (DBusType t : types) {
            assertEquals(t, Signature.single(t.signature()).type());
        }
    }

    @Property(tries = 300)
    void variantsOfRandomValues(@ForAll("typedValues") Typed tv, @ForAll boolean bigEndian) throws DBusProtocolException {
        // one more level than the value itself: only when the value leaves room for it
        Variant v;
        try {
            v = Variant.of(Signature.of(tv.type()), tv.value());
        } catch (IllegalArgumentException e) {
            throw new AssertionError("a generated value must fit its type: " + e.getMessage(), e);
        }
        ByteOrder order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        WireWriter w = new WireWriter(order);
        try {
            w.writeVariant(v);
        } catch (IllegalArgumentException tooDeep) {
            assertTrue(tooDeep.getMessage().contains("nested more than 64"), tooDeep.getMessage());
            return;
        }
        byte[] bytes = w.toByteArray();
        Variant back = new WireReader(bytes, 0, bytes.length, order).readVariant();
        assertEquals(v, back);
        assertEquals(v.hashCode(), back.hashCode());
    }
}

package io.github.busgen.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A D-Bus struct value where no Java record stands for it: the generic form used inside
 * {@link Variant}s and by {@link WireReader#readValue(DBusType)}. Its fields follow the generic
 * value mapping of {@link Variant}.
 */
public final class Struct {
    private final List<Object> fields;

    private Struct(List<Object> fields) {
        this.fields = fields;
    }

    /** A struct of these field values, in order (at least one). */
    public static Struct of(Object... fields) {
        return of(Arrays.asList(fields));
    }

    /** A struct of these field values, in order (at least one; nulls are rejected). */
    public static Struct of(List<?> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a struct needs at least one field");
        }
        List<Object> copy = new ArrayList<>(fields.size());
        for (Object f : fields) {
            if (f == null) {
                throw new NullPointerException("struct field");
            }
            copy.add(f);
        }
        return new Struct(Collections.unmodifiableList(copy));
    }

    /** The field values in order. */
    public List<Object> fields() {
        return fields;
    }

    /** The field at {@code index}. */
    public Object get(int index) {
        return fields.get(index);
    }

    /** The number of fields. */
    public int size() {
        return fields.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Struct && Values.deepEquals(fields, ((Struct) o).fields);
    }

    @Override
    public int hashCode() {
        return Values.deepHashCode(fields);
    }

    @Override
    public String toString() {
        return Values.toString(this);
    }
}

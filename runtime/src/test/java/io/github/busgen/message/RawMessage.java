package io.github.busgen.message;

import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.WireWriter;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Encodes messages the way a careless or hostile peer might: any type, version, serial and header
 * fields (codes, signatures and values unchecked), any body, so that tests can break one rule at a
 * time. Values are written with {@link WireWriter}, which the wire vectors check byte by byte.
 */
final class RawMessage {
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private int type = 1;
    private int flags;
    private int version = 1;
    private int serial = 1;
    private final List<Consumer<WireWriter>> fields = new ArrayList<>();
    private String bodySignature;
    private Consumer<WireWriter> body = w -> { };

    static RawMessage of(int type) {
        RawMessage m = new RawMessage();
        m.type = type;
        return m;
    }

    /** A method call with PATH /p and MEMBER M: valid as it stands. */
    static RawMessage call() {
        return of(1).field(1, "o", io.github.busgen.names.ObjectPath.of("/p")).field(3, "s", "M");
    }

    RawMessage order(ByteOrder order) {
        this.order = order;
        return this;
    }

    RawMessage flags(int flags) {
        this.flags = flags;
        return this;
    }

    RawMessage version(int version) {
        this.version = version;
        return this;
    }

    RawMessage serial(int serial) {
        this.serial = serial;
        return this;
    }

    /**
     * A header field: code, the variant's signature as raw text (it need not be valid), and the
     * values of its types when it is valid.
     */
    RawMessage field(int code, String signature, Object... values) {
        fields.add(w -> {
            w.beginStruct();
            w.writeByte((byte) code);
            w.writeByte((byte) signature.length());
            for (byte b : signature.getBytes(StandardCharsets.ISO_8859_1)) {
                w.writeByte(b);
            }
            w.writeByte((byte) 0);
            if (Signature.isValid(signature)) {
                List<DBusType> types = Signature.of(signature).types();
                for (int i = 0; i < values.length; i++) {
                    w.writeValue(types.get(i), values[i]);
                }
            }
        });
        return this;
    }

    /** A body of {@code values} with a SIGNATURE field for them. */
    RawMessage body(String signature, Object... values) {
        bodySignature = signature;
        Signature s = Signature.of(signature);
        body = w -> w.writeValues(s, List.of(values));
        return this;
    }

    /** Body bytes with no SIGNATURE field (unless one was added with {@link #field}). */
    RawMessage rawBody(byte... bytes) {
        body = w -> {
            for (byte b : bytes) {
                w.writeByte(b);
            }
        };
        return this;
    }

    byte[] encode() {
        WireWriter w = new WireWriter(order);
        w.writeByte((byte) (order == ByteOrder.BIG_ENDIAN ? 'B' : 'l'));
        w.writeByte((byte) type);
        w.writeByte((byte) flags);
        w.writeByte((byte) version);
        w.writeInt32(0); // body length, patched below
        w.writeInt32(serial);
        long array = w.beginArray(8);
        for (Consumer<WireWriter> f : fields) {
            f.accept(w);
        }
        if (bodySignature != null) {
            field(8, "g", Signature.of(bodySignature));
            fields.get(fields.size() - 1).accept(w);
            fields.remove(fields.size() - 1);
        }
        w.endArray(array);
        w.align(8);
        int bodyStart = w.size();
        body.accept(w);
        w.patchInt32(4, w.size() - bodyStart);
        return w.toByteArray();
    }
}

package io.github.busgen.introspect;

import io.github.busgen.names.PropertyName;
import io.github.busgen.wire.Signature;

import java.util.List;
import java.util.Objects;

/**
 * A property of an interface.
 *
 * @param name        the property's name
 * @param type        its type: one single complete type
 * @param access      whether it can be read, written, or both
 * @param annotations its annotations, for example {@link Annotation#EMITS_CHANGED_SIGNAL}
 */
public record PropertyInfo(PropertyName name, Signature type, Access access, List<Annotation> annotations) {
    /** What a property allows. */
    public enum Access {
        /** {@code read} */
        READ("read"),
        /** {@code write} */
        WRITE("write"),
        /** {@code readwrite} */
        READWRITE("readwrite");

        private final String xml;

        Access(String xml) {
            this.xml = xml;
        }

        /** The value of the {@code access} attribute. */
        public String xml() {
            return xml;
        }

        /** Whether the property can be read. */
        public boolean readable() {
            return this != WRITE;
        }

        /** Whether the property can be written. */
        public boolean writable() {
            return this != READ;
        }

        /** The access for an {@code access} attribute value, or null if it is none of the three. */
        public static Access fromXml(String value) {
            for (Access a : values()) {
                if (a.xml.equals(value)) {
                    return a;
                }
            }
            return null;
        }
    }

    /** How a property announces its changes ({@link Annotation#EMITS_CHANGED_SIGNAL}). */
    public enum EmitsChangedSignal {
        /** PropertiesChanged carries the new value (the default). */
        TRUE("true"),
        /** PropertiesChanged names the property as invalidated, without its value. */
        INVALIDATES("invalidates"),
        /** The value never changes. */
        CONST("const"),
        /** Changes are not announced. */
        FALSE("false");

        private final String xml;

        EmitsChangedSignal(String xml) {
            this.xml = xml;
        }

        /** The annotation value. */
        public String xml() {
            return xml;
        }

        /** The behaviour for an annotation value, or null if it is none of the four. */
        public static EmitsChangedSignal fromXml(String value) {
            for (EmitsChangedSignal e : values()) {
                if (e.xml.equals(value)) {
                    return e;
                }
            }
            return null;
        }
    }

    /** Checks the type and copies the list. */
    public PropertyInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(access, "access");
        if (!type.isSingle()) {
            throw new IllegalArgumentException("a property has one single complete type, not \"" + type + "\"");
        }
        annotations = List.copyOf(annotations);
    }

    /**
     * How changes are announced: this property's annotation, else the interface's, else
     * {@link EmitsChangedSignal#TRUE}.
     */
    public EmitsChangedSignal emitsChangedSignal(InterfaceInfo owner) {
        EmitsChangedSignal own = Annotations.emits(annotations);
        if (own != null) {
            return own;
        }
        EmitsChangedSignal inherited = owner == null ? null : Annotations.emits(owner.annotations());
        return inherited != null ? inherited : EmitsChangedSignal.TRUE;
    }
}

package io.github.busgen.processor.model;

import io.github.busgen.introspect.Annotation;
import io.github.busgen.introspect.PropertyInfo.Access;
import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;
import io.github.busgen.processor.diag.Location;

import java.util.List;
import java.util.Objects;

/**
 * A D-Bus property and its Java accessors.
 *
 * @param name               the D-Bus property name (checked by the validator)
 * @param location           where the name was given, or the first accessor
 * @param type               its type
 * @param getter             the getter's name ({@code getX} or {@code isX}), or null when write-only
 * @param setter             the setter's name, or null when read-only
 * @param setterParam        the setter's parameter name in generated code
 * @param javaName           the Java name of the property, such as {@code Count}: the base of the
 *                           names of generated methods
 * @param emitsChangedSignal how changes are announced when given explicitly, else null
 * @param deprecated         whether it is deprecated
 * @param annotations        its other introspection annotations
 */
public record PropertyModel(String name, Location location, TypeModel type, String getter, String setter,
                            String setterParam, String javaName, EmitsChangedSignal emitsChangedSignal,
                            boolean deprecated, List<Annotation> annotations) {
    public PropertyModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(javaName, "javaName");
        if (getter == null && setter == null) {
            throw new IllegalArgumentException("a property has a getter, a setter or both");
        }
        if (setter != null) {
            Objects.requireNonNull(setterParam, "setterParam");
        }
        annotations = List.copyOf(annotations);
    }

    /** Whether it can be read, written, or both. */
    public Access access() {
        return getter == null ? Access.WRITE : setter == null ? Access.READ : Access.READWRITE;
    }

    /** How changes are announced: its own setting, else its interface's, else {@code TRUE}. */
    public EmitsChangedSignal effectiveEmitsChangedSignal(InterfaceModel owner) {
        if (emitsChangedSignal != null) {
            return emitsChangedSignal;
        }
        return owner.emitsChangedSignal() != null ? owner.emitsChangedSignal() : EmitsChangedSignal.TRUE;
    }

    /** Whether clients can watch its changes (readable, and announced with the value or by name). */
    public boolean watchable(InterfaceModel owner) {
        EmitsChangedSignal e = effectiveEmitsChangedSignal(owner);
        return getter != null && (e == EmitsChangedSignal.TRUE || e == EmitsChangedSignal.INVALIDATES);
    }

    /** All its introspection annotations. */
    public List<Annotation> dbusAnnotations() {
        return Members.annotations(deprecated, null, emitsChangedSignal, annotations);
    }

    /** The proxy's asynchronous getter. */
    public String getterAsyncName() {
        return getter + "Async";
    }

    /** The proxy's asynchronous setter. */
    public String setterAsyncName() {
        return setter + "Async";
    }

    /** The proxy's subscription to its changes, {@code on<X>PropertyChanged}. */
    public String watchName() {
        return "on" + javaName + "PropertyChanged";
    }

    /** The skeleton's method that announces a change, {@code <x>Changed}. */
    public String changedName() {
        return JavaNames.lowerFirst(javaName) + "Changed";
    }
}

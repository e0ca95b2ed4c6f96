package io.github.busgen.annotation;

import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a getter or setter of a {@link DBusInterface} as an accessor of a D-Bus property. A getter
 * ({@code T getX()}, or {@code boolean isX()}) makes the property readable, a setter
 * ({@code void setX(T value)}) writable; both must agree on the type. The property's name is
 * {@code X} unless {@link #name()} says otherwise.
 *
 * <pre>{@code
 * @DBusProperty
 * int getVolume();                                         // property Volume, i, readwrite
 * @DBusProperty
 * void setVolume(int volume);
 *
 * @DBusProperty(emitsChangedSignal = EmitsChangedSignal.CONST)
 * String getVersion();                                     // property Version, s, read, never changes
 * }</pre>
 *
 * <p>Clients get {@code getX()}, {@code getXAsync()}, {@code setX(v)}, {@code setXAsync(v)} and
 * {@code onXPropertyChanged(handler)}; skeletons get {@code xChanged()} to announce a change.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DBusProperty {
    /**
     * The D-Bus property name; by default the accessor's name without its {@code get}, {@code is}
     * or {@code set} prefix. It must follow the rules of {@link io.github.busgen.names.PropertyName},
     * which allow GObject-style names such as {@code disable-printing}:
     * {@code @DBusProperty(name = "disable-printing") boolean isDisablePrinting();}
     */
    String name() default "";

    /**
     * How changes are announced ({@code org.freedesktop.DBus.Property.EmitsChangedSignal}):
     * with the new value ({@code TRUE}), by name only ({@code INVALIDATES}), never because the value
     * is constant ({@code CONST}), or not at all ({@code FALSE}). Written to the introspection data
     * only when given explicitly; when the getter and the setter both give it, they must agree.
     */
    EmitsChangedSignal emitsChangedSignal() default EmitsChangedSignal.TRUE;
}

package io.github.busgen.annotation;

import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface as a D-Bus interface: busgen's processor generates its proxy, skeleton,
 * record codecs and introspection XML.
 *
 * <p>Every abstract method of the interface is a D-Bus method ({@link DBusMethod} is optional) or,
 * when annotated {@link DBusProperty}, a property accessor; every record nested in it and annotated
 * {@link DBusSignal} is a signal. Default and static methods are left alone. The interface must not
 * be generic and must not inherit abstract methods (D-Bus interfaces do not inherit).
 *
 * <pre>{@code
 * @DBusInterface("com.example.Music.Player")
 * public interface Player {
 *     void play(String uri);
 * }
 * // generates PlayerProxy, PlayerSkeleton and META-INF/dbus/interfaces/com.example.Music.Player.xml
 * }</pre>
 *
 * <p>{@link Deprecated @Deprecated} on the interface adds the {@code org.freedesktop.DBus.Deprecated}
 * annotation to its introspection data.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DBusInterface {
    /**
     * The D-Bus interface name, such as {@code com.example.Music.Player}; by default the Java
     * interface's canonical name. It must follow the rules of
     * {@link io.github.busgen.names.InterfaceName}.
     */
    String value() default "";

    /**
     * How the interface's properties announce their changes unless a property says otherwise
     * ({@code org.freedesktop.DBus.Property.EmitsChangedSignal} on the interface). Written to the
     * introspection data only when given explicitly.
     */
    EmitsChangedSignal emitsChangedSignal() default EmitsChangedSignal.TRUE;
}

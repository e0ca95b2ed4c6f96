package io.github.busgen.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds an introspection annotation (a name and a value) to an interface, method, signal, property
 * accessor or argument, for annotations busgen has no dedicated attribute for.
 * {@code org.freedesktop.DBus.Deprecated}, {@code Method.NoReply} and
 * {@code Property.EmitsChangedSignal} come from {@link Deprecated}, {@link DBusMethod#noReply()}
 * and {@link DBusProperty#emitsChangedSignal()} instead.
 *
 * <pre>{@code
 * @DBusAnnotation(name = "org.gtk.GDBus.C.Name", value = "Player")
 * @DBusInterface("com.example.Music.Player")
 * public interface Player { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Repeatable(DBusAnnotations.class)
public @interface DBusAnnotation {
    /** The annotation's name, a dotted name by convention. */
    String name();

    /** Its value. */
    String value();
}

package io.github.busgen.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record nested in a {@link DBusInterface} as one of its signals: the record's components
 * are the signal's arguments, in order (named after the components, or {@link DBusArg}).
 *
 * <pre>{@code
 * @DBusInterface("com.example.Music.Player")
 * public interface Player {
 *     @DBusSignal
 *     record TrackChanged(String uri, @DBusType("u") long position) {}
 * }
 * // clients:  try (var s = player.onTrackChanged(t -> show(t.uri()))) { ... }
 * // services: skeleton.emitTrackChanged("file:///a.ogg", 0);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DBusSignal {
    /**
     * The D-Bus member name; by default the record's simple name. It must follow the rules of
     * {@link io.github.busgen.names.MemberName}.
     */
    String name() default "";
}

package io.github.busgen.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an argument in the introspection data where its Java name is not the one wanted. Without
 * it, in-arguments are named after the method's parameters, and signal arguments and the
 * out-arguments of a {@link DBusResult} record after the record's components.
 *
 * <pre>{@code
 * void move(@DBusArg("x_pos") int x, @DBusArg("y_pos") int y);
 *
 * @DBusSignal
 * record Moved(@DBusArg("x_pos") int x, @DBusArg("y_pos") int y) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface DBusArg {
    /** The argument's D-Bus name. */
    String value();
}

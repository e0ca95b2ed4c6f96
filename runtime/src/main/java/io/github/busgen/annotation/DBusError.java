package io.github.busgen.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives an exception class a D-Bus error name. When a method of a {@link DBusInterface} declares
 * the exception in its {@code throws} clause, the skeleton answers the exception with an error
 * reply of this name (its message as the error message), and the proxy throws the exception again
 * when a reply carries this name. Other errors reach callers as
 * {@link io.github.busgen.connection.DBusException}.
 *
 * <p>The class must extend {@link Throwable} (checked and unchecked exceptions both work;
 * extending {@code DBusException} is allowed, not required) and have an accessible constructor
 * taking the error message as its only argument.
 *
 * <pre>{@code
 * @DBusError("com.example.Music.Error.NotFound")
 * public class NotFoundException extends Exception {
 *     public NotFoundException(String message) {
 *         super(message);
 *     }
 * }
 *
 * void play(String uri) throws NotFoundException;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DBusError {
    /** The D-Bus error name; it must follow the rules of {@link io.github.busgen.names.ErrorName}. */
    String value();
}

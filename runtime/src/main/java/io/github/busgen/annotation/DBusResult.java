package io.github.busgen.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as the several out-arguments of a method, one per component in order, rather
 * than one struct. Without it a record returned by a method is a single struct out-argument.
 *
 * <pre>{@code
 * @DBusResult
 * record StatusResult(String state, @DBusType("u") long position) {}
 *
 * StatusResult status();          // Status() -> (s state, u position)
 *
 * record Point(int x, int y) {}
 * Point origin();                 // Origin() -> ((ii))
 * }</pre>
 *
 * <p>A result record can only be returned (directly or in a {@code CompletableFuture}); it cannot
 * be used as a struct elsewhere.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface DBusResult {
}

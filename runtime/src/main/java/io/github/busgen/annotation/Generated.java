package io.github.busgen.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class that busgen generated; do not edit it, change its source instead. Kept in the class
 * files (not at run time) so that coverage and analysis tools can skip generated code.
 *
 * <p>busgen uses its own annotation rather than {@code javax.annotation.processing.Generated},
 * which lives in the {@code java.compiler} module that a modular application would otherwise have
 * to require.
 *
 * <pre>{@code
 * @Generated(value = "io.github.busgen.processor", from = "com.example.Player")
 * public final class PlayerProxy implements Player { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Generated {
    /** The generator. */
    String value();

    /** What the code was generated from: a Java interface's name or an XML file. */
    String from() default "";
}

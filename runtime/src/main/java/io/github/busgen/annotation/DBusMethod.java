package io.github.busgen.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets the details of a D-Bus method; optional, since every abstract method of a
 * {@link DBusInterface} is a D-Bus method.
 *
 * <p>The method's parameters are the in-arguments, named after the Java parameters (or
 * {@link DBusArg}). The return type gives the out-arguments: none for {@code void}, one for any
 * other type, several for a record annotated {@link DBusResult}. A method returning
 * {@code CompletableFuture<T>} is asynchronous on both sides: the proxy returns the future of the
 * reply, and the skeleton answers when the implementation's future completes. Checked or unchecked
 * exceptions annotated {@link DBusError} in the {@code throws} clause are the method's D-Bus errors.
 *
 * <pre>{@code
 * @DBusMethod(name = "GetAll", out = "items")
 * List<Item> items(@DBusType("u") long limit) throws NotFoundException;
 *
 * @DBusMethod(noReply = true)
 * void poke();                                   // the caller does not wait for an answer
 *
 * CompletableFuture<String> describe();          // asynchronous on both sides
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DBusMethod {
    /**
     * The D-Bus member name; by default the Java name with its first letter in upper case
     * ({@code getAll} becomes {@code GetAll}). It must follow the rules of
     * {@link io.github.busgen.names.MemberName}.
     */
    String name() default "";

    /**
     * Whether callers do not wait for a reply ({@code org.freedesktop.DBus.Method.NoReply}): the
     * proxy sends the call with NO_REPLY_EXPECTED and returns at once. Only for {@code void}
     * methods.
     */
    boolean noReply() default false;

    /**
     * The name of the single out-argument in the introspection data; by default it has none. A
     * method returning a {@link DBusResult} record names its out-arguments by the record's components
     * instead.
     */
    String out() default "";
}

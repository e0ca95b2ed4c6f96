package io.github.busgen.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Picks the D-Bus type of one use of a Java type where the default mapping is not the one wanted.
 * The value is one single complete D-Bus type that must fit the Java type it annotates.
 *
 * <p>Default mapping, and what else each Java type can express:
 * <pre>
 *   Java                  default   also
 *   byte / Byte           y
 *   boolean / Boolean     b
 *   short / Short         n
 *   int / Integer         i         q (0..65535)
 *   long / Long           x         u (0..2^32-1), t (all 64 bits, unsigned)
 *   double / Double       d
 *   String                s
 *   ObjectPath            o
 *   Signature             g
 *   UnixFd                h
 *   Variant               v
 *   byte[] boolean[] short[] double[]   ay ab an ad
 *   int[]                 ai        aq
 *   long[]                ax        au, at
 *   List&lt;T&gt;               a + T's type
 *   Map&lt;K, V&gt;             a{KV}, K a basic type
 *   a record              (its components' types, in order)
 * </pre>
 *
 * <p>As a type annotation it applies to exactly the type it stands before, so nested types are
 * annotated where they occur:
 * <pre>{@code
 * @DBusType("u") long size();                            // u
 * void watch(List<@DBusType("u") Long> ids);              // au, as a List
 * void flags(@DBusType("u") long[] flags);                // au, as a long[] (the annotation is on long)
 * Map<String, @DBusType("t") Long> counters();            // a{st}
 * record Entry(@DBusType("q") int port, String host) {}   // (qs)
 * }</pre>
 *
 * <p>Type annotations on types compiled separately (records from a library jar) are not visible to
 * the processor on JDK 17: declare such records in the same compilation, or use the default types.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE_USE)
public @interface DBusType {
    /** The D-Bus type: exactly one single complete type, such as {@code u} or {@code a{sv}}. */
    String value();
}

/**
 * The annotations that describe a D-Bus interface in Java. busgen's annotation processor reads them
 * at compile time (none is retained at run time) and generates, for every interface annotated
 * {@link io.github.busgen.annotation.DBusInterface}, a typed client ({@code FooProxy}), a server
 * adapter ({@code FooSkeleton}), the codecs of the records it uses, and its introspection XML as
 * the class-path resource {@code META-INF/dbus/interfaces/<interface name>.xml}.
 *
 * <pre>{@code
 * @DBusInterface("io.github.busgen.examples.Counter")
 * public interface Counter {
 *     @DBusMethod(out = "count")
 *     int add(int delta);                       // Add(i delta) -> (i count)
 *
 *     void reset();                             // Reset()
 *
 *     @DBusProperty
 *     int getCount();                           // property Count, type i, readwrite
 *
 *     @DBusProperty
 *     void setCount(int count);
 *
 *     @DBusSignal
 *     record CountChanged(int count) {}        // signal CountChanged(i count)
 * }
 * }</pre>
 *
 * <p>Java types map to D-Bus types as in the table of {@link io.github.busgen.annotation.DBusType};
 * {@code @DBusType} picks another D-Bus type where the default is not the one wanted.
 */
package io.github.busgen.annotation;

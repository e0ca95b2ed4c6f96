package io.github.busgen.examples.counter;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusProperty;
import io.github.busgen.annotation.DBusSignal;
import io.github.busgen.wire.Variant;

import java.util.Map;

/**
 * The counter service of the examples, written as an annotated Java interface: busgen's processor
 * generates {@code CounterProxy} (a client), {@code CounterSkeleton} (a server) and the
 * interface's introspection XML, {@code META-INF/dbus/interfaces/io.github.busgen.examples.Counter.xml}.
 */
@DBusInterface("io.github.busgen.examples.Counter")
public interface Counter {
    /** The bus name the service requests. */
    String BUS_NAME = "io.github.busgen.examples.Counter";
    /** The object path of the counter. */
    String PATH = "/io/github/busgen/examples/Counter";

    /** Sets the count to zero. */
    void reset();

    /** Adds {@code delta} to the count and returns the new count. */
    @DBusMethod(out = "count")
    int add(int delta);

    /** Describes the counter: its count, how many calls it served, and what serves it. */
    @DBusMethod(out = "info")
    Map<String, Variant> describe();

    /** The count. */
    @DBusProperty
    int getCount();

    /** Sets the count. */
    @DBusProperty
    void setCount(int count);

    /** The count changed. */
    @DBusSignal
    record CountChanged(int count) {
    }
}

package ex;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusProperty;
import io.github.busgen.annotation.DBusSignal;
import io.github.busgen.wire.Variant;

import java.util.Map;

/** The counter of DESIGN section 8. */
@DBusInterface("io.github.busgen.examples.Counter")
public interface Counter {
    /** Sets the count to zero. */
    void reset();

    /** Adds {@code delta} and returns the new count. */
    @DBusMethod(out = "count")
    int add(int delta);

    /** Describes the counter. */
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

package io.github.busgen.processor.e2e;

import io.github.busgen.annotation.DBusArg;
import io.github.busgen.annotation.DBusError;
import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusProperty;
import io.github.busgen.annotation.DBusResult;
import io.github.busgen.annotation.DBusSignal;
import io.github.busgen.annotation.DBusType;
import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Variant;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The end-to-end interface: every type of DESIGN section 5 that a bus can carry (file descriptors
 * need fd passing, which busgen's transports do not do), records nested in lists and maps,
 * asynchronous and no-reply methods, errors, properties and signals. Compiled by busgen's own
 * processor in this module's test compilation.
 */
@DBusInterface("io.github.busgen.test.Everything")
public interface Everything {
    /** Returns its arguments. */
    Basics echoBasics(byte y, boolean b, short n, @DBusType("q") int q, int i, @DBusType("u") long u, long x,
                      @DBusType("t") long t, double d, String s, ObjectPath o, Signature g, Variant v);

    /** Returns its arguments. */
    Arrays echoArrays(byte[] ay, boolean[] ab, short[] an, @DBusType("q") int[] aq, int[] ai,
                      @DBusType("u") long[] au, long[] ax, @DBusType("t") long[] at, double[] ad);

    /** Groups the points of each line by the line's name, and counts the managed objects' properties. */
    Nested nest(List<Line> lines, Map<ObjectPath, Map<String, Variant>> managed);

    /** Returns how many elements it got in all (empty containers in, empty containers out). */
    @DBusMethod(out = "count")
    int countAll(List<Point> points, Map<String, Variant> dict, byte[] bytes, List<List<String>> lists);

    /** Squares, answering later from another thread. */
    CompletableFuture<@DBusType("t") Long> square(@DBusType("u") long value);

    /** Fails: {@code "missing"} with the declared error, {@code "denied"} with an undeclared one. */
    void fail(String how) throws NotFoundException;

    /** Fails later with the declared error. */
    CompletableFuture<Void> failLater(String key) throws NotFoundException;

    /** Waits before answering, for timeouts. */
    void sleep(int millis);

    /** Records {@code why} and emits {@link Poked}; callers do not wait. */
    @DBusMethod(noReply = true)
    void poke(String why);

    /** A read-write property announced with its value. */
    @DBusProperty
    int getCount();

    /** Its setter. */
    @DBusProperty
    void setCount(int count);

    /** A read-only property announced by name only. */
    @DBusProperty(emitsChangedSignal = EmitsChangedSignal.INVALIDATES)
    String getLabel();

    /**
     * A property whose name is no member name, as xdg-desktop-portal's Lockdown has: the
     * specification allows it.
     */
    @DBusProperty(name = "disable-printing")
    boolean isDisablePrinting();

    /** Its setter. */
    @DBusProperty(name = "disable-printing")
    void setDisablePrinting(boolean disable);

    /** A constant list of records. */
    @DBusProperty(emitsChangedSignal = EmitsChangedSignal.CONST)
    List<Point> getCorners();

    /** Emitted by {@link #poke}. */
    @DBusSignal
    record Poked(String why) {
    }

    /** Emitted by the service with containers in it. */
    @DBusSignal
    record Moved(@DBusArg("from_where") Point from, List<Point> path, Map<String, Variant> details) {
    }

    /** The reply of {@link #echoBasics}. */
    @DBusResult
    record Basics(byte y, boolean b, short n, @DBusType("q") int q, int i, @DBusType("u") long u, long x,
                  @DBusType("t") long t, double d, String s, ObjectPath o, Signature g, Variant v) {
    }

    /** The reply of {@link #echoArrays}: arrays compare by identity in records, so tests compare fields. */
    @DBusResult
    record Arrays(byte[] ay, boolean[] ab, short[] an, @DBusType("q") int[] aq, int[] ai, @DBusType("u") long[] au,
                  long[] ax, @DBusType("t") long[] at, double[] ad) {
    }

    /** The reply of {@link #nest}. */
    @DBusResult
    record Nested(Map<String, List<Point>> byName, @DBusType("a{ou}") Map<ObjectPath, Long> propertyCounts) {
    }

    /** A struct. */
    record Point(int x, int y) {
    }

    /** A struct holding a struct list. */
    record Line(String name, List<Point> points) {
    }

    /** The declared error. */
    @DBusError("io.github.busgen.test.Error.NotFound")
    class NotFoundException extends Exception {
        private static final long serialVersionUID = 1L;

        /** With the error message. */
        public NotFoundException(String message) {
            super(message);
        }
    }
}

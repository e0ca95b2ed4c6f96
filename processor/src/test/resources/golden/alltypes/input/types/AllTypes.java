package types;

import io.github.busgen.annotation.DBusArg;
import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusResult;
import io.github.busgen.annotation.DBusType;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.UnixFd;
import io.github.busgen.wire.Variant;

import java.util.List;
import java.util.Map;

/** Every type of DESIGN section 5, alone and nested. */
@DBusInterface("com.example.AllTypes")
public interface AllTypes {
    /** The basic types and the variant, in and out. */
    Basics basics(byte y, boolean b, short n, @DBusType("q") int q, int i, @DBusType("u") long u, long x,
                  @DBusType("t") long t, double d, String s, ObjectPath o, Signature g, UnixFd h, Variant v);

    /** Boxed forms are the same D-Bus types. */
    @DBusType("u") Long boxed(Byte y, Boolean b, Short n, @DBusType("q") Integer q, Integer i, Double d);

    /** Every primitive array. */
    Arrays arrays(byte[] ay, boolean[] ab, short[] an, @DBusType("q") int[] aq, int[] ai, @DBusType("u") long[] au,
                  long[] ax, @DBusType("t") long[] at, double[] ad);

    /** Lists of everything else, and lists of lists. */
    List<List<String>> lists(List<String> as, List<ObjectPath> ao, List<Variant> av, List<@DBusType("u") Long> au,
                             List<Byte> listOfBytes, List<byte[]> aay, List<Point> points);

    /** Maps, with records nested in lists and maps. */
    Map<String, List<Point>> maps(Map<String, Variant> vardict, Map<@DBusType("u") Long, Point> byId,
                                  Map<ObjectPath, Map<String, Variant>> managed, Map<Byte, Line> lines);

    /** A struct as one argument (a record without @DBusResult). */
    @DBusMethod(out = "origin")
    Point origin();

    /** A type annotation on the whole List, fixing its elements. */
    @DBusType("au") List<Long> wholeListAnnotated(@DBusType("a{ut}") Map<Long, Long> counters);

    /** Nothing in, nothing out. */
    void nothing();

    /** The basics, as the several out-arguments of {@link #basics}. */
    @DBusResult
    record Basics(byte y, boolean b, short n, @DBusType("q") int q, int i, @DBusType("u") long u, long x,
                  @DBusType("t") long t, double d, String s, ObjectPath o, Signature g, UnixFd h, Variant v) {
    }

    /** The primitive arrays, as out-arguments with other names. */
    @DBusResult
    record Arrays(@DBusArg("bytes") byte[] ay, boolean[] ab, short[] an, @DBusType("q") int[] aq, int[] ai,
                  @DBusType("u") long[] au, long[] ax, @DBusType("t") long[] at, double[] ad) {
    }

    /** A struct. */
    record Point(int x, int y) {
    }

    /** A struct with structs and containers in it. */
    record Line(Point from, Point to, List<Point> via, Map<String, Variant> style) {
    }
}

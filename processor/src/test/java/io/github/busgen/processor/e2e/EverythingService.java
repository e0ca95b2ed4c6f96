package io.github.busgen.processor.e2e;

import io.github.busgen.connection.DBusErrors;
import io.github.busgen.connection.DBusException;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The end-to-end service: a plain implementation of {@link Everything}, served through the generated skeleton. */
final class EverythingService implements Everything {
    final List<String> pokes = new CopyOnWriteArrayList<>();
    volatile EverythingSkeleton skeleton;
    private volatile int count;
    private volatile String label = "first";
    private volatile boolean disablePrinting;

    @Override
    public Basics echoBasics(byte y, boolean b, short n, int q, int i, long u, long x, long t, double d, String s,
                             ObjectPath o, Signature g, Variant v) {
        return new Basics(y, b, n, q, i, u, x, t, d, s, o, g, v);
    }

    @Override
    public Arrays echoArrays(byte[] ay, boolean[] ab, short[] an, int[] aq, int[] ai, long[] au, long[] ax, long[] at,
                             double[] ad) {
        return new Arrays(ay, ab, an, aq, ai, au, ax, at, ad);
    }

    @Override
    public Nested nest(List<Line> lines, Map<ObjectPath, Map<String, Variant>> managed) {
        Map<String, List<Point>> byName = new LinkedHashMap<>();
        for (Line l : lines) {
            byName.computeIfAbsent(l.name(), k -> new ArrayList<>()).addAll(l.points());
        }
        Map<ObjectPath, Long> counts = new LinkedHashMap<>();
        managed.forEach((path, properties) -> counts.put(path, (long) properties.size()));
        return new Nested(byName, counts);
    }

    @Override
    public int countAll(List<Point> points, Map<String, Variant> dict, byte[] bytes, List<List<String>> lists) {
        return points.size() + dict.size() + bytes.length + lists.stream().mapToInt(List::size).sum() + lists.size();
    }

    @Override
    public CompletableFuture<Long> square(long value) {
        return CompletableFuture.supplyAsync(() -> value * value);
    }

    @Override
    public void fail(String how) throws NotFoundException {
        switch (how) {
            case "missing" -> throw new NotFoundException("no " + how);
            case "denied" -> throw new DBusException(DBusErrors.ACCESS_DENIED, "not you");
            default -> throw new IllegalStateException("broken: " + how);
        }
    }

    @Override
    public CompletableFuture<Void> failLater(String key) {
        return CompletableFuture.supplyAsync(() -> {
            throw new java.util.concurrent.CompletionException(new NotFoundException("no " + key));
        });
    }

    @Override
    public void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void poke(String why) {
        pokes.add(why);
        skeleton.emitPoked(why);
    }

    @Override
    public int getCount() {
        return count;
    }

    @Override
    public void setCount(int count) {
        this.count = count;
    }

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public boolean isDisablePrinting() {
        return disablePrinting;
    }

    @Override
    public void setDisablePrinting(boolean disable) {
        this.disablePrinting = disable;
    }

    /** Changes disable-printing here and announces it, as a service does when its own state changes. */
    void printingPolicy(boolean disable) {
        this.disablePrinting = disable;
        skeleton.disablePrintingChanged();
    }

    /** Changes the label and announces it (by name only, as the property says). */
    void relabel(String label) {
        this.label = label;
        skeleton.labelChanged();
    }

    @Override
    public List<Point> getCorners() {
        return List.of(new Point(0, 0), new Point(Integer.MAX_VALUE, Integer.MIN_VALUE));
    }
}

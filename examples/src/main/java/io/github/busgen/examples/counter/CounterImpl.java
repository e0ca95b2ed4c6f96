package io.github.busgen.examples.counter;

import io.github.busgen.wire.Variant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The counter's behaviour. Every change of the count emits {@code CountChanged}; changes made by
 * methods also announce the property with PropertiesChanged (a remote Set is announced by the
 * generated skeleton itself).
 *
 * <p>Thread-safe: the skeleton may run several calls at once; {@code this} guards the count.
 */
public final class CounterImpl implements Counter {
    private final Consumer<String> log;
    private final AtomicLong calls = new AtomicLong();
    private int count; // guarded by this
    private CounterSkeleton skeleton;

    /** A counter at zero that reports what it does to {@code log}. */
    public CounterImpl(Consumer<String> log) {
        this.log = log;
    }

    /** Makes the skeleton that serves this counter, which then carries its signals. */
    public CounterSkeleton skeleton() {
        if (skeleton == null) {
            skeleton = new CounterSkeleton(this);
        }
        return skeleton;
    }

    private void changed(int value, boolean announceProperty) {
        log.accept("service: count is now " + value + ", emitting CountChanged(" + value + ")");
        skeleton().emitCountChanged(value);
        if (announceProperty) {
            skeleton().countChanged();
        }
    }

    @Override
    public void reset() {
        calls.incrementAndGet();
        synchronized (this) {
            count = 0;
        }
        log.accept("service: Reset()");
        changed(0, true);
    }

    @Override
    public int add(int delta) {
        calls.incrementAndGet();
        int value;
        synchronized (this) {
            count += delta;
            value = count;
        }
        log.accept("service: Add(" + delta + ")");
        changed(value, true);
        return value;
    }

    @Override
    public Map<String, Variant> describe() {
        calls.incrementAndGet();
        Map<String, Variant> info = new LinkedHashMap<>();
        info.put("count", Variant.ofInt32(getCount()));
        info.put("calls", Variant.ofUInt64(calls.get()));
        info.put("implementation", Variant.ofString("busgen examples, " + CounterImpl.class.getSimpleName()));
        info.put("java", Variant.ofString(System.getProperty("java.version")));
        return info;
    }

    @Override
    public synchronized int getCount() {
        return count;
    }

    @Override
    public void setCount(int value) {
        synchronized (this) {
            count = value;
        }
        log.accept("service: Count set to " + value);
        changed(value, false); // the skeleton announces the property after a remote Set
    }
}

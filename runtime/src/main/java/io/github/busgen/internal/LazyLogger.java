package io.github.busgen.internal;

import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that asks {@link System#getLogger} for the real one only when it is
 * needed. The first {@code System.getLogger} call of a JVM finds and starts the logging backend,
 * which costs tens of milliseconds (measured: 25-45 ms on the benchmark machine); a program that
 * connects, calls and exits should not pay that for records nobody will see.
 *
 * <p>So records below INFO (DEBUG, TRACE: the SASL conversation, which mechanism is tried) do not
 * start the backend: they are passed on once it has been started (by a record at INFO or above,
 * from any busgen class), or from the start when the standard java.util.logging configuration
 * properties ({@code java.util.logging.config.file}, {@code java.util.logging.config.class}) are
 * set, and are dropped otherwise; the default configuration would drop them anyway. A program that
 * routes System.Logger elsewhere and wants busgen's DEBUG records from the first connection on
 * sets one of those properties.
 *
 * <p>Thread-safe: racing first uses may each look the logger up; they get equivalent loggers.
 */
public final class LazyLogger implements System.Logger {
    /** Whether any LazyLogger has looked its real logger up: the backend is running. */
    private static volatile boolean started;
    private static volatile Boolean configured;

    private final String name;
    private volatile System.Logger delegate;

    /** A logger named {@code name}, looked up when first needed. */
    public LazyLogger(String name) {
        this.name = name;
    }

    private System.Logger delegate() {
        System.Logger d = delegate;
        if (d == null) {
            d = System.getLogger(name);
            delegate = d;
            started = true;
        }
        return d;
    }

    /** Whether records below INFO may be wanted without starting the backend to ask. */
    private static boolean verboseWanted() {
        if (started) {
            return true;
        }
        Boolean c = configured;
        if (c == null) {
            c = System.getProperty("java.util.logging.config.file") != null
                    || System.getProperty("java.util.logging.config.class") != null;
            configured = c;
        }
        return c;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        if (delegate == null && level.getSeverity() < Level.INFO.getSeverity() && !verboseWanted()) {
            return false;
        }
        return delegate().isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            delegate().log(level, bundle, msg, thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            delegate().log(level, bundle, format, params);
        }
    }
}

package io.github.busgen.connection;

import java.util.ResourceBundle;

/**
 * A {@link System.Logger} that asks {@link System#getLogger} for the real one only when something
 * is first logged. The first {@code System.getLogger} call of a JVM finds and starts the logging
 * backend, which costs tens of milliseconds (measured: about 45 ms on the benchmark machine); a
 * connection that never logs should not pay that at start-up.
 *
 * <p>Thread-safe: racing first uses may each look the logger up; they get equivalent loggers.
 */
final class LazyLogger implements System.Logger {
    private final String name;
    private volatile System.Logger delegate;

    LazyLogger(String name) {
        this.name = name;
    }

    private System.Logger delegate() {
        System.Logger d = delegate;
        if (d == null) {
            d = System.getLogger(name);
            delegate = d;
        }
        return d;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return delegate().isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        delegate().log(level, bundle, msg, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        delegate().log(level, bundle, format, params);
    }
}

package io.github.busgen.connection;

/**
 * A registration that ends when closed: a signal subscription, a disconnect listener, an exported
 * object. Closing twice is harmless. {@link #close()} throws nothing checked, so subscriptions fit
 * try-with-resources without ceremony.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    /** Ends the registration. */
    @Override
    void close();
}

package io.github.busgen.connection;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on an underlying executor that may have many
 * threads. Signal handlers run through one of these so that they see signals in the order they
 * arrived, whatever executor the user configured.
 *
 * <p>Lock rule: {@code this} guards {@code queue} and {@code running}; tasks never run while it is
 * held.
 */
final class SerialExecutor implements Executor {
    private final Executor underlying;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor underlying) {
        this.underlying = underlying;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        try {
            underlying.execute(this::drain);
        } catch (RuntimeException e) {
            synchronized (this) {
                running = false;
                queue.clear();
            }
            throw e;
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                System.getLogger(SerialExecutor.class.getName())
                        .log(System.Logger.Level.WARNING, "a callback threw; later callbacks still run", e);
            }
        }
    }
}

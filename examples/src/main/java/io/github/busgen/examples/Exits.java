package io.github.busgen.examples;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a long-running command ends: on SIGINT or SIGTERM it cleans up and exits 0; when the bus goes
 * away it prints one line and exits 1.
 *
 * <p>The JVM runs shutdown hooks for SIGINT and SIGTERM but then exits with 130 or 143; the hook
 * here cleans up and halts with the status chosen, 0 unless {@link #fail} set 1. No internal JDK
 * API is needed for that.
 */
public final class Exits {
    // the status the process ends with, whoever asks it to end; read by the shutdown hook
    private static final AtomicInteger STATUS = new AtomicInteger();

    private Exits() {
    }

    /** Installs the shutdown hook that runs {@code cleanup} and exits with the chosen status. */
    public static Exits install(Runnable cleanup) {
        Exits e = new Exits();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cleanup.run();
            } catch (RuntimeException failed) {
                System.err.println("busgen-examples: cleaning up failed: " + Cli.oneLine(failed));
            }
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(STATUS.get());
        }, "busgen-examples-exit"));
        return e;
    }

    /** Ends the process with {@code status}, after the cleanup of an installed hook. */
    public static void exit(int status) {
        STATUS.set(status);
        System.exit(status);
    }

    /** Prints {@code message} to stderr and exits with status 1 (after the cleanup). */
    public void fail(String message) {
        System.err.println(message);
        exit(1);
    }

    /**
     * Waits for the end: the process ends from another thread (SIGINT, SIGTERM, or {@link #fail}),
     * so this never returns normally.
     */
    public void awaitEnd() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}

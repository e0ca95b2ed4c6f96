package io.github.busgen.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a test must not leave behind: busgen's threads (named {@code busgen-...}) and this process's
 * sockets (from {@code /proc/self/fd}). Take a snapshot before the connections are made; after
 * they close, {@link #assertNoneNewWithin} waits a bounded time for the new ones to go and fails
 * naming those that stay.
 */
public final class Leftovers {
    private final Set<Thread> threads;
    private final Set<String> sockets;

    private Leftovers(Set<Thread> threads, Set<String> sockets) {
        this.threads = threads;
        this.sockets = sockets;
    }

    /** The busgen threads and the sockets alive now. */
    public static Leftovers snapshot() {
        return new Leftovers(busgenThreads(), sockets());
    }

    private static Set<Thread> busgenThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("busgen-")) {
                out.add(t);
            }
        }
        return out;
    }

    /** The open sockets of this process as "fd -> socket:[inode]". */
    private static Set<String> sockets() {
        Set<String> out = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:")) {
                        out.add(fd.getFileName() + " -> " + target);
                    }
                } catch (IOException ignored) {
                    // closed between listing and reading (the listing's own descriptor, for one)
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list /proc/self/fd", e);
        }
        return out;
    }

    /** The busgen threads alive now that were not at the snapshot. */
    public List<String> newThreads() {
        List<String> out = new ArrayList<>();
        for (Thread t : busgenThreads()) {
            if (!threads.contains(t)) {
                out.add(t.getName());
            }
        }
        return out;
    }

    /** The sockets open now that were not at the snapshot. */
    public List<String> newSockets() {
        List<String> out = new ArrayList<>(sockets());
        out.removeAll(sockets);
        return out;
    }

    /**
     * Waits up to {@code limit} for every busgen thread and socket made since the snapshot to be
     * gone, and fails naming what remains.
     */
    public void assertNoneNewWithin(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<String> t = newThreads();
            List<String> s = newSockets();
            if (t.isEmpty() && s.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("left behind after " + limit + ": threads " + t + ", sockets " + s);
            }
            Thread.sleep(20);
        }
    }
}

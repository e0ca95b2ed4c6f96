package asy;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusResult;
import io.github.busgen.annotation.DBusType;
import io.github.busgen.names.ObjectPath;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Methods that are asynchronous on both sides. */
@DBusInterface("com.example.Jobs")
public interface Jobs {
    /** No reply value. */
    CompletableFuture<Void> start(String name);

    /** One reply value, unsigned. */
    CompletableFuture<@DBusType("u") Long> count();

    /** Several reply values. */
    CompletableFuture<Status> status(ObjectPath job);

    /** A struct list. */
    CompletableFuture<List<Job>> list();

    /** A synchronous method next to them. */
    boolean cancel(ObjectPath job);

    /** The reply of {@link #status}. */
    @DBusResult
    record Status(String state, double progress) {
    }

    /** A struct. */
    record Job(ObjectPath path, String name) {
    }
}

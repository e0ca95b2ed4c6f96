package err;

import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;

import java.util.concurrent.CompletableFuture;

/** Declared errors: checked, unchecked, a hierarchy, and on an asynchronous method. */
@DBusInterface("com.example.Store")
public interface Store {
    /** Reads an item. */
    @DBusMethod(out = "value")
    String get(String key) throws NotFoundException, AccessDeniedException;

    /** Deletes an item. */
    void delete(String key) throws NotFoundException, GoneException;

    /** Reads an item without blocking the service. */
    CompletableFuture<String> fetch(String key) throws NotFoundException;

    /** Declares an exception without an error name, and one that is unchecked. */
    void undeclared() throws IllegalStateException;
}

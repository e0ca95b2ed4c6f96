package io.github.busgen.connection;

import io.github.busgen.names.ObjectPath;

import java.util.List;

/**
 * Serves every object below a path (a fallback handler, as libdbus calls it), for services whose
 * objects are many or come and go: a file tree, a list of devices. An exact export at a path
 * inside the subtree takes precedence; the deepest subtree root containing a path wins.
 */
public interface SubtreeHandler {
    /**
     * The interfaces of the object at {@code path} (the subtree root or below), or null when there
     * is no object there (the caller gets UnknownObject).
     */
    List<ExportedInterface> interfacesAt(ObjectPath path);

    /** The names of the child nodes of {@code path} (single path elements), for introspection. */
    default List<String> childrenOf(ObjectPath path) {
        return List.of();
    }
}

package io.github.busgen.processor.emit;

/**
 * A generated class-path resource.
 *
 * @param path    its path in the class output, such as {@code META-INF/dbus/interfaces/a.b.xml}
 * @param content its text, written as UTF-8
 */
public record Resource(String path, String content) {
}

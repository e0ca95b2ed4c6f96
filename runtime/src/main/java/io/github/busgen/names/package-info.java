/**
 * Validated value types for the names of D-Bus: bus names, interface, member, property and error
 * names, and object paths. Each factory ({@code of}) rejects an invalid string with an
 * {@link io.github.busgen.names.InvalidNameException} naming the specification rule that failed, so
 * that a value of these types is always valid wherever it travels.
 */
package io.github.busgen.names;

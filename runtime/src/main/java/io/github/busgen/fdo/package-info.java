/**
 * The standard interfaces of the freedesktop.org specification: the bus itself
 * ({@code org.freedesktop.DBus}), {@code Peer}, {@code Introspectable}, {@code Properties} and
 * {@code ObjectManager}, as clients and as the services every exported object gets.
 */
package io.github.busgen.fdo;

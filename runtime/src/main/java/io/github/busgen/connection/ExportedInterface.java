package io.github.busgen.connection;

import io.github.busgen.introspect.InterfaceInfo;
import io.github.busgen.wire.DBusProtocolException;
import io.github.busgen.wire.WireReader;
import io.github.busgen.wire.WireWriter;

/**
 * One D-Bus interface of an exported object: what generated skeletons implement, and what people
 * writing a handler by hand implement (or build with {@link SimpleInterface}).
 *
 * <p>The object registry does the checking before it calls: the method exists in {@link #info()},
 * the call's signature matches the method's, the property exists and allows the access, and a
 * written value has the property's type. It answers the specification's errors itself
 * (UnknownObject, UnknownInterface, UnknownMethod, UnknownProperty, PropertyReadOnly, InvalidArgs)
 * and serves Introspectable, Properties and Peer for every object. Methods run on the connection's
 * executor, several at a time.
 */
public interface ExportedInterface {
    /** The interface's description: its name, methods, signals and properties. */
    InterfaceInfo info();

    /**
     * Handles a call to one of the interface's methods, whose signature the registry has checked.
     * Answer through {@code call} (now, or later with {@link MethodInvocation#replyLater}). A
     * thrown exception becomes an error reply: a {@link DBusException} with its name, an
     * {@link IllegalArgumentException} as InvalidArgs, anything else as Failed.
     */
    void invoke(MethodInvocation call) throws Exception;

    /**
     * Writes the value of a readable property (only the value: the registry writes the variant's
     * signature, which is the property's type).
     */
    default void readProperty(String name, WireWriter out) throws Exception {
        throw new DBusException(DBusErrors.UNKNOWN_PROPERTY, "no property " + name + " on " + info().name());
    }

    /**
     * Sets a writable property from {@code value}, positioned at a value of the property's type.
     * Throw {@link DBusException} (or {@link IllegalArgumentException} for InvalidArgs) to refuse.
     */
    default void writeProperty(String name, WireReader value, PropertyContext context) throws Exception {
        throw new DBusException(DBusErrors.PROPERTY_READ_ONLY, "property " + name + " of " + info().name()
                + " cannot be written");
    }

    /** Who is setting a property, and where: for services that check the caller. */
    interface PropertyContext {
        /** The Set call. */
        io.github.busgen.message.Message message();

        /** The connection the call arrived on. */
        Connection connection();
    }

    /** Reads a value that the registry has already checked; wraps the checked exception. */
    static DBusException invalid(DBusProtocolException e) {
        return new DBusException(DBusErrors.INVALID_ARGS, e.getMessage(), e);
    }
}

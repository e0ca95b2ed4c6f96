package io.github.busgen.fdo;

import io.github.busgen.annotation.DBusArg;
import io.github.busgen.annotation.DBusInterface;
import io.github.busgen.annotation.DBusMethod;
import io.github.busgen.annotation.DBusProperty;
import io.github.busgen.annotation.DBusSignal;
import io.github.busgen.annotation.DBusType;
import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;
import io.github.busgen.wire.Variant;

import java.util.List;
import java.util.Map;

/**
 * {@code org.freedesktop.DBus}, the message bus itself at {@code /org/freedesktop/DBus}
 * (specification, "Message Bus Messages"), exactly as the specification defines it: names as
 * strings, replies as numbers. {@link DBusProxy} calls it; {@link BusClient} wraps it with typed
 * names and reply enums.
 */
@DBusInterface("org.freedesktop.DBus")
public interface DBus {
    /** The first call on a connection: assigns and returns its unique name. */
    @DBusMethod(out = "unique_name")
    String hello();

    /** Asks for a well-known name; the reply is 1 (primary owner), 2 (in queue), 3 (exists) or 4 (already owner). */
    @DBusType("u") long requestName(String name, @DBusType("u") long flags);

    /** Gives up a well-known name; the reply is 1 (released), 2 (non-existent) or 3 (not owner). */
    @DBusType("u") long releaseName(String name);

    /** Starts the service for a name; the reply is 1 (started) or 2 (already running). */
    @DBusType("u") long startServiceByName(String name, @DBusType("u") long flags);

    /** Adds to the environment of services the bus starts. */
    void updateActivationEnvironment(Map<String, String> environment);

    /** Whether the name has an owner. */
    @DBusMethod(out = "has_owner")
    boolean nameHasOwner(String name);

    /** The names that have an owner, unique names included. */
    @DBusMethod(out = "names")
    List<String> listNames();

    /** The names the bus can start a service for. */
    @DBusMethod(out = "names")
    List<String> listActivatableNames();

    /** Adds a match rule. */
    void addMatch(String rule);

    /** Removes a match rule. */
    void removeMatch(String rule);

    /** The unique name that owns the name. */
    @DBusMethod(out = "unique_name")
    String getNameOwner(String name);

    /** The unique names queued for a name, primary owner first. */
    @DBusMethod(out = "queued_owners")
    List<String> listQueuedOwners(String name);

    /** The uid of the process that owns a name. */
    @DBusMethod(out = "unix_user_id")
    @DBusType("u") long getConnectionUnixUser(@DBusArg("bus_name") String busName);

    /** The pid of the process that owns a name. */
    @DBusMethod(out = "unix_process_id")
    @DBusType("u") long getConnectionUnixProcessID(@DBusArg("bus_name") String busName);

    /** The Solaris auditing data of the owner of a name. */
    @DBusMethod(out = "audit_session_data")
    byte[] getAdtAuditSessionData(@DBusArg("bus_name") String busName);

    /** The SELinux security context of the owner of a name. */
    @DBusMethod(out = "security_context")
    byte[] getConnectionSELinuxSecurityContext(@DBusArg("bus_name") String busName);

    /** Everything the bus knows of the owner's credentials (UnixUserID, ProcessID, ...). */
    @DBusMethod(out = "credentials")
    Map<String, Variant> getConnectionCredentials(@DBusArg("bus_name") String busName);

    /** Makes the bus read its configuration again. */
    void reloadConfig();

    /** The bus's unique id (32 hex digits). */
    @DBusMethod(out = "id")
    String getId();

    /** The optional features the bus supports. */
    @DBusProperty(emitsChangedSignal = EmitsChangedSignal.CONST)
    List<String> getFeatures();

    /** The extra interfaces the bus object implements. */
    @DBusProperty(emitsChangedSignal = EmitsChangedSignal.CONST)
    List<String> getInterfaces();

    /** A name's owner changed; an empty string stands for no owner. */
    @DBusSignal
    record NameOwnerChanged(String name, @DBusArg("old_owner") String oldOwner,
                            @DBusArg("new_owner") String newOwner) {
    }

    /** This connection lost a name. */
    @DBusSignal
    record NameLost(String name) {
    }

    /** This connection acquired a name. */
    @DBusSignal
    record NameAcquired(String name) {
    }

    /** The list of activatable names changed. */
    @DBusSignal
    record ActivatableServicesChanged() {
    }
}

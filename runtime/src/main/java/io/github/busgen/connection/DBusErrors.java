package io.github.busgen.connection;

import io.github.busgen.names.ErrorName;

/**
 * The standard error names of the {@code org.freedesktop.DBus.Error} namespace, as libdbus and the
 * specification use them.
 */
public final class DBusErrors {
    private DBusErrors() {
    }

    private static ErrorName e(String name) {
        return ErrorName.of("org.freedesktop.DBus.Error." + name);
    }

    /** A generic failure. */
    public static final ErrorName FAILED = e("Failed");
    /** Out of memory. */
    public static final ErrorName NO_MEMORY = e("NoMemory");
    /** No service owns the name and none could be started. */
    public static final ErrorName SERVICE_UNKNOWN = e("ServiceUnknown");
    /** The name has no owner. */
    public static final ErrorName NAME_HAS_NO_OWNER = e("NameHasNoOwner");
    /** No reply arrived within the timeout. */
    public static final ErrorName NO_REPLY = e("NoReply");
    /** An I/O error. */
    public static final ErrorName IO_ERROR = e("IOError");
    /** An address could not be parsed. */
    public static final ErrorName BAD_ADDRESS = e("BadAddress");
    /** The operation is not supported. */
    public static final ErrorName NOT_SUPPORTED = e("NotSupported");
    /** A resource limit was exceeded. */
    public static final ErrorName LIMITS_EXCEEDED = e("LimitsExceeded");
    /** Access was denied. */
    public static final ErrorName ACCESS_DENIED = e("AccessDenied");
    /** Authentication failed. */
    public static final ErrorName AUTH_FAILED = e("AuthFailed");
    /** No server listens at the address. */
    public static final ErrorName NO_SERVER = e("NoServer");
    /** A timeout (used by some services; connections report call timeouts as {@link #NO_REPLY}). */
    public static final ErrorName TIMEOUT = e("Timeout");
    /** No network. */
    public static final ErrorName NO_NETWORK = e("NoNetwork");
    /** The address is in use. */
    public static final ErrorName ADDRESS_IN_USE = e("AddressInUse");
    /** The connection is closed. */
    public static final ErrorName DISCONNECTED = e("Disconnected");
    /** The arguments are invalid, for example a call whose signature does not match. */
    public static final ErrorName INVALID_ARGS = e("InvalidArgs");
    /** A file was not found. */
    public static final ErrorName FILE_NOT_FOUND = e("FileNotFound");
    /** A file exists. */
    public static final ErrorName FILE_EXISTS = e("FileExists");
    /** The method does not exist on the interface. */
    public static final ErrorName UNKNOWN_METHOD = e("UnknownMethod");
    /** No object at the path. */
    public static final ErrorName UNKNOWN_OBJECT = e("UnknownObject");
    /** The object does not implement the interface. */
    public static final ErrorName UNKNOWN_INTERFACE = e("UnknownInterface");
    /** The object has no such property. */
    public static final ErrorName UNKNOWN_PROPERTY = e("UnknownProperty");
    /** The property cannot be written. */
    public static final ErrorName PROPERTY_READ_ONLY = e("PropertyReadOnly");
    /** Timed out (libdbus's name for a timeout inside the bus). */
    public static final ErrorName TIMED_OUT = e("TimedOut");
    /** A match rule is not valid. */
    public static final ErrorName MATCH_RULE_INVALID = e("MatchRuleInvalid");
    /** No such match rule. */
    public static final ErrorName MATCH_RULE_NOT_FOUND = e("MatchRuleNotFound");
    /** Starting a service through exec failed. */
    public static final ErrorName SPAWN_EXEC_FAILED = e("Spawn.ExecFailed");
    /** The activated service did not acquire its name. */
    public static final ErrorName SPAWN_SERVICE_INVALID = e("Spawn.ServiceNotValid");
    /** The message's signature is wrong. */
    public static final ErrorName INVALID_SIGNATURE = e("InvalidSignature");
    /** The caller's process id cannot be found. */
    public static final ErrorName UNIX_PROCESS_ID_UNKNOWN = e("UnixProcessIdUnknown");
    /** The file's contents are not valid. */
    public static final ErrorName INVALID_FILE_CONTENT = e("InvalidFileContent");
    /** SELinux security context unknown. */
    public static final ErrorName SELINUX_SECURITY_CONTEXT_UNKNOWN = e("SELinuxSecurityContextUnknown");
    /** The operation needs interactive authorization the caller did not allow. */
    public static final ErrorName INTERACTIVE_AUTHORIZATION_REQUIRED = e("InteractiveAuthorizationRequired");
    /** The object is not a container. */
    public static final ErrorName NOT_CONTAINER = e("NotContainer");
}

package io.github.busgen.processor.model;

import com.palantir.javapoet.ClassName;

/**
 * The names of the runtime's and the JDK's types that generated code uses, in one place: a rename
 * in the runtime is a change here only.
 */
public final class RuntimeTypes {
    private RuntimeTypes() {
    }

    private static final String RUNTIME = "io.github.busgen";

    // names
    public static final ClassName BUS_NAME = ClassName.get(RUNTIME + ".names", "BusName");
    public static final ClassName INTERFACE_NAME = ClassName.get(RUNTIME + ".names", "InterfaceName");
    public static final ClassName MEMBER_NAME = ClassName.get(RUNTIME + ".names", "MemberName");
    public static final ClassName PROPERTY_NAME = ClassName.get(RUNTIME + ".names", "PropertyName");
    public static final ClassName ERROR_NAME = ClassName.get(RUNTIME + ".names", "ErrorName");
    public static final ClassName OBJECT_PATH = ClassName.get(RUNTIME + ".names", "ObjectPath");
    // wire
    public static final ClassName SIGNATURE = ClassName.get(RUNTIME + ".wire", "Signature");
    public static final ClassName VARIANT = ClassName.get(RUNTIME + ".wire", "Variant");
    public static final ClassName UNIX_FD = ClassName.get(RUNTIME + ".wire", "UnixFd");
    public static final ClassName WIRE_READER = ClassName.get(RUNTIME + ".wire", "WireReader");
    public static final ClassName WIRE_WRITER = ClassName.get(RUNTIME + ".wire", "WireWriter");
    public static final ClassName PROTOCOL_EXCEPTION = ClassName.get(RUNTIME + ".wire", "DBusProtocolException");
    // message
    public static final ClassName MESSAGE = ClassName.get(RUNTIME + ".message", "Message");
    public static final ClassName MESSAGE_BUILDER = ClassName.get(RUNTIME + ".message", "MessageBuilder");
    // connection
    public static final ClassName CONNECTION = ClassName.get(RUNTIME + ".connection", "Connection");
    public static final ClassName CALL_OPTIONS = ClassName.get(RUNTIME + ".connection", "CallOptions");
    public static final ClassName SUBSCRIPTION = ClassName.get(RUNTIME + ".connection", "Subscription");
    public static final ClassName DBUS_EXCEPTION = ClassName.get(RUNTIME + ".connection", "DBusException");
    public static final ClassName DBUS_ERRORS = ClassName.get(RUNTIME + ".connection", "DBusErrors");
    public static final ClassName EXPORTED_INTERFACE = ClassName.get(RUNTIME + ".connection", "ExportedInterface");
    public static final ClassName PROPERTY_CONTEXT = EXPORTED_INTERFACE.nestedClass("PropertyContext");
    public static final ClassName METHOD_INVOCATION = ClassName.get(RUNTIME + ".connection", "MethodInvocation");
    public static final ClassName BODY_WRITER = ClassName.get(RUNTIME + ".connection", "BodyWriter");
    public static final ClassName PROXY_SUPPORT = ClassName.get(RUNTIME + ".connection", "ProxySupport");
    // introspect
    public static final ClassName INTERFACE_INFO = ClassName.get(RUNTIME + ".introspect", "InterfaceInfo");
    public static final ClassName METHOD_INFO = ClassName.get(RUNTIME + ".introspect", "MethodInfo");
    public static final ClassName SIGNAL_INFO = ClassName.get(RUNTIME + ".introspect", "SignalInfo");
    public static final ClassName PROPERTY_INFO = ClassName.get(RUNTIME + ".introspect", "PropertyInfo");
    public static final ClassName ACCESS = PROPERTY_INFO.nestedClass("Access");
    public static final ClassName ARG_INFO = ClassName.get(RUNTIME + ".introspect", "ArgInfo");
    public static final ClassName ANNOTATION = ClassName.get(RUNTIME + ".introspect", "Annotation");
    // annotations
    public static final ClassName GENERATED = ClassName.get(RUNTIME + ".annotation", "Generated");

    // the JDK
    public static final ClassName LIST = ClassName.get("java.util", "List");
    public static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
    public static final ClassName ARRAY_LIST = ClassName.get("java.util", "ArrayList");
    public static final ClassName MAP = ClassName.get("java.util", "Map");
    public static final ClassName LINKED_HASH_MAP = ClassName.get("java.util", "LinkedHashMap");
    public static final ClassName COPY_ON_WRITE_ARRAY_LIST = ClassName.get("java.util.concurrent", "CopyOnWriteArrayList");
    public static final ClassName COMPLETABLE_FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
    public static final ClassName COMPLETION_STAGE = ClassName.get("java.util.concurrent", "CompletionStage");
    public static final ClassName COMPLETION_EXCEPTION = ClassName.get("java.util.concurrent", "CompletionException");
    public static final ClassName CONSUMER = ClassName.get("java.util.function", "Consumer");
    public static final ClassName DURATION = ClassName.get("java.time", "Duration");
    public static final ClassName STRING = ClassName.get("java.lang", "String");
    public static final ClassName OVERRIDE = ClassName.get("java.lang", "Override");
    public static final ClassName DEPRECATED = ClassName.get("java.lang", "Deprecated");
    public static final ClassName SUPPRESS_WARNINGS = ClassName.get("java.lang", "SuppressWarnings");
    public static final ClassName THROWABLE = ClassName.get("java.lang", "Throwable");
    public static final ClassName EXCEPTION = ClassName.get("java.lang", "Exception");
    public static final ClassName VOID = ClassName.get("java.lang", "Void");
}

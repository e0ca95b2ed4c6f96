package io.github.busgen.connection;

import io.github.busgen.introspect.InterfaceInfo;
import io.github.busgen.introspect.IntrospectionXml;
import io.github.busgen.introspect.MethodInfo;
import io.github.busgen.introspect.PropertyInfo;
import io.github.busgen.message.Message;
import io.github.busgen.message.MessageBuilder;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.wire.Signature;
import io.github.busgen.wire.WireReader;
import io.github.busgen.wire.WireWriter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The objects a connection exports, and the routing of incoming method calls to them.
 *
 * <p>Routing, in order: {@code Peer} on any path; the object at the call's path (an exact export,
 * else the deepest subtree handler, else an intermediate node that only has children), or
 * UnknownObject; {@code Introspectable}, {@code Properties} and, at manager paths,
 * {@code ObjectManager}, served here; then the interface the call names (UnknownInterface if the
 * object lacks it), or, when it names none, the first interface with a method of that name; the
 * method (UnknownMethod) and its signature (InvalidArgs). Routing and the handler run on the
 * connection's executor ({@link #handle}), or in place on the reader thread that read the call
 * ({@link #serve}, see {@link Connection}).
 *
 * <p>Lock rule: no locks. Exports live in concurrent maps and copy-on-write lists; a call sees
 * the exports as they were when it was routed.
 */
final class ObjectRegistry implements MethodCallHandler {
    private static final Signature S = Signature.of("s"), V = Signature.of("v"), SS = Signature.of("ss"),
            SSV = Signature.of("ssv"), ASV = Signature.of("a{sv}"), SASV_AS = Signature.of("sa{sv}as"),
            OASASV = Signature.of("oa{sa{sv}}"), OAS = Signature.of("oas"), MANAGED = Signature.of("a{oa{sa{sv}}}");
    private static final MemberName PROPERTIES_CHANGED = MemberName.of("PropertiesChanged");

    private final Connection connection;
    private final ConcurrentHashMap<ObjectPath, CopyOnWriteArrayList<ExportedInterface>> objects = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ObjectPath, SubtreeHandler> subtrees = new ConcurrentHashMap<>();
    private final Set<ObjectPath> managers = ConcurrentHashMap.newKeySet();

    ObjectRegistry(Connection connection) {
        this.connection = connection;
    }

    // ---------------------------------------------------------------- exporting

    Subscription export(ObjectPath path, ExportedInterface iface) {
        InterfaceName name = iface.info().name();
        if (isStandard(name)) {
            throw new IllegalArgumentException(name + " is served by busgen for every object; it cannot be exported");
        }
        CopyOnWriteArrayList<ExportedInterface> list = objects.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>());
        synchronized (list) {
            for (ExportedInterface e : list) {
                if (e.info().name().equals(name)) {
                    throw new IllegalStateException(name + " is already exported at " + path);
                }
            }
            list.add(iface);
        }
        ObjectPath manager = managerOf(path);
        if (manager != null) {
            emitInterfacesAdded(manager, path, List.of(iface));
        }
        return new Subscription() {
            private boolean done;

            @Override
            public synchronized void close() {
                if (done) {
                    return;
                }
                done = true;
                list.remove(iface);
                objects.computeIfPresent(path, (p, l) -> l.isEmpty() ? null : l);
                ObjectPath m = managerOf(path);
                if (m != null && connection.isOpen()) {
                    emitSignal(null, m, StandardInterfaces.OBJECT_MANAGER, MemberName.of("InterfacesRemoved"), OAS,
                            w -> {
                                w.writeObjectPath(path);
                                long a = w.beginArray(4);
                                w.writeString(name.value());
                                w.endArray(a);
                            });
                }
            }
        };
    }

    Subscription exportSubtree(ObjectPath root, SubtreeHandler handler) {
        if (subtrees.putIfAbsent(root, handler) != null) {
            throw new IllegalStateException("a subtree handler is already exported at " + root);
        }
        return () -> subtrees.remove(root, handler);
    }

    Subscription exportObjectManager(ObjectPath path) {
        if (!managers.add(path)) {
            throw new IllegalStateException("an object manager is already exported at " + path);
        }
        return () -> managers.remove(path);
    }

    private static boolean isStandard(InterfaceName name) {
        return name.equals(StandardInterfaces.PEER) || name.equals(StandardInterfaces.INTROSPECTABLE)
                || name.equals(StandardInterfaces.PROPERTIES) || name.equals(StandardInterfaces.OBJECT_MANAGER);
    }

    /** The nearest object manager strictly above {@code path}, or null. */
    private ObjectPath managerOf(ObjectPath path) {
        for (ObjectPath p = path.parent(); p != null; p = p.parent()) {
            if (managers.contains(p)) {
                return p;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- signals

    void emitSignal(io.github.busgen.names.BusName destination, ObjectPath path, InterfaceName iface, MemberName member,
                    Signature signature, BodyWriter body) {
        MessageBuilder b = Message.signal(path, iface, member);
        if (destination != null) {
            b.destination(destination);
        }
        if (signature.isEmpty()) {
            connection.send(b.build());
            return;
        }
        body.write(b.beginBody(signature));
        connection.send(b.build());
    }

    void emitPropertiesChanged(ObjectPath path, ExportedInterface iface, Collection<String> names) {
        InterfaceInfo info = iface.info();
        List<PropertyInfo> changed = new ArrayList<>();
        List<String> invalidated = new ArrayList<>();
        for (String n : names) {
            PropertyInfo p = info.property(n);
            if (p == null) {
                throw new IllegalArgumentException(info.name() + " has no property " + n);
            }
            switch (p.emitsChangedSignal(info)) {
                case TRUE:
                    if (p.access().readable()) {
                        changed.add(p);
                    } else {
                        invalidated.add(n);
                    }
                    break;
                case INVALIDATES:
                    invalidated.add(n);
                    break;
                default:
                    break; // const and false: the specification says no signal
            }
        }
        if (changed.isEmpty() && invalidated.isEmpty()) {
            return;
        }
        emitSignal(null, path, StandardInterfaces.PROPERTIES, PROPERTIES_CHANGED, SASV_AS, w -> {
            w.writeString(info.name().value());
            writeProperties(w, iface, changed);
            long a = w.beginArray(4);
            for (String n : invalidated) {
                w.writeString(n);
            }
            w.endArray(a);
        });
    }

    private void emitInterfacesAdded(ObjectPath manager, ObjectPath path, List<ExportedInterface> ifaces) {
        if (!connection.isOpen()) {
            return;
        }
        emitSignal(null, manager, StandardInterfaces.OBJECT_MANAGER, MemberName.of("InterfacesAdded"), OASASV, w -> {
            w.writeObjectPath(path);
            writeInterfacesAndProperties(w, ifaces);
        });
    }

    /** Writes a{sv} of the readable properties in {@code props}. */
    private static void writeProperties(WireWriter w, ExportedInterface iface, List<PropertyInfo> props) {
        long a = w.beginArray(8);
        for (PropertyInfo p : props) {
            w.beginStruct();
            w.writeString(p.name().value());
            w.writeSignature(p.type());
            try {
                iface.readProperty(p.name().value(), w);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new DBusException(DBusErrors.FAILED, "reading property " + p.name() + " failed: " + e.getMessage(), e);
            }
        }
        w.endArray(a);
    }

    private static List<PropertyInfo> readable(InterfaceInfo info) {
        List<PropertyInfo> out = new ArrayList<>();
        for (PropertyInfo p : info.properties()) {
            if (p.access().readable()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Writes a{sa{sv}}: each interface with its readable properties. */
    private static void writeInterfacesAndProperties(WireWriter w, List<ExportedInterface> ifaces) {
        long a = w.beginArray(8);
        for (ExportedInterface i : ifaces) {
            w.beginStruct();
            w.writeString(i.info().name().value());
            writeProperties(w, i, readable(i.info()));
        }
        w.endArray(a);
    }

    // ---------------------------------------------------------------- routing

    @Override
    public void handle(Connection c, Message call) {
        if (!c.tryRunHandler(() -> dispatch(call))) {
            MethodInvocation inv = new MethodInvocation(c, call);
            inv.replyError(DBusErrors.LIMITS_EXCEEDED, "too many calls are being handled; try again later");
        }
    }

    /** What lives at a path: its interfaces, and whether anything is there at all. */
    private static final class Node {
        final List<ExportedInterface> interfaces;
        final boolean exists;

        Node(List<ExportedInterface> interfaces, boolean exists) {
            this.interfaces = interfaces;
            this.exists = exists;
        }
    }

    private Node lookup(ObjectPath path) {
        List<ExportedInterface> exact = objects.get(path);
        if (exact != null && !exact.isEmpty()) {
            return new Node(exact, true);
        }
        SubtreeHandler h = subtreeFor(path);
        if (h != null) {
            List<ExportedInterface> found = h.interfacesAt(path);
            if (found != null) {
                return new Node(found, true);
            }
        }
        boolean hasChildren = managers.contains(path) || !childrenOf(path).isEmpty();
        return new Node(List.of(), hasChildren);
    }

    private SubtreeHandler subtreeFor(ObjectPath path) {
        for (ObjectPath p = path; p != null; p = p.parent()) {
            SubtreeHandler h = subtrees.get(p);
            if (h != null) {
                return h;
            }
        }
        return null;
    }

    /** Whether anything is exported: objects, subtrees or object managers. */
    boolean exportsAnything() {
        return !objects.isEmpty() || !subtrees.isEmpty() || !managers.isEmpty();
    }

    /** Routes and runs {@code call} on this thread (a reader thread that left the socket to serve it). */
    void serve(Message call) {
        dispatch(call);
    }

    private void dispatch(Message call) {
        MethodInvocation inv = new MethodInvocation(connection, call);
        try {
            route(call, inv);
        } catch (Throwable t) {
            inv.replyError(t);
        }
    }

    private void route(Message call, MethodInvocation inv) throws Exception {
        InterfaceName iface = call.interfaceName();
        MemberName member = call.member();
        ObjectPath path = call.path();
        if (StandardInterfaces.PEER.equals(iface)) {
            peer(inv, member);
            return;
        }
        Node node = lookup(path);
        if (!node.exists) {
            if (iface == null && (member.value().equals("Ping") || member.value().equals("GetMachineId"))) {
                peer(inv, member);
                return;
            }
            inv.replyError(DBusErrors.UNKNOWN_OBJECT, "no object at " + path);
            return;
        }
        if (StandardInterfaces.INTROSPECTABLE.equals(iface)) {
            introspect(inv, member, path, node);
            return;
        }
        if (StandardInterfaces.PROPERTIES.equals(iface)) {
            properties(inv, member, node);
            return;
        }
        if (StandardInterfaces.OBJECT_MANAGER.equals(iface)) {
            if (!managers.contains(path)) {
                inv.replyError(DBusErrors.UNKNOWN_INTERFACE, "the object at " + path + " is not an object manager");
                return;
            }
            objectManager(inv, member, path);
            return;
        }
        ExportedInterface target = null;
        MethodInfo method = null;
        if (iface != null) {
            for (ExportedInterface e : node.interfaces) {
                if (e.info().name().equals(iface)) {
                    target = e;
                    break;
                }
            }
            if (target == null) {
                inv.replyError(DBusErrors.UNKNOWN_INTERFACE, "the object at " + path + " has no interface " + iface);
                return;
            }
            method = target.info().method(member);
        } else {
            for (ExportedInterface e : node.interfaces) {
                method = e.info().method(member);
                if (method != null) {
                    target = e;
                    break;
                }
            }
            if (method == null) {
                // without an interface, the standard methods are found by name too
                if (member.value().equals("Introspect")) {
                    introspect(inv, member, path, node);
                    return;
                }
                if (member.value().equals("Ping") || member.value().equals("GetMachineId")) {
                    peer(inv, member);
                    return;
                }
            }
        }
        if (method == null) {
            inv.replyError(DBusErrors.UNKNOWN_METHOD, "no method " + member
                    + (iface != null ? " in interface " + iface : "") + " at " + path);
            return;
        }
        if (!checkSignature(inv, method.inSignature(), member)) {
            return;
        }
        target.invoke(inv);
        if (!inv.isAnswered() && !inv.isDeferred()) {
            if (method.outSignature().isEmpty()) {
                inv.reply();
            } else {
                inv.replyError(DBusErrors.FAILED, "the handler of " + member + " returned without answering");
            }
        }
    }

    private static boolean checkSignature(MethodInvocation inv, Signature expected, MemberName member) {
        Signature got = inv.message().signature();
        if (!got.equals(expected)) {
            inv.replyError(DBusErrors.INVALID_ARGS, member + " takes arguments of signature \"" + expected
                    + "\", not \"" + got + "\"");
            return false;
        }
        return true;
    }

    private void peer(MethodInvocation inv, MemberName member) {
        switch (member.value()) {
            case "Ping":
                if (checkSignature(inv, Signature.EMPTY, member)) {
                    inv.reply();
                }
                return;
            case "GetMachineId":
                if (checkSignature(inv, Signature.EMPTY, member)) {
                    String id = MachineId.get();
                    if (id == null) {
                        inv.replyError(DBusErrors.FAILED, "this machine has no machine id (/etc/machine-id)");
                    } else {
                        inv.replyValues(S, id);
                    }
                }
                return;
            default:
                inv.replyError(DBusErrors.UNKNOWN_METHOD, "no method " + member + " in " + StandardInterfaces.PEER);
        }
    }

    // ---------------------------------------------------------------- Introspectable

    private void introspect(MethodInvocation inv, MemberName member, ObjectPath path, Node node) {
        if (!member.value().equals("Introspect")) {
            inv.replyError(DBusErrors.UNKNOWN_METHOD, "no method " + member + " in " + StandardInterfaces.INTROSPECTABLE);
            return;
        }
        if (!checkSignature(inv, Signature.EMPTY, member)) {
            return;
        }
        inv.replyValues(S, introspectionXml(path, node));
    }

    String introspectionXml(ObjectPath path, Node node) {
        List<InterfaceInfo> infos = new ArrayList<>();
        infos.add(StandardInterfaces.PEER_INFO);
        infos.add(StandardInterfaces.INTROSPECTABLE_INFO);
        if (!node.interfaces.isEmpty()) {
            infos.add(StandardInterfaces.PROPERTIES_INFO);
        }
        if (managers.contains(path)) {
            infos.add(StandardInterfaces.OBJECT_MANAGER_INFO);
        }
        for (ExportedInterface e : node.interfaces) {
            infos.add(e.info());
        }
        return IntrospectionXml.node(infos, childrenOf(path));
    }

    /** The child node names of {@code path}: from exports below it and from a subtree handler. */
    private List<String> childrenOf(ObjectPath path) {
        Set<String> children = new TreeSet<>();
        String prefix = path.isRoot() ? "/" : path.value() + "/";
        for (ObjectPath p : objects.keySet()) {
            addChild(children, prefix, p);
        }
        for (ObjectPath p : subtrees.keySet()) {
            addChild(children, prefix, p);
        }
        for (ObjectPath p : managers) {
            addChild(children, prefix, p);
        }
        SubtreeHandler h = subtreeFor(path);
        if (h != null) {
            children.addAll(h.childrenOf(path));
        }
        return new ArrayList<>(children);
    }

    private static void addChild(Set<String> children, String prefix, ObjectPath p) {
        String v = p.value();
        if (v.length() > prefix.length() && v.startsWith(prefix)) {
            int slash = v.indexOf('/', prefix.length());
            children.add(slash < 0 ? v.substring(prefix.length()) : v.substring(prefix.length(), slash));
        }
    }

    // ---------------------------------------------------------------- Properties

    private void properties(MethodInvocation inv, MemberName member, Node node) throws Exception {
        WireReader args = inv.arguments();
        switch (member.value()) {
            case "Get": {
                if (!checkSignature(inv, SS, member)) {
                    return;
                }
                String ifaceName = args.readString();
                String prop = args.readString();
                Found f = findProperty(inv, node, ifaceName, prop);
                if (f == null) {
                    return;
                }
                if (!f.property.access().readable()) {
                    inv.replyError(DBusErrors.ACCESS_DENIED, "property " + prop + " of " + f.iface.info().name()
                            + " is write-only");
                    return;
                }
                inv.reply(V, w -> {
                    w.writeSignature(f.property.type());
                    readProperty(f.iface, prop, w);
                });
                return;
            }
            case "Set": {
                if (!checkSignature(inv, SSV, member)) {
                    return;
                }
                String ifaceName = args.readString();
                String prop = args.readString();
                Found f = findProperty(inv, node, ifaceName, prop);
                if (f == null) {
                    return;
                }
                if (!f.property.access().writable()) {
                    inv.replyError(DBusErrors.PROPERTY_READ_ONLY, "property " + prop + " of " + f.iface.info().name()
                            + " is read-only");
                    return;
                }
                Signature type = args.readSignature();
                if (!type.equals(f.property.type())) {
                    inv.replyError(DBusErrors.INVALID_ARGS, "property " + prop + " has type \"" + f.property.type()
                            + "\", not \"" + type + "\"");
                    return;
                }
                Message call = inv.message();
                f.iface.writeProperty(prop, args, new ExportedInterface.PropertyContext() {
                    @Override
                    public Message message() {
                        return call;
                    }

                    @Override
                    public Connection connection() {
                        return connection;
                    }
                });
                inv.reply();
                return;
            }
            case "GetAll": {
                if (!checkSignature(inv, S, member)) {
                    return;
                }
                String ifaceName = args.readString();
                List<ExportedInterface> targets = new ArrayList<>();
                for (ExportedInterface e : node.interfaces) {
                    if (ifaceName.isEmpty() || e.info().name().value().equals(ifaceName)) {
                        targets.add(e);
                    }
                }
                if (targets.isEmpty() && !ifaceName.isEmpty() && !isStandardName(ifaceName)) {
                    inv.replyError(DBusErrors.UNKNOWN_INTERFACE, "the object at " + inv.path() + " has no interface "
                            + ifaceName);
                    return;
                }
                inv.reply(ASV, w -> {
                    long a = w.beginArray(8);
                    for (ExportedInterface e : targets) {
                        for (PropertyInfo p : readable(e.info())) {
                            w.beginStruct();
                            w.writeString(p.name().value());
                            w.writeSignature(p.type());
                            readProperty(e, p.name().value(), w);
                        }
                    }
                    w.endArray(a);
                });
                return;
            }
            default:
                inv.replyError(DBusErrors.UNKNOWN_METHOD, "no method " + member + " in " + StandardInterfaces.PROPERTIES);
        }
    }

    private static boolean isStandardName(String name) {
        return InterfaceName.isValid(name) && isStandard(InterfaceName.of(name));
    }

    private static void readProperty(ExportedInterface iface, String name, WireWriter w) {
        try {
            iface.readProperty(name, w);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DBusException(DBusErrors.FAILED, "reading property " + name + " failed: " + e.getMessage(), e);
        }
    }

    private static final class Found {
        final ExportedInterface iface;
        final PropertyInfo property;

        Found(ExportedInterface iface, PropertyInfo property) {
            this.iface = iface;
            this.property = property;
        }
    }

    private static Found findProperty(MethodInvocation inv, Node node, String ifaceName, String prop) {
        boolean ifaceFound = ifaceName.isEmpty();
        for (ExportedInterface e : node.interfaces) {
            if (ifaceName.isEmpty() || e.info().name().value().equals(ifaceName)) {
                ifaceFound = true;
                PropertyInfo p = e.info().property(prop);
                if (p != null) {
                    return new Found(e, p);
                }
            }
        }
        if (!ifaceFound) {
            inv.replyError(DBusErrors.UNKNOWN_INTERFACE, "the object at " + inv.path() + " has no interface " + ifaceName);
        } else {
            inv.replyError(DBusErrors.UNKNOWN_PROPERTY, "no property " + prop
                    + (ifaceName.isEmpty() ? "" : " in interface " + ifaceName) + " at " + inv.path());
        }
        return null;
    }

    // ---------------------------------------------------------------- ObjectManager

    private void objectManager(MethodInvocation inv, MemberName member, ObjectPath path) {
        if (!member.value().equals("GetManagedObjects")) {
            inv.replyError(DBusErrors.UNKNOWN_METHOD, "no method " + member + " in " + StandardInterfaces.OBJECT_MANAGER);
            return;
        }
        if (!checkSignature(inv, Signature.EMPTY, member)) {
            return;
        }
        List<Map.Entry<ObjectPath, List<ExportedInterface>>> managed = new ArrayList<>();
        for (Map.Entry<ObjectPath, CopyOnWriteArrayList<ExportedInterface>> e : objects.entrySet()) {
            if (!e.getKey().equals(path) && e.getKey().startsWith(path) && !e.getValue().isEmpty()) {
                managed.add(Map.entry(e.getKey(), List.copyOf(e.getValue())));
            }
        }
        managed.sort(Map.Entry.comparingByKey());
        inv.reply(MANAGED, w -> {
            long a = w.beginArray(8);
            for (Map.Entry<ObjectPath, List<ExportedInterface>> e : managed) {
                w.beginStruct();
                w.writeObjectPath(e.getKey());
                writeInterfacesAndProperties(w, e.getValue());
            }
            w.endArray(a);
        });
    }
}

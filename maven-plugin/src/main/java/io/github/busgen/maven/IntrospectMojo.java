package io.github.busgen.maven;

import io.github.busgen.connection.Connection;
import io.github.busgen.fdo.IntrospectableProxy;
import io.github.busgen.introspect.Annotation;
import io.github.busgen.introspect.ArgInfo;
import io.github.busgen.introspect.InterfaceInfo;
import io.github.busgen.introspect.IntrospectionXml;
import io.github.busgen.introspect.MethodInfo;
import io.github.busgen.introspect.PropertyInfo;
import io.github.busgen.introspect.SignalInfo;
import io.github.busgen.names.BusName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.ObjectPath;
import io.github.busgen.names.PropertyName;
import io.github.busgen.processor.frontend.xml.tree.XmlAnnotation;
import io.github.busgen.processor.frontend.xml.tree.XmlArg;
import io.github.busgen.processor.frontend.xml.tree.XmlDocument;
import io.github.busgen.processor.frontend.xml.tree.XmlInterface;
import io.github.busgen.processor.frontend.xml.tree.XmlMethod;
import io.github.busgen.processor.frontend.xml.tree.XmlNode;
import io.github.busgen.processor.frontend.xml.tree.XmlProblem;
import io.github.busgen.processor.frontend.xml.tree.XmlProperty;
import io.github.busgen.processor.frontend.xml.tree.XmlReader;
import io.github.busgen.processor.frontend.xml.tree.XmlSignal;
import io.github.busgen.wire.Signature;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the introspection XML of a running service into {@code src/main/dbus}, so that
 * {@code generate} can make a client for a service that ships no XML: connects to the session bus,
 * the system bus or an address, calls {@code org.freedesktop.DBus.Introspectable.Introspect} on
 * {@code path} and every child node below it, and writes one file per interface,
 * {@code <interface.name>.xml} (one {@code <node>} with one {@code <interface>}, the same shape as
 * busgen's class-path resources). An interface met on several objects is written once. The
 * standard {@code org.freedesktop.DBus.*} interfaces are skipped: the runtime has them.
 *
 * <pre>
 * mvn busgen:introspect -Dbusgen.service=org.freedesktop.NetworkManager -Dbusgen.path=/org/freedesktop
 * </pre>
 */
@Mojo(name = "introspect", requiresProject = false, threadSafe = true)
public final class IntrospectMojo extends AbstractMojo {
    /** The bus name of the service, such as {@code org.freedesktop.NetworkManager}. */
    @Parameter(property = "busgen.service", required = true)
    String service;

    /** The object path to start from; its children are introspected too. */
    @Parameter(property = "busgen.path", defaultValue = "/")
    String path;

    /** Which bus: {@code session} or {@code system}; ignored when {@code address} is given. */
    @Parameter(property = "busgen.bus", defaultValue = "session")
    String bus;

    /** A D-Bus address to connect to instead, such as {@code unix:path=/run/dbus/system_bus_socket}. */
    @Parameter(property = "busgen.address")
    String address;

    /** Where the XML files go. */
    @Parameter(property = "busgen.introspectDirectory", defaultValue = "${basedir}/src/main/dbus")
    File outputDirectory;

    /** The most objects to visit, so that a huge tree (or a service that invents children) ends. */
    @Parameter(property = "busgen.maxObjects", defaultValue = "1000")
    int maxObjects;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        BusName destination;
        ObjectPath start;
        try {
            destination = BusName.of(service);
            start = ObjectPath.of(path);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("busgen: " + e.getMessage());
        }
        try (Connection c = connect()) {
            Map<String, InterfaceInfo> found = introspect(c, destination, start);
            Path dir = outputDirectory.toPath();
            Files.createDirectories(dir);
            for (InterfaceInfo i : found.values()) {
                Path file = dir.resolve(i.name().value() + ".xml");
                Files.writeString(file, IntrospectionXml.node(List.of(i), List.of()), StandardCharsets.UTF_8);
                getLog().info("busgen: wrote " + file);
            }
            if (found.isEmpty()) {
                getLog().warn("busgen: " + service + " has no interfaces of its own at " + path + " or below");
            }
        } catch (IOException e) {
            throw new MojoExecutionException("busgen: cannot introspect " + service + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new MojoFailureException("busgen: cannot introspect " + service + " at " + path + ": "
                    + e.getMessage(), e);
        }
    }

    private Connection connect() throws IOException {
        if (address != null && !address.isBlank()) {
            return Connection.open(address);
        }
        return switch (bus) {
            case "system" -> Connection.openSystem();
            case "session" -> Connection.openSession();
            default -> throw new IOException("bus must be \"session\" or \"system\", not \"" + bus + "\"");
        };
    }

    /** The interfaces of every object from {@code start} down, breadth first, each name once. */
    Map<String, InterfaceInfo> introspect(Connection c, BusName destination, ObjectPath start) {
        Map<String, InterfaceInfo> found = new LinkedHashMap<>();
        Deque<ObjectPath> todo = new ArrayDeque<>(List.of(start));
        int visited = 0;
        while (!todo.isEmpty() && visited++ < maxObjects) {
            ObjectPath p = todo.removeFirst();
            String xml = IntrospectableProxy.of(c, destination, p).introspect();
            XmlDocument d = XmlReader.read(service + " " + p, xml);
            for (XmlProblem problem : d.problems()) {
                getLog().warn("busgen: the introspection data of " + p + " line " + problem.line() + ": "
                        + problem.detail());
            }
            if (d.root() == null) {
                continue;
            }
            for (XmlInterface i : d.root().interfaces()) {
                if (i.name() == null || i.name().startsWith("org.freedesktop.DBus.") || found.containsKey(i.name())) {
                    continue;
                }
                found.put(i.name(), info(i, p));
            }
            for (XmlNode child : d.root().nodes()) {
                if (child.name() != null && !child.name().isEmpty() && !child.name().startsWith("/")) {
                    todo.addLast(p.child(child.name()));
                }
            }
        }
        if (!todo.isEmpty()) {
            getLog().warn("busgen: stopped after " + maxObjects + " objects (parameter maxObjects)");
        }
        return found;
    }

    /** The parse tree as the runtime's model, which prints it; members the model cannot hold are reported and left out. */
    private InterfaceInfo info(XmlInterface i, ObjectPath at) {
        List<MethodInfo> methods = new ArrayList<>();
        for (XmlMethod m : i.methods()) {
            try {
                List<ArgInfo> in = new ArrayList<>();
                List<ArgInfo> out = new ArrayList<>();
                for (XmlArg a : m.args()) {
                    ("out".equals(a.direction()) ? out : in).add(arg(a));
                }
                methods.add(new MethodInfo(MemberName.of(m.name()), in, out, annotations(m.annotations())));
            } catch (RuntimeException e) {
                skipped("method " + m.name(), i, at, e);
            }
        }
        List<SignalInfo> signals = new ArrayList<>();
        for (XmlSignal s : i.signals()) {
            try {
                List<ArgInfo> args = new ArrayList<>();
                for (XmlArg a : s.args()) {
                    args.add(arg(a));
                }
                signals.add(new SignalInfo(MemberName.of(s.name()), args, annotations(s.annotations())));
            } catch (RuntimeException e) {
                skipped("signal " + s.name(), i, at, e);
            }
        }
        List<PropertyInfo> properties = new ArrayList<>();
        for (XmlProperty p : i.properties()) {
            try {
                PropertyInfo.Access access = PropertyInfo.Access.fromXml(p.access());
                if (access == null) {
                    throw new IllegalArgumentException("access \"" + p.access() + "\"");
                }
                properties.add(new PropertyInfo(PropertyName.of(p.name()), Signature.single(p.type()), access,
                        annotations(p.annotations())));
            } catch (RuntimeException e) {
                skipped("property " + p.name(), i, at, e);
            }
        }
        return new InterfaceInfo(InterfaceName.of(i.name()), methods, signals, properties, annotations(i.annotations()));
    }

    private void skipped(String what, XmlInterface i, ObjectPath at, RuntimeException e) {
        getLog().warn("busgen: " + what + " of " + i.name() + " (at " + at + ") is left out: " + e.getMessage());
    }

    private static ArgInfo arg(XmlArg a) {
        return new ArgInfo(a.name(), Signature.single(a.type()), annotations(a.annotations()));
    }

    private static List<Annotation> annotations(List<XmlAnnotation> xml) {
        List<Annotation> out = new ArrayList<>();
        for (XmlAnnotation a : xml) {
            if (a.name() != null) {
                out.add(new Annotation(a.name(), a.value() == null ? "" : a.value()));
            }
        }
        return out;
    }
}

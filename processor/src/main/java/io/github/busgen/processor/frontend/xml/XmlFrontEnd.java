package io.github.busgen.processor.frontend.xml;

import com.palantir.javapoet.ClassName;
import io.github.busgen.introspect.Annotation;
import io.github.busgen.introspect.PropertyInfo.Access;
import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.InvalidNameException;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.PropertyName;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.frontend.xml.tree.XmlAnnotation;
import io.github.busgen.processor.frontend.xml.tree.XmlArg;
import io.github.busgen.processor.frontend.xml.tree.XmlDocument;
import io.github.busgen.processor.frontend.xml.tree.XmlInterface;
import io.github.busgen.processor.frontend.xml.tree.XmlMember;
import io.github.busgen.processor.frontend.xml.tree.XmlMethod;
import io.github.busgen.processor.frontend.xml.tree.XmlNamed;
import io.github.busgen.processor.frontend.xml.tree.XmlNode;
import io.github.busgen.processor.frontend.xml.tree.XmlPart;
import io.github.busgen.processor.frontend.xml.tree.XmlProblem;
import io.github.busgen.processor.frontend.xml.tree.XmlProperty;
import io.github.busgen.processor.frontend.xml.tree.XmlSignal;
import io.github.busgen.processor.model.ArgModel;
import io.github.busgen.processor.model.Docs;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.JavaNames;
import io.github.busgen.processor.model.MethodModel;
import io.github.busgen.processor.model.PropertyModel;
import io.github.busgen.processor.model.ScalarType;
import io.github.busgen.processor.model.SignalModel;
import io.github.busgen.processor.model.TypeModel;
import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.Signature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns parsed introspection files into the model, the same {@link InterfaceModel} the annotated
 * Java front end makes, with every naming decision taken here (DESIGN section 4): interface names
 * lose the configured prefix and become PascalCase, members lowerCamelCase, keywords get a
 * {@code _} suffix, unnamed arguments are {@code argN} (N their position among the member's
 * {@code <arg>}s), and wherever two Java names would meet, the later one gets a number and a
 * {@code [XmlNameCollision]} warning. Struct signatures become records nested in the interface,
 * named after their first use (or the overlay); several out-arguments a {@code <Method>Result}
 * record. Checks what is wrong with the XML itself (missing or invalid names and types, directions,
 * access, duplicates) and reports each at its file, line and column; an interface with an error
 * gives no model, the others are read on.
 */
public final class XmlFrontEnd {
    /** org.gtk.GDBus.DocString: documentation in an annotation. */
    static final String DOC_STRING = "org.gtk.GDBus.DocString";
    /** Annotations of other D-Bus tools, copied into the introspection data without a warning. */
    private static final List<String> FOREIGN = List.of("org.gtk.GDBus.", "org.freedesktop.DBus.GLib.",
            "org.qtproject.QtDBus.", "com.trolltech.QtDBus.", "org.freedesktop.systemd1.");

    /** Simple names that a nested record must not take: the generated interface file refers to them. */
    private static final Set<String> RESERVED_TYPES = Set.of("String", "Object", "Override", "Deprecated",
            "SuppressWarnings", "Void", "Exception", "Throwable", "Integer", "Long", "Short", "Byte", "Boolean",
            "Double", "Character", "Float", "Number", "Class", "Record", "Enum", "List", "Map", "ObjectPath",
            "Signature", "Variant", "UnixFd", "CompletableFuture", "EmitsChangedSignal", "Generated",
            "DBusInterface", "DBusMethod", "DBusSignal", "DBusProperty", "DBusType", "DBusArg", "DBusResult",
            "DBusAnnotation", "DBusAnnotations", "DBusError");

    /**
     * Method names the generated proxy ({@code P:}, which implements the interface) and skeleton
     * ({@code S:}) declare for every interface. Names are kept per class with these prefixes.
     */
    private static final Set<String> FIXED_METHODS = Set.of("P:of", "P:withOptions", "P:toString", "P:equals",
            "P:hashCode", "P:getClass", "P:notify", "P:notifyAll", "P:wait", "P:clone", "P:finalize", "S:info",
            "S:invoke", "S:readProperty", "S:writeProperty", "S:export", "S:implementation", "S:propertiesChanged",
            "S:emitSignal", "S:declaredError", "S:declaredFailure");

    /** Object's methods without parameters: a method of the same name with parameters only overloads them. */
    private static final Set<String> OBJECT_NO_ARGS = Set.of("toString", "hashCode", "getClass", "notify",
            "notifyAll", "clone", "finalize");

    /**
     * How to name the Java code.
     *
     * @param packageName     the Java package, or null when every interface gets a qualified class from the overlay
     * @param interfacePrefix stripped from interface names before they become class names, or null
     * @param overlay         the user's choices
     */
    public record Options(String packageName, String interfacePrefix, Overlay overlay) {
        public Options {
            if (overlay == null) {
                overlay = Overlay.empty();
            }
        }
    }

    /**
     * One interface read from XML.
     *
     * @param model the model
     * @param docs  its documentation
     */
    public record Result(InterfaceModel model, Docs docs) {
    }

    private final Options options;
    private final Reporter reporter;

    private XmlFrontEnd(Options options, Reporter reporter) {
        this.options = options;
        this.reporter = reporter;
    }

    /**
     * Reads every interface of {@code documents}, in order, reporting problems to {@code reporter};
     * interfaces with errors are left out of the result.
     */
    public static List<Result> read(List<XmlDocument> documents, Options options, Reporter reporter) {
        return new XmlFrontEnd(options, reporter).read(documents);
    }

    /** A front end that only names things (for tests of the naming rules). */
    static XmlFrontEnd forNaming(Options options) {
        return new XmlFrontEnd(options, (m, w, a) -> {
        });
    }

    /** An interface that passed the document-level checks, and where it came from. */
    private record Found(XmlDocument document, XmlInterface xml) {
        XmlLocation at(XmlPart part) {
            return new XmlLocation(document.file(), part.line(), part.column());
        }
    }

    private List<Result> read(List<XmlDocument> documents) {
        List<Found> found = new ArrayList<>();
        Map<String, Found> byName = new HashMap<>();
        for (XmlDocument d : documents) {
            for (XmlProblem p : d.problems()) {
                XmlLocation at = new XmlLocation(d.file(), p.line(), p.column());
                if (p.kind() == XmlProblem.Kind.MALFORMED) {
                    reporter.report(Message.XML_MALFORMED, at, p.detail());
                } else {
                    reporter.report(Message.XML_UNKNOWN_ELEMENT, at, p.detail());
                }
            }
            if (d.root() == null) {
                continue;
            }
            for (XmlNode child : d.root().nodes()) {
                reporter.report(Message.XML_CHILD_NODE, new XmlLocation(d.file(), child.line(), child.column()),
                        child.name());
            }
            for (XmlInterface i : d.root().interfaces()) {
                Found f = new Found(d, i);
                if (!validName("interface", i, f.at(i), reporter)) {
                    continue;
                }
                Found first = byName.putIfAbsent(i.name(), f);
                if (first != null) {
                    reporter.report(Message.XML_DUPLICATE_INTERFACE, f.at(i), i.name(), first.at(first.xml()));
                    continue;
                }
                found.add(f);
            }
        }
        List<Result> results = new ArrayList<>();
        Map<String, String> classes = new HashMap<>();
        for (Found f : found) {
            ClassName type = className(f, classes);
            if (type == null) {
                continue;
            }
            Result r = new InterfaceReading(f, type).read();
            if (r != null) {
                results.add(r);
            }
        }
        return results;
    }

    /** Checks the name attribute of an interface or member; reports and returns false when it is missing or invalid. */
    private static boolean validName(String kind, XmlNamed e, XmlLocation at, Reporter reporter) {
        if (e.name() == null) {
            reporter.report(Message.XML_MISSING_NAME, at, kind, "name");
            return false;
        }
        try {
            if (kind.equals("interface")) {
                InterfaceName.of(e.name());
            } else if (kind.equals("property")) {
                PropertyName.of(e.name());
            } else {
                MemberName.of(e.name());
            }
            return true;
        } catch (InvalidNameException x) {
            reporter.report(Message.XML_BAD_NAME, at, kind, e.name(), x.getMessage());
            return false;
        }
    }

    // ------------------------------------------------------------------ class names

    /**
     * The Java interface of {@code f}: the overlay's choice, else the prefix-stripped PascalCase name
     * in the configured package; numbered (with a warning) when an earlier interface has it.
     */
    private ClassName className(Found f, Map<String, String> classes) {
        String iface = f.xml().name();
        String chosen = options.overlay().className(iface);
        String pkg = options.packageName();
        String simple;
        if (chosen != null && chosen.contains(".")) {
            pkg = chosen.substring(0, chosen.lastIndexOf('.'));
            simple = chosen.substring(chosen.lastIndexOf('.') + 1);
        } else {
            simple = chosen != null ? chosen : simpleName(iface);
        }
        if (pkg == null || pkg.isEmpty()) {
            reporter.report(Message.XML_NO_PACKAGE, f.at(f.xml()), iface);
            return null;
        }
        String base = simple;
        for (int n = 2; taken(classes, pkg, simple) != null; n++) {
            simple = base + n;
        }
        if (!simple.equals(base)) {
            reporter.report(Message.XML_NAME_COLLISION, f.at(f.xml()), "the Java interface of " + iface,
                    pkg + "." + base, taken(classes, pkg, base), simple, iface + ".class");
        }
        for (String suffix : List.of("", "Proxy", "Skeleton", "Codec")) {
            classes.put(pkg + "." + simple + suffix, (suffix.isEmpty() ? "the Java interface" : "the " + suffix
                    + " class") + " of " + iface);
        }
        return ClassName.get(pkg, simple);
    }

    private static String taken(Map<String, String> classes, String pkg, String simple) {
        for (String suffix : List.of("", "Proxy", "Skeleton", "Codec")) {
            String owner = classes.get(pkg + "." + simple + suffix);
            if (owner != null) {
                return owner;
            }
        }
        return null;
    }

    /** {@code org.freedesktop.NetworkManager.Device.Wired} with prefix {@code org.freedesktop.NetworkManager.} is {@code DeviceWired}. */
    String simpleName(String iface) {
        String prefix = options.interfacePrefix();
        String rest = iface;
        if (prefix != null && !prefix.isEmpty()) {
            String p = prefix.endsWith(".") ? prefix : prefix + ".";
            if (iface.startsWith(p) && iface.length() > p.length()) {
                rest = iface.substring(p.length());
            } else if (iface.equals(p.substring(0, p.length() - 1))) {
                rest = iface.substring(iface.lastIndexOf('.') + 1);
            }
        }
        String s = JavaNames.pascal(rest);
        return s.isEmpty() ? "Interface" : s;
    }

    // ------------------------------------------------------------------ one interface

    /** Java names taken in one scope, and what took each (for the collision warning). */
    private static final class Names {
        private final Map<String, String> owners = new HashMap<>();

        void take(String name, String owner) {
            owners.putIfAbsent(name, owner);
        }

        String owner(String name) {
            return owners.get(name);
        }

        /** The first of {@code candidates(base)}, {@code candidates(base2)}, ... whose names are all free. */
        String allocate(String base, java.util.function.Function<String, List<String>> derived) {
            String name = base;
            for (int n = 2; derived.apply(name).stream().anyMatch(owners::containsKey); n++) {
                name = base + n;
            }
            return name;
        }

        /** Which derived name of {@code base} is taken, and by what. */
        String clash(String base, java.util.function.Function<String, List<String>> derived) {
            for (String d : derived.apply(base)) {
                if (owners.containsKey(d)) {
                    return owners.get(d);
                }
            }
            return null;
        }
    }

    /** The annotations of one element, sorted into those busgen acts on and the others. */
    private record Annotations(boolean deprecated, boolean noReply, EmitsChangedSignal emits, String docString,
                               List<Annotation> others) {
    }

    /** The state of reading one interface. */
    private final class InterfaceReading {
        private final Found found;
        private final ClassName type;
        private final String iface;
        private final Reporter.Counting report;
        private final Names methodNames = new Names();
        private final Names typeNames = new Names();
        private final Map<String, String> docs = new LinkedHashMap<>();
        private final Map<String, TypeModel.StructType> structs = new HashMap<>();

        InterfaceReading(Found found, ClassName type) {
            this.found = found;
            this.type = type;
            this.iface = found.xml().name();
            this.report = Reporter.counting(reporter);
        }

        private XmlLocation at(XmlPart p) {
            return found.at(p);
        }

        Result read() {
            XmlInterface x = found.xml();
            Annotations own = annotations(x, "interface");
            List<XmlSignal> signals = members(x.signals(), "signal");
            List<XmlProperty> properties = properties(x.properties());
            List<XmlMethod> methods = members(x.methods(), "method");
            for (XmlMember m : signals) {
                checkArgs(m, true);
            }
            for (XmlMember m : methods) {
                checkArgs(m, false);
            }
            if (report.hasErrors()) {
                return null;
            }

            typeNames.take(type.simpleName(), "the interface itself");
            for (String r : RESERVED_TYPES) {
                typeNames.take(r, "a type the generated code uses");
            }
            for (String f : FIXED_METHODS) {
                methodNames.take(f, "a method every proxy or skeleton has");
            }
            for (XmlMethod m : methods) {
                methodNames.take("P:call" + m.name(), "the proxy's call builder of method " + m.name());
                methodNames.take("S:invoke" + m.name(), "the skeleton's invoker of method " + m.name());
            }
            Map<XmlSignal, String> signalRecords = new HashMap<>();
            for (XmlSignal s : signals) {
                signalRecords.put(s, signalRecord(s));
            }
            Map<XmlProperty, String> propertyNames = new HashMap<>();
            for (XmlProperty p : properties) {
                propertyNames.put(p, propertyName(p));
            }
            Map<XmlMethod, String> methodJavaNames = new HashMap<>();
            for (XmlMethod m : methods) {
                methodJavaNames.put(m, methodName(m));
            }
            Map<XmlMethod, String> results = new HashMap<>();
            for (XmlMethod m : methods) {
                if (args(m, "out").size() > 1) {
                    String chosen = options.overlay().member(iface, m.name());
                    String base = (chosen != null ? JavaNames.upperFirst(chosen) : JavaNames.pascal(m.name())) + "Result";
                    results.put(m, nested(base, "the result record of method " + m.name(),
                            Overlay.memberKey(iface, m.name()), at(m)));
                }
            }

            List<SignalModel> signalModels = new ArrayList<>();
            for (XmlSignal s : signals) {
                signalModels.add(signal(s, signalRecords.get(s)));
            }
            List<PropertyModel> propertyModels = new ArrayList<>();
            for (XmlProperty p : properties) {
                propertyModels.add(property(p, propertyNames.get(p)));
            }
            List<MethodModel> methodModels = new ArrayList<>();
            for (XmlMethod m : methods) {
                methodModels.add(method(m, methodJavaNames.get(m), results.get(m)));
            }
            if (report.hasErrors()) {
                return null;
            }
            String doc = doc(x, own);
            InterfaceModel model = new InterfaceModel(iface, at(x), type, found.document().file(), methodModels,
                    signalModels, propertyModels, List.of(), own.emits(), own.deprecated(), own.others());
            return new Result(model, new Docs(doc, docs));
        }

        // -------------------------------------------------------------- checks

        /** The members with a valid name, each name once; reports the others. */
        private <M extends XmlNamed> List<M> members(List<M> all, String kind) {
            List<M> out = new ArrayList<>();
            Map<String, M> seen = new HashMap<>();
            for (M m : all) {
                if (!validName(kind, m, at(m), report)) {
                    continue;
                }
                M first = seen.putIfAbsent(m.name(), m);
                if (first != null) {
                    report.report(Message.XML_DUPLICATE_MEMBER, at(m), kind, m.name(), first.line());
                    continue;
                }
                out.add(m);
            }
            return out;
        }

        private List<XmlProperty> properties(List<XmlProperty> all) {
            List<XmlProperty> out = new ArrayList<>();
            for (XmlProperty p : members(all, "property")) {
                boolean ok = checkType(p.type(), "property " + p.name(), at(p));
                if (Access.fromXml(p.access()) == null) {
                    report.report(Message.XML_BAD_ACCESS, at(p), p.access() == null ? "(missing)" : p.access(), p.name());
                    ok = false;
                }
                if (ok) {
                    out.add(p);
                }
            }
            return out;
        }

        private void checkArgs(XmlMember m, boolean signal) {
            String member = (signal ? "signal " : "method ") + m.name();
            List<XmlArg> args = m.args();
            for (int i = 0; i < args.size(); i++) {
                XmlArg a = args.get(i);
                String what = "argument " + (a.name() != null ? a.name() : "arg" + i) + " of " + member;
                checkType(a.type(), what, at(a));
                String d = a.direction();
                if (d != null && !d.equals("in") && !d.equals("out")) {
                    report.report(Message.XML_BAD_DIRECTION, at(a), d, what);
                } else if (signal && "in".equals(d)) {
                    report.report(Message.XML_SIGNAL_ARG_DIRECTION, at(a), "argument "
                            + (a.name() != null ? a.name() : "arg" + i), m.name());
                }
            }
        }

        private boolean checkType(String signature, String what, XmlLocation where) {
            if (signature == null) {
                report.report(Message.XML_MISSING_TYPE, where, what);
                return false;
            }
            try {
                Signature.single(signature);
                return true;
            } catch (InvalidNameException e) {
                report.report(Message.XML_BAD_SIGNATURE, where, signature, what, e.getMessage());
                return false;
            }
        }

        // -------------------------------------------------------------- names

        private String nested(String base, String what, String key, XmlLocation where) {
            java.util.function.Function<String, List<String>> derived = List::of;
            String name = typeNames.allocate(base, derived);
            if (!name.equals(base)) {
                report.report(Message.XML_NAME_COLLISION, where, what, base, typeNames.clash(base, derived), name, key);
            }
            typeNames.take(name, what);
            return name;
        }

        private String signalRecord(XmlSignal s) {
            String chosen = options.overlay().member(iface, s.name());
            String base = chosen != null ? chosen : JavaNames.pascal(s.name());
            String what = "the record of signal " + s.name();
            java.util.function.Function<String, List<String>> derived = r -> List.of("P:on" + r, "S:emit" + r);
            String name = base;
            for (int n = 2; typeNames.owner(name) != null || methodNames.clash(name, derived) != null; n++) {
                name = base + n;
            }
            if (!name.equals(base)) {
                String by = typeNames.owner(base) != null ? typeNames.owner(base) : methodNames.clash(base, derived);
                report.report(Message.XML_NAME_COLLISION, at(s), what, base, by, name, Overlay.memberKey(iface, s.name()));
            }
            typeNames.take(name, what);
            for (String d : derived.apply(name)) {
                methodNames.take(d, "the subscription or emitter of signal " + s.name());
            }
            return name;
        }

        private List<String> propertyMethods(String base, XmlProperty p) {
            Access access = Access.fromXml(p.access());
            String getter = ("b".equals(p.type()) ? "is" : "get") + base;
            List<String> out = new ArrayList<>();
            if (access.readable()) {
                out.add("P:" + getter);
                out.add("P:" + getter + "Async");
            }
            if (access.writable()) {
                out.add("P:set" + base);
                out.add("P:set" + base + "Async");
            }
            out.add("P:on" + base + "PropertyChanged");
            out.add("S:" + JavaNames.lowerFirst(base) + "Changed");
            return out;
        }

        private String propertyName(XmlProperty p) {
            String chosen = options.overlay().member(iface, p.name());
            // property names may hold dashes and other punctuation: disable-printing gives DisablePrinting
            String base = chosen != null ? JavaNames.upperFirst(chosen) : JavaNames.propertyBase(p.name());
            java.util.function.Function<String, List<String>> derived = b -> propertyMethods(b, p);
            String name = methodNames.allocate(base, derived);
            if (!name.equals(base)) {
                report.report(Message.XML_NAME_COLLISION, at(p), "property " + p.name(),
                        derived.apply(base).get(0).substring(2) + "()", methodNames.clash(base, derived),
                        derived.apply(name).get(0).substring(2) + "()",
                        Overlay.memberKey(iface, p.name()));
            }
            for (String d : derived.apply(name)) {
                methodNames.take(d, "an accessor of property " + p.name());
            }
            return name;
        }

        private String methodName(XmlMethod m) {
            String chosen = options.overlay().member(iface, m.name());
            String base = XmlNames.escape(chosen != null ? chosen : XmlNames.camel(m.name()));
            if (base.isEmpty()) {
                base = "method";
            }
            boolean noReply = annotationsQuiet(m).noReply() && args(m, "out").isEmpty();
            boolean hasArgs = !args(m, "in").isEmpty();
            java.util.function.Function<String, List<String>> derived = j -> {
                String key = hasArgs && OBJECT_NO_ARGS.contains(j) ? "P:" + j + "(...)" : "P:" + j;
                return noReply ? List.of(key) : List.of(key, "P:" + j + "Async");
            };
            String name = methodNames.allocate(base, derived);
            if (!name.equals(base)) {
                report.report(Message.XML_NAME_COLLISION, at(m), "method " + m.name(), base + "()",
                        methodNames.clash(base, derived), name + "()", Overlay.memberKey(iface, m.name()));
            }
            for (String d : derived.apply(name)) {
                methodNames.take(d, "method " + m.name());
            }
            return name;
        }

        /**
         * The Java names of {@code args} (positions among all the member's args in {@code positions}):
         * the overlay's, else lowerCamelCase of the name attribute, else argN; escaped, and numbered
         * when two meet.
         */
        private List<String> argNames(XmlMember m, List<XmlArg> args, boolean components) {
            List<XmlArg> all = m.args();
            Names taken = new Names();
            List<String> out = new ArrayList<>();
            for (XmlArg a : args) {
                int position = all.indexOf(a);
                String chosen = options.overlay().arg(iface, m.name(), a.name(), position);
                String base = chosen != null ? chosen : a.name() == null ? "arg" + position : XmlNames.camel(a.name());
                if (base.isEmpty()) {
                    base = "arg" + position;
                }
                base = components ? XmlNames.component(base) : XmlNames.escape(base);
                String name = taken.allocate(base, List::of);
                String what = "argument " + (a.name() != null ? a.name() : "arg" + position) + " of " + m.name();
                if (!name.equals(base)) {
                    report.report(Message.XML_NAME_COLLISION, at(a), what, base, taken.owner(base), name,
                            iface + "." + m.name() + "." + (a.name() != null ? a.name() : "arg" + position));
                }
                taken.take(name, what);
                out.add(name);
            }
            return out;
        }

        // -------------------------------------------------------------- members

        private SignalModel signal(XmlSignal s, String record) {
            Annotations own = annotations(s, "signal");
            List<XmlArg> xmlArgs = s.args();
            List<ArgModel> args = args(s, xmlArgs, argNames(s, xmlArgs, true), "signal", "args");
            doc(Docs.key("signal", s.name()), s, own);
            return new SignalModel(s.name(), at(s), type.nestedClass(record), args, own.deprecated(), own.others());
        }

        private PropertyModel property(XmlProperty p, String base) {
            Annotations own = annotations(p, "property");
            Access access = Access.fromXml(p.access());
            String getter = access.readable() ? ("b".equals(p.type()) ? "is" : "get") + base : null;
            String setter = access.writable() ? "set" + base : null;
            boolean asList = options.overlay().propertyAsList(iface, p.name());
            TypeModel t = type(Signature.single(p.type()).type(), false, base, asList, at(p));
            doc(Docs.key("property", p.name()), p, own);
            return new PropertyModel(p.name(), at(p), t, getter, setter, setter == null ? null : "value", base,
                    own.emits(), own.deprecated(), own.others());
        }

        private MethodModel method(XmlMethod m, String javaName, String result) {
            Annotations own = annotations(m, "method");
            List<XmlArg> inArgs = args(m, "in");
            List<XmlArg> outArgs = args(m, "out");
            List<ArgModel> in = args(m, inArgs, argNames(m, inArgs, false), "method", "in");
            List<ArgModel> out;
            if (outArgs.size() == 1) {
                XmlArg a = outArgs.get(0);
                int position = m.args().indexOf(a);
                TypeModel t = type(Signature.single(a.type()).type(), false, argHint(m, a, position, javaName),
                        options.overlay().argAsList(iface, m.name(), a.name(), position), at(a));
                // the Java method returns the value: a return type carries no name, annotation or @Deprecated
                options.overlay().arg(iface, m.name(), a.name(), position);
                out = List.of(new ArgModel(a.name(), "value", "value", t, false, List.of()));
                argDoc(Docs.key("method", m.name(), "out", 0), a);
            } else {
                out = args(m, outArgs, argNames(m, outArgs, true), "method", "out");
            }
            boolean noReply = own.noReply();
            if (noReply && !out.isEmpty()) {
                report.report(Message.XML_BAD_ANNOTATION_VALUE, at(m), Annotation.NO_REPLY, "true",
                        "\"false\": method " + m.name() + " has out-arguments, so callers wait for its reply");
                noReply = false;
            }
            doc(Docs.key("method", m.name()), m, own);
            return new MethodModel(m.name(), at(m), javaName, in, out, result == null ? null : type.nestedClass(result),
                    false, noReply, own.deprecated(), false, List.of(), own.others());
        }

        private String argHint(XmlMember m, XmlArg a, int position, String fallback) {
            String chosen = options.overlay().arg(iface, m.name(), a.name(), position);
            String name = chosen != null ? chosen : a.name();
            return name == null || JavaNames.pascal(name).isEmpty() ? JavaNames.upperFirst(fallback) + "Value"
                    : JavaNames.pascal(name);
        }

        private List<ArgModel> args(XmlMember m, List<XmlArg> args, List<String> javaNames, String kind, String list) {
            List<String> params = JavaNames.parameters(javaNames);
            List<ArgModel> out = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                XmlArg a = args.get(i);
                int position = m.args().indexOf(a);
                Annotations own = annotations(a, "argument");
                String hint = a.name() == null ? JavaNames.pascal(m.name()) + "Arg" + position
                        : JavaNames.pascal(javaNames.get(i));
                TypeModel t = type(Signature.single(a.type()).type(), false, hint,
                        options.overlay().argAsList(iface, m.name(), a.name(), position), at(a));
                out.add(new ArgModel(a.name() != null ? a.name() : javaNames.get(i), javaNames.get(i), params.get(i), t,
                        own.deprecated(), own.others()));
                argDoc(Docs.key(kind, m.name(), list, i), a);
            }
            return out;
        }

        private List<XmlArg> args(XmlMethod m, String direction) {
            List<XmlArg> out = new ArrayList<>();
            for (XmlArg a : m.args()) {
                if (direction.equals(a.direction() == null ? "in" : a.direction())) {
                    out.add(a);
                }
            }
            return out;
        }

        // -------------------------------------------------------------- types

        /**
         * The model of a D-Bus type: section 5 of DESIGN; {@code boxed} where Java needs a reference
         * type (list elements, map keys and values); {@code hint} names the record of a struct.
         */
        private TypeModel type(DBusType t, boolean boxed, String hint, boolean asList, XmlLocation where) {
            char code = t.code();
            if (code == DBusType.ARRAY) {
                DBusType element = t.elementType();
                if (element.code() == DBusType.DICT_ENTRY) {
                    List<DBusType> kv = element.fields();
                    return new TypeModel.MapType(type(kv.get(0), true, hint + "Key", asList, where),
                            type(kv.get(1), true, hint + "Value", asList, where));
                }
                ScalarType s = ScalarType.of(element.code());
                if (s != null && s.hasPrimitiveArray() && !asList) {
                    return new TypeModel.PrimitiveArray(s);
                }
                return new TypeModel.ListType(type(element, true, hint + "Item", asList, where));
            }
            if (code == DBusType.STRUCT) {
                return struct(t, hint, asList, where);
            }
            ScalarType s = ScalarType.of(code);
            return new TypeModel.Scalar(s, boxed && s.isPrimitive());
        }

        private TypeModel.StructType struct(DBusType t, String hint, boolean asList, XmlLocation where) {
            String key = t.signature() + (asList ? " as lists" : "");
            TypeModel.StructType known = structs.get(key);
            if (known != null) {
                return known;
            }
            String chosen = options.overlay().struct(iface, t.signature());
            String name = nested(chosen != null ? chosen : hint.isEmpty() ? "Struct" : hint,
                    "the record of struct " + t.signature(), iface + ".struct." + t.signature(), where);
            List<TypeModel.Field> fields = new ArrayList<>();
            List<DBusType> ts = t.fields();
            for (int i = 0; i < ts.size(); i++) {
                fields.add(new TypeModel.Field("field" + i, type(ts.get(i), false, name + "Field" + i, asList, where)));
            }
            TypeModel.StructType s = new TypeModel.StructType(type.nestedClass(name), fields, "Struct" + name);
            structs.put(key, s);
            return s;
        }

        // -------------------------------------------------------------- annotations and docs

        /** The annotations of {@code e} without reporting anything (for names decided before the members are read). */
        private Annotations annotationsQuiet(XmlNamed e) {
            return sort(e, null, null);
        }

        private Annotations annotations(XmlNamed e, String kind) {
            return sort(e, kind, report);
        }

        private Annotations sort(XmlNamed e, String kind, Reporter to) {
            boolean deprecated = false;
            boolean noReply = false;
            EmitsChangedSignal emits = null;
            String docString = null;
            List<Annotation> others = new ArrayList<>();
            for (XmlAnnotation a : e.annotations()) {
                String name = a.name();
                String value = a.value() == null ? "" : a.value();
                if (name == null) {
                    if (to != null) {
                        to.report(Message.XML_MISSING_NAME, at(a), "annotation", "name");
                    }
                    continue;
                }
                switch (name) {
                    case Annotation.DEPRECATED -> deprecated = bool(a, value, to);
                    case Annotation.NO_REPLY -> {
                        if ("method".equals(kind) || to == null) {
                            noReply = bool(a, value, to);
                        } else {
                            others.add(new Annotation(name, value));
                        }
                    }
                    case Annotation.EMITS_CHANGED_SIGNAL -> {
                        if ("interface".equals(kind) || "property".equals(kind)) {
                            emits = EmitsChangedSignal.fromXml(value);
                            if (emits == null && to != null) {
                                to.report(Message.XML_BAD_ANNOTATION_VALUE, at(a), name, value,
                                        "\"true\", \"invalidates\", \"const\" and \"false\"");
                            }
                        } else {
                            others.add(new Annotation(name, value));
                        }
                    }
                    case DOC_STRING -> docString = value;
                    default -> {
                        if (to != null && FOREIGN.stream().noneMatch(name::startsWith)) {
                            to.report(Message.XML_UNKNOWN_ANNOTATION, at(a), name);
                        }
                        others.add(new Annotation(name, value));
                    }
                }
            }
            return new Annotations(deprecated, noReply, emits, docString, others);
        }

        private boolean bool(XmlAnnotation a, String value, Reporter to) {
            if (!value.equals("true") && !value.equals("false") && to != null) {
                to.report(Message.XML_BAD_ANNOTATION_VALUE, at(a), a.name(), value, "\"true\" and \"false\"");
            }
            return value.equals("true");
        }

        private void doc(String key, XmlNamed e, Annotations own) {
            String text = doc(e, own);
            if (text != null) {
                docs.put(key, text);
            }
        }

        private void argDoc(String key, XmlArg a) {
            String text = doc(a, annotationsQuiet(a));
            if (text != null) {
                docs.put(key, text);
            }
        }

        /** {@code <doc:doc>}, else org.gtk.GDBus.DocString, else the comment just before the element. */
        private String doc(XmlNamed e, Annotations own) {
            if (e.doc() != null && !e.doc().text().isBlank()) {
                return e.doc().text();
            }
            if (own.docString() != null && !own.docString().isBlank()) {
                return own.docString().strip();
            }
            return e.comment() == null ? null : comment(e.comment(), e.name());
        }
    }

    /**
     * The text of a GLib-style comment: common indentation removed, and the gtk-doc symbol line
     * ({@code Name:}) dropped when it names the element.
     */
    static String comment(String comment, String name) {
        List<String> lines = new ArrayList<>(List.of(comment.split("\r?\n", -1)));
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (!lines.isEmpty() && name != null && lines.get(0).strip().equals(name + ":")) {
            lines.remove(0);
            while (!lines.isEmpty() && lines.get(0).isBlank()) {
                lines.remove(0);
            }
        }
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
        }
        String text = b.toString().strip();
        return text.isEmpty() ? null : text;
    }
}

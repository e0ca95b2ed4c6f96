package io.github.busgen.introspect;

import java.util.List;

/**
 * Writes introspection XML (specification, "Introspection Data Format"): the answer of
 * {@code org.freedesktop.DBus.Introspectable.Introspect}, and the per-interface documents the
 * processor writes as {@code META-INF/dbus/interfaces/<name>.xml}.
 *
 * <pre>
 * &lt;node&gt;
 *   &lt;interface name="..."&gt;
 *     &lt;method name="..."&gt; &lt;arg name="..." type="..." direction="in|out"/&gt; &lt;annotation .../&gt; &lt;/method&gt;
 *     &lt;signal name="..."&gt; &lt;arg name="..." type="..."/&gt; &lt;/signal&gt;
 *     &lt;property name="..." type="..." access="read|write|readwrite"/&gt;
 *     &lt;annotation name="..." value="..."/&gt;
 *   &lt;/interface&gt;
 *   &lt;node name="child"/&gt;
 * &lt;/node&gt;
 * </pre>
 * Output is deterministic: elements in the order given, two-space indentation, attributes
 * escaped.
 */
public final class IntrospectionXml {
    /** The document type line every introspection document starts with. */
    public static final String DOCTYPE = "<!DOCTYPE node PUBLIC \"-//freedesktop//DTD D-BUS Object Introspection 1.0//EN\"\n"
            + " \"http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd\">\n";

    private IntrospectionXml() {
    }

    /**
     * A node document.
     *
     * @param interfaces the interfaces of the object, in order
     * @param children   the names of the child nodes (single path elements), in order
     */
    public static String node(List<InterfaceInfo> interfaces, List<String> children) {
        StringBuilder b = new StringBuilder(DOCTYPE).append("<node>\n");
        for (InterfaceInfo i : interfaces) {
            appendInterface(b, i, "  ");
        }
        for (String child : children) {
            b.append("  <node name=\"").append(escape(child)).append("\"/>\n");
        }
        return b.append("</node>\n").toString();
    }

    /** One {@code <interface>} element, indented by {@code indent}. */
    public static void appendInterface(StringBuilder b, InterfaceInfo i, String indent) {
        b.append(indent).append("<interface name=\"").append(escape(i.name().value())).append("\">\n");
        String in2 = indent + "  ";
        String in3 = in2 + "  ";
        for (MethodInfo m : i.methods()) {
            b.append(in2).append("<method name=\"").append(m.name()).append('"');
            if (m.in().isEmpty() && m.out().isEmpty() && m.annotations().isEmpty()) {
                b.append("/>\n");
                continue;
            }
            b.append(">\n");
            for (ArgInfo a : m.in()) {
                appendArg(b, a, "in", in3);
            }
            for (ArgInfo a : m.out()) {
                appendArg(b, a, "out", in3);
            }
            appendAnnotations(b, m.annotations(), in3);
            b.append(in2).append("</method>\n");
        }
        for (SignalInfo s : i.signals()) {
            b.append(in2).append("<signal name=\"").append(s.name()).append('"');
            if (s.args().isEmpty() && s.annotations().isEmpty()) {
                b.append("/>\n");
                continue;
            }
            b.append(">\n");
            for (ArgInfo a : s.args()) {
                appendArg(b, a, null, in3);
            }
            appendAnnotations(b, s.annotations(), in3);
            b.append(in2).append("</signal>\n");
        }
        for (PropertyInfo p : i.properties()) {
            b.append(in2).append("<property name=\"").append(escape(p.name().value())).append("\" type=\"")
                    .append(escape(p.type().value())).append("\" access=\"").append(p.access().xml()).append('"');
            if (p.annotations().isEmpty()) {
                b.append("/>\n");
                continue;
            }
            b.append(">\n");
            appendAnnotations(b, p.annotations(), in3);
            b.append(in2).append("</property>\n");
        }
        appendAnnotations(b, i.annotations(), in2);
        b.append(indent).append("</interface>\n");
    }

    private static void appendArg(StringBuilder b, ArgInfo a, String direction, String indent) {
        b.append(indent).append("<arg");
        if (a.name() != null) {
            b.append(" name=\"").append(escape(a.name())).append('"');
        }
        b.append(" type=\"").append(escape(a.type().value())).append('"');
        if (direction != null) {
            b.append(" direction=\"").append(direction).append('"');
        }
        if (a.annotations().isEmpty()) {
            b.append("/>\n");
            return;
        }
        b.append(">\n");
        appendAnnotations(b, a.annotations(), indent + "  ");
        b.append(indent).append("</arg>\n");
    }

    private static void appendAnnotations(StringBuilder b, List<Annotation> annotations, String indent) {
        for (Annotation a : annotations) {
            b.append(indent).append("<annotation name=\"").append(escape(a.name())).append("\" value=\"")
                    .append(escape(a.value())).append("\"/>\n");
        }
    }

    /** Escapes text for an XML attribute value in double quotes. */
    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r;
            switch (c) {
                case '&': r = "&amp;"; break;
                case '<': r = "&lt;"; break;
                case '>': r = "&gt;"; break;
                case '"': r = "&quot;"; break;
                case '\n': r = "&#10;"; break;
                case '\r': r = "&#13;"; break;
                case '\t': r = "&#9;"; break;
                default: r = null;
            }
            if (r != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(r);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }
}

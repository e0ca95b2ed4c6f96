package io.github.busgen.processor.frontend.xml;

import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Choices about the generated Java that the introspection XML cannot carry, made without editing the
 * XML (upstream files are not the user's to change), like gdbus-codegen's {@code --annotate}. The
 * same entries come from an overlay file (the plugin's {@code overlays}, {@code @DBusXml(overlay)})
 * or from the plugin's {@code <overrides>}.
 *
 * <p>An overlay file has one {@code key = value} per line; blank lines and lines starting with
 * {@code #} are skipped. Keys start with the D-Bus interface name:
 * <pre>
 * # the Java interface: a simple name (in packageName) or a qualified one
 * org.freedesktop.Notifications.class = Notifier
 * org.freedesktop.NetworkManager.class = com.example.nm.NetworkManager
 * # the Java name of a method, of a signal's record, or the X of a property's getX/setX
 * org.freedesktop.Notifications.GetServerInformation = serverInfo
 * # an argument, by its name attribute or by its position among the member's args (argN)
 * org.freedesktop.Notifications.Notify.app_name = application
 * org.freedesktop.Notifications.Notify.arg3 = iconName
 * # the Java type of an argument or property: "list" makes arrays of numbers List&lt;Long&gt;, not long[]
 * org.freedesktop.Notifications.Notify.actions.type = list
 * # the record generated for a struct signature, in this interface
 * org.freedesktop.NetworkManager.Device.struct.(uu) = Range
 * </pre>
 * A key that names nothing is reported ({@code [XmlOverlayUnused]}), so typos do not pass silently.
 * Members called {@code class} or {@code struct} cannot be renamed (those words are keys).
 */
public final class Overlay {
    /** One value and where it was given. */
    private record Entry(String value, XmlLocation where) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Boolean> used = new LinkedHashMap<>();

    private Overlay() {
    }

    /** No choices. */
    public static Overlay empty() {
        return new Overlay();
    }

    /** The entries of an overlay file named {@code file}; malformed lines are reported. */
    public static Overlay parse(String file, String text, Reporter reporter) {
        Overlay o = new Overlay();
        o.add(file, text, reporter);
        return o;
    }

    /** Adds the entries of another overlay file; a later entry for a key replaces an earlier one. */
    public Overlay add(String file, String text, Reporter reporter) {
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            XmlLocation where = new XmlLocation(file, i + 1, 1);
            int eq = line.indexOf('=');
            if (eq < 0) {
                reporter.report(Message.XML_OVERLAY_BAD, where, "\"" + line + "\" has no '='");
                continue;
            }
            put(line.substring(0, eq).strip(), line.substring(eq + 1).strip(), where, reporter);
        }
        return this;
    }

    /** Adds entries given as key/value pairs, such as the plugin's {@code <overrides>}, from {@code source}. */
    public Overlay add(String source, Map<String, String> pairs, Reporter reporter) {
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            put(e.getKey().strip(), e.getValue().strip(), XmlLocation.of(source), reporter);
        }
        return this;
    }

    private void put(String key, String value, XmlLocation where, Reporter reporter) {
        if (key.isEmpty() || !key.contains(".")) {
            reporter.report(Message.XML_OVERLAY_BAD, where, "the key \"" + key
                    + "\" does not start with an interface name");
            return;
        }
        boolean ok = key.endsWith(".type") ? value.equals("list")
                : key.endsWith(".class") ? XmlNames.isQualified(value) : XmlNames.isIdentifier(value);
        if (!ok) {
            reporter.report(Message.XML_OVERLAY_BAD, where, "\"" + value + "\" is not a valid value for " + key
                    + (key.endsWith(".type") ? " (the only type choice is \"list\")" : " (a Java name is expected)"));
            return;
        }
        entries.put(key, new Entry(value, where));
        used.put(key, false);
    }

    private String get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        used.put(key, true);
        return e.value();
    }

    /** The Java class chosen for an interface: a simple or qualified name, or null. */
    String className(String iface) {
        return get(iface + ".class");
    }

    /** The Java name chosen for a member (method name, signal record, property base name), or null. */
    String member(String iface, String member) {
        return get(iface + "." + member);
    }

    /** The Java name chosen for an argument, named by its name attribute or as argN, or null. */
    String arg(String iface, String member, String name, int position) {
        String byName = name == null ? null : get(iface + "." + member + "." + name);
        String byPosition = get(iface + "." + member + ".arg" + position);
        return byName != null ? byName : byPosition;
    }

    /** Whether arrays of numbers in an argument's type should be lists. */
    boolean argAsList(String iface, String member, String name, int position) {
        String byName = name == null ? null : get(iface + "." + member + "." + name + ".type");
        String byPosition = get(iface + "." + member + ".arg" + position + ".type");
        return "list".equals(byName) || "list".equals(byPosition);
    }

    /** Whether arrays of numbers in a property's type should be lists. */
    boolean propertyAsList(String iface, String property) {
        return "list".equals(get(iface + "." + property + ".type"));
    }

    /** The record name chosen for a struct signature in an interface, or null. */
    String struct(String iface, String signature) {
        return get(iface + ".struct." + signature);
    }

    /** The key that renames a member, for messages. */
    static String memberKey(String iface, String member) {
        return iface + "." + member;
    }

    /** Reports every entry that no lookup used: a typo, or a name that is not in the XML. */
    public void reportUnused(Reporter reporter) {
        for (Map.Entry<String, Boolean> e : used.entrySet()) {
            if (!e.getValue()) {
                reporter.report(Message.XML_OVERLAY_UNUSED, entries.get(e.getKey()).where(), e.getKey());
            }
        }
    }

    /** Whether it has no entries. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String toString() {
        return Objects.toString(entries.keySet());
    }
}

package io.github.busgen.processor.frontend.xml;

import io.github.busgen.processor.model.JavaNames;

import java.util.Locale;
import java.util.Set;

/**
 * The naming rules for Java code made from introspection XML (DESIGN section 4): PascalCase type
 * names, lowerCamelCase members, keywords escaped with a {@code _} suffix.
 */
final class XmlNames {
    private XmlNames() {
    }

    /** Names a record component cannot have: its accessor would override a method of Object. */
    private static final Set<String> OBJECT_METHODS = Set.of("clone", "finalize", "getClass", "hashCode", "notify",
            "notifyAll", "toString", "wait", "equals");

    /**
     * {@code GetAll} becomes {@code getAll}, {@code IPAddress} {@code ipAddress}, {@code DHCP4Config}
     * {@code dhcp4Config}, {@code new_state} {@code newState}: a leading run of capitals is lowered,
     * except the last one when a lower-case letter follows it.
     */
    static String camel(String name) {
        String p = JavaNames.pascal(name);
        int run = 0;
        while (run < p.length() && Character.isUpperCase(p.charAt(run))) {
            run++;
        }
        if (run == 0) {
            return p;
        }
        int lower = run > 1 && run < p.length() && Character.isLowerCase(p.charAt(run)) ? run - 1 : run;
        return p.substring(0, lower).toLowerCase(Locale.ROOT) + p.substring(lower);
    }

    /** {@code name}, with {@code _} appended when it is a Java keyword or literal. */
    static String escape(String name) {
        return JavaNames.isKeyword(name) ? name + "_" : name;
    }

    /** {@code name} as a record component: escaped, and with {@code _} appended when it would override Object's methods. */
    static String component(String name) {
        String e = escape(name);
        return OBJECT_METHODS.contains(e) ? e + "_" : e;
    }

    /** Whether {@code s} is a Java identifier that is no keyword. */
    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0)) || JavaNames.isKeyword(s)) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is a dotted sequence of Java identifiers (a package or a qualified class name). */
    static boolean isQualified(String s) {
        for (String part : s.split("\\.", -1)) {
            if (!isIdentifier(part)) {
                return false;
            }
        }
        return true;
    }
}

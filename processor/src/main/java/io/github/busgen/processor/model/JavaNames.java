package io.github.busgen.processor.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The rules that turn names into Java names, shared by the front ends and the model. */
public final class JavaNames {
    private JavaNames() {
    }

    /**
     * The names of the locals, lambda parameters and added parameters (a unicast emitter's
     * {@code destination}) that generated code declares where arguments are in scope; an argument
     * with one of these names is renamed in generated code.
     */
    public static final Set<String> GENERATED_LOCALS = Set.of("b", "w", "r", "e", "reply", "call", "result",
            "handler", "destination");

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "_", "var", "yield", "record");

    /** The words of a name: split at underscores, dashes, dots and anything not a letter or digit. */
    private static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        for (String w : name.split("[^\\p{Alnum}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * The PascalCase form of a D-Bus name, for the Java names made from it: {@code Device_Wired},
     * {@code device-wired} and {@code Device.Wired} become {@code DeviceWired} (inner capitals stay),
     * {@code 2fa} becomes {@code _2fa}; a name of punctuation only becomes the empty string.
     */
    public static String pascal(String name) {
        StringBuilder b = new StringBuilder();
        for (String w : words(name)) {
            b.append(upperFirst(w));
        }
        return startable(b.toString());
    }

    /**
     * The base of the Java names made from a property name ({@code getX}, {@code onXPropertyChanged}):
     * its {@link #pascal} form, {@code DisablePrinting} for {@code disable-printing}, or
     * {@code Property} for a name of punctuation only.
     */
    public static String propertyBase(String name) {
        String p = pascal(name);
        return p.isEmpty() ? "Property" : p;
    }

    /** A name that can start an identifier: an empty name stays empty, one starting with a digit gets {@code _}. */
    private static String startable(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }

    /** Whether {@code name} is a Java keyword or literal (or a restricted identifier). */
    public static boolean isKeyword(String name) {
        return KEYWORDS.contains(name);
    }

    /**
     * The names to give these arguments as parameters of generated code: each name as it is,
     * unless it is a keyword, one of {@link #GENERATED_LOCALS}, or all upper case (and so could hide
     * a generated constant), in which case {@code _} is appended until it is unique.
     */
    public static List<String> parameters(List<String> names) {
        Set<String> taken = new HashSet<>(names);
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            String p = n;
            if (isKeyword(n) || GENERATED_LOCALS.contains(n) || n.equals(n.toUpperCase(Locale.ROOT))) {
                do {
                    p += "_";
                } while (taken.contains(p));
                taken.add(p);
            }
            out.add(p);
        }
        return out;
    }

    /** {@code name} with its first letter in upper case. */
    public static String upperFirst(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** {@code name} with its first letter in lower case. */
    public static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * The constant-style form of a name: {@code GetConnectionUnixProcessID} becomes
     * {@code GET_CONNECTION_UNIX_PROCESS_ID}.
     */
    public static String upperSnake(String name) {
        StringBuilder b = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char prev = name.charAt(i - 1);
                boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
                    b.append('_');
                }
            }
            if (c != '_' || b.length() == 0 || b.charAt(b.length() - 1) != '_') {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString();
    }
}

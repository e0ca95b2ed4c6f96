package io.github.busgen.processor.model;

import io.github.busgen.names.MemberName;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names of the constants that generated classes declare for an interface's members, unique
 * within the interface. A member's constants share a base: a method {@code Add} has {@code ADD}
 * (its member name), {@code ADD_IN} and {@code ADD_OUT} (its signatures); a signal has the base
 * and {@code _ARGS}; a property {@code _TYPE} (its base from its Java name when its D-Bus name is no
 * member name, as {@code DISABLE_PRINTING} for {@code disable-printing}); an error the base. When a base is taken, {@code _2},
 * {@code _3}, ... is appended, members taken in the order of the model.
 */
public final class Constants {
    /** The constant holding the interface's name. */
    public static final String INTERFACE = "INTERFACE";
    /** The skeleton's constant holding the interface's introspection data. */
    public static final String INFO = "INFO";

    private final Map<Object, String> bases = new HashMap<>();

    Constants(InterfaceModel model) {
        Set<String> taken = new HashSet<>(Set.of(INTERFACE, INFO));
        for (MethodModel m : model.methods()) {
            bases.put(m, claim(taken, JavaNames.upperSnake(m.name()), "", "_IN", "_OUT"));
        }
        for (SignalModel s : model.signals()) {
            bases.put(s, claim(taken, JavaNames.upperSnake(s.name()), "", "_ARGS"));
        }
        for (PropertyModel p : model.properties()) {
            // a property name need not be an identifier (disable-printing); its Java name always is
            String name = MemberName.isValid(p.name()) ? p.name() : p.javaName();
            bases.put(p, claim(taken, JavaNames.upperSnake(name), "_TYPE"));
        }
        for (ErrorModel e : model.errors()) {
            bases.put(e, claim(taken, JavaNames.upperSnake(e.javaType().simpleName()), ""));
        }
    }

    private static String claim(Set<String> taken, String base, String... suffixes) {
        String candidate = base;
        for (int n = 2; !free(taken, candidate, suffixes); n++) {
            candidate = base + "_" + n;
        }
        for (String s : suffixes) {
            taken.add(candidate + s);
        }
        return candidate;
    }

    private static boolean free(Set<String> taken, String base, String... suffixes) {
        return List.of(suffixes).stream().noneMatch(s -> taken.contains(base + s));
    }

    private String base(Object member) {
        String b = bases.get(member);
        if (b == null) {
            throw new IllegalArgumentException("not a member of this interface: " + member);
        }
        return b;
    }

    /** The constant holding a method's member name. */
    public String member(MethodModel m) {
        return base(m);
    }

    /** The constant holding a method's in-signature. */
    public String in(MethodModel m) {
        return base(m) + "_IN";
    }

    /** The constant holding a method's out-signature. */
    public String out(MethodModel m) {
        return base(m) + "_OUT";
    }

    /** The constant holding a signal's member name. */
    public String member(SignalModel s) {
        return base(s);
    }

    /** The constant holding a signal's signature. */
    public String args(SignalModel s) {
        return base(s) + "_ARGS";
    }

    /** The constant holding a property's type. */
    public String type(PropertyModel p) {
        return base(p) + "_TYPE";
    }

    /** The constant holding an error's name. */
    public String error(ErrorModel e) {
        return base(e);
    }
}

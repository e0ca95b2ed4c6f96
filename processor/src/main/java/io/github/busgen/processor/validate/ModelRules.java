package io.github.busgen.processor.validate;

import io.github.busgen.names.ErrorName;
import io.github.busgen.names.InterfaceName;
import io.github.busgen.names.InvalidNameException;
import io.github.busgen.names.MemberName;
import io.github.busgen.names.PropertyName;
import io.github.busgen.processor.diag.Location;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.model.ErrorModel;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.MethodModel;
import io.github.busgen.processor.model.PropertyModel;
import io.github.busgen.processor.model.SignalModel;
import io.github.busgen.wire.Signature;

import java.util.HashMap;
import java.util.Map;

/**
 * The rules every model must follow, whichever front end made it: valid D-Bus names (property names
 * by the looser rule of {@link PropertyName}), no two members
 * of one kind with the same name, signatures within the specification's limits, one exception per
 * error name, and generated Java members that do not clash. Reports every broken rule and goes on.
 */
public final class ModelRules {
    private ModelRules() {
    }

    /**
     * Checks {@code model}, reporting each problem to {@code reporter}. The generated Java members
     * are checked only when the D-Bus rules hold (two methods with one D-Bus name would also clash
     * in Java, and one message is enough).
     */
    public static void check(InterfaceModel model, Reporter delegate) {
        Reporter.Counting reporter = Reporter.counting(delegate);
        checkName(model, reporter);
        Map<String, MethodModel> methods = new HashMap<>();
        for (MethodModel m : model.methods()) {
            memberName(m.name(), m.location(), "@DBusMethod(name = \"...\")", reporter);
            MethodModel first = methods.putIfAbsent(m.name(), m);
            if (first != null) {
                reporter.report(Message.DUPLICATE_METHOD, m.location(), javaSignature(first), javaSignature(m), m.name());
            }
            signature("in-arguments", "method " + m.name(), m.inSignature(), m.location(), reporter);
            signature("out-arguments", "method " + m.name(), m.outSignature(), m.location(), reporter);
        }
        Map<String, SignalModel> signals = new HashMap<>();
        for (SignalModel s : model.signals()) {
            memberName(s.name(), s.location(), "@DBusSignal(name = \"...\")", reporter);
            SignalModel first = signals.putIfAbsent(s.name(), s);
            if (first != null) {
                reporter.report(Message.DUPLICATE_SIGNAL, s.location(), first.javaType(), s.javaType(), s.name());
            }
            signature("arguments", "signal " + s.name(), s.signature(), s.location(), reporter);
        }
        Map<String, PropertyModel> properties = new HashMap<>();
        for (PropertyModel p : model.properties()) {
            try {
                PropertyName.of(p.name());
            } catch (InvalidNameException e) {
                reporter.report(Message.BAD_PROPERTY_NAME, p.location(), e.getMessage(), "@DBusProperty(name = \"...\")");
            }
            PropertyModel first = properties.putIfAbsent(p.name(), p);
            if (first != null) {
                reporter.report(Message.DUPLICATE_PROPERTY, p.location(), "declaration", p.name(),
                        first.getter() != null ? first.getter() : first.setter());
            }
            signature("type", "property " + p.name(), p.type().signature(), p.location(), reporter);
        }
        Map<String, ErrorModel> errors = new HashMap<>();
        for (ErrorModel e : model.errors()) {
            try {
                ErrorName.of(e.name());
            } catch (InvalidNameException x) {
                reporter.report(Message.BAD_ERROR_NAME, e.location(), x.getMessage());
            }
            ErrorModel first = errors.putIfAbsent(e.name(), e);
            if (first != null && !first.javaType().equals(e.javaType())) {
                reporter.report(Message.DUPLICATE_ERROR, e.location(), first.javaType(), e.javaType(), e.name());
            }
        }
        if (!reporter.hasErrors()) {
            GeneratedMembers.check(model, reporter);
        }
    }

    /** {@code name(int, String)}: the Java method, told apart from its overloads. */
    private static String javaSignature(MethodModel m) {
        StringBuilder b = new StringBuilder(m.javaName()).append('(');
        for (int i = 0; i < m.in().size(); i++) {
            b.append(i == 0 ? "" : ", ").append(m.in().get(i).type().javaType());
        }
        return b.append(')').toString();
    }

    private static void checkName(InterfaceModel model, Reporter reporter) {
        try {
            InterfaceName.of(model.name());
        } catch (InvalidNameException e) {
            reporter.report(Message.BAD_INTERFACE_NAME, model.location(), e.getMessage());
        }
    }

    private static void memberName(String name, Location where, String attribute, Reporter reporter) {
        try {
            MemberName.of(name);
        } catch (InvalidNameException e) {
            reporter.report(Message.BAD_MEMBER_NAME, where, e.getMessage(), attribute);
        }
    }

    private static void signature(String what, String member, String signature, Location where, Reporter reporter) {
        try {
            Signature.of(signature);
        } catch (InvalidNameException e) {
            reporter.report(Message.SIGNATURE_LIMIT, where, what, member, abbreviate(signature), e.rule().text());
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}

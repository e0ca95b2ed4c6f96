package io.github.busgen.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.github.busgen.introspect.Annotation;
import io.github.busgen.processor.diag.Location;

import java.util.List;
import java.util.Objects;

/**
 * A D-Bus method and the Java method that stands for it.
 *
 * @param name        the D-Bus member name (checked by the validator)
 * @param location    where the name was given, or the Java method
 * @param javaName    the Java method's name
 * @param in          the in-arguments, in order
 * @param out         the out-arguments, in order
 * @param resultType  the record that carries several out-arguments (its components are
 *                    {@code out}), or null when the Java method returns void or the single value
 * @param async       whether the Java method returns {@code CompletableFuture} (asynchronous on
 *                    both sides)
 * @param noReply     whether callers do not wait for a reply
 * @param deprecated  whether it is deprecated
 * @param varargs     whether the Java method's last parameter is variable arity
 * @param errors      the D-Bus errors it declares, subclasses before their superclasses
 * @param annotations its other introspection annotations
 */
public record MethodModel(String name, Location location, String javaName, List<ArgModel> in, List<ArgModel> out,
                          ClassName resultType, boolean async, boolean noReply, boolean deprecated, boolean varargs,
                          List<ErrorModel> errors, List<Annotation> annotations) {
    public MethodModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaName, "javaName");
        in = List.copyOf(in);
        out = List.copyOf(out);
        errors = List.copyOf(errors);
        annotations = List.copyOf(annotations);
        if (resultType == null && out.size() > 1) {
            throw new IllegalArgumentException("several out-arguments need a result record");
        }
    }

    /** The signature of a call. */
    public String inSignature() {
        return Members.signature(in);
    }

    /** The signature of the reply. */
    public String outSignature() {
        return Members.signature(out);
    }

    /** All its introspection annotations: Deprecated, NoReply, then the others. */
    public List<Annotation> dbusAnnotations() {
        return Members.annotations(deprecated, noReply, null, annotations);
    }

    /** The Java type of the reply's value: void, the single out-argument's type, or the result record. */
    public TypeName replyType() {
        if (resultType != null) {
            return resultType;
        }
        return out.isEmpty() ? TypeName.VOID : out.get(0).type().javaType();
    }

    /** The Java return type: {@link #replyType()}, in a {@code CompletableFuture} when asynchronous. */
    public TypeName javaReturnType() {
        return async ? future(replyType()) : replyType();
    }

    /** {@code CompletableFuture} of {@code type} ({@code Void} for void). */
    public static TypeName future(TypeName type) {
        return ParameterizedTypeName.get(RuntimeTypes.COMPLETABLE_FUTURE,
                type.equals(TypeName.VOID) ? RuntimeTypes.VOID : type.box());
    }

    /**
     * The name of the proxy's asynchronous form of a synchronous method, or null when it has none
     * (asynchronous and no-reply methods).
     */
    public String asyncName() {
        return async || noReply ? null : javaName + "Async";
    }

    /** The name of the proxy's private method that builds the call message. */
    public String callBuilderName() {
        return "call" + name;
    }

    /** The name of the skeleton's private method that decodes, calls and answers. */
    public String invokerName() {
        return "invoke" + name;
    }
}

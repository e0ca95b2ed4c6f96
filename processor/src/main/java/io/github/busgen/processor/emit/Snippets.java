package io.github.busgen.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.github.busgen.processor.model.ArgModel;
import io.github.busgen.processor.model.RuntimeTypes;

import javax.lang.model.element.Modifier;
import java.util.List;

/** Small pieces of code that the proxy and skeleton emitters both print. */
final class Snippets {
    private Snippets() {
    }

    /** A {@code private static final} constant. */
    static FieldSpec constant(TypeName type, String name, CodeBlock init) {
        return FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer(init)
                .build();
    }

    /** {@code MemberName.of("...")}. */
    static CodeBlock memberName(String name) {
        return CodeBlock.of("$T.of($S)", RuntimeTypes.MEMBER_NAME, name);
    }

    /**
     * Documentation text made safe for a Javadoc comment: HTML's special characters, {@code @}
     * (which would start a tag), backslashes (which could start a unicode escape) and {@code * /}
     * (which would end the comment) are written as character references.
     */
    static String sanitize(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '@' -> b.append("&#64;");
                case '\\' -> b.append("&#92;");
                case '/' -> b.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
                case '\r' -> {
                }
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A D-Bus name in Javadoc: {@code {@code Name}}, or for a property name with characters that
     * Javadoc or the compiler would read (such as {@code *}{@code /}, a backslash or a brace) the
     * name {@link #sanitize sanitized} in {@code <code>}.
     */
    static String docCode(String name) {
        if (name.matches("[A-Za-z0-9_.:-]*")) {
            return "{@code " + name + "}";
        }
        return "<code>" + sanitize(name).replace("{", "&#123;").replace("}", "&#125;") + "</code>";
    }

    /** {@code Signature.of("...")}, or {@code Signature.EMPTY}. */
    static CodeBlock signature(String signature) {
        return signature.isEmpty() ? CodeBlock.of("$T.EMPTY", RuntimeTypes.SIGNATURE)
                : CodeBlock.of("$T.of($S)", RuntimeTypes.SIGNATURE, signature);
    }

    /** {@code Consumer<? super T>}. */
    static TypeName consumerOf(TypeName type) {
        return ParameterizedTypeName.get(RuntimeTypes.CONSUMER, WildcardTypeName.supertypeOf(type.box()));
    }

    /** {@code b} with {@code @Deprecated} when {@code deprecated}. */
    static MethodSpec.Builder deprecate(MethodSpec.Builder b, boolean deprecated) {
        return deprecated ? b.addAnnotation(RuntimeTypes.DEPRECATED) : b;
    }

    /** The arguments as parameters of generated code. */
    static List<ParameterSpec> parameters(List<ArgModel> args) {
        return args.stream().map(a -> ParameterSpec.builder(a.type().javaType(), a.paramName()).build()).toList();
    }

    /** The arguments' parameter names, comma separated, to pass them on. */
    static CodeBlock arguments(List<ArgModel> args) {
        return CodeBlock.join(args.stream().map(a -> CodeBlock.of("$L", a.paramName())).toList(), ", ");
    }
}

package io.github.busgen.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.busgen.processor.model.TypeModel;

/**
 * Prints the expressions that write and read one value: one {@code WireWriter}/{@code WireReader}
 * call for scalars and primitive arrays, a call of the interface's codec class otherwise.
 */
final class Codecs {
    private Codecs() {
    }

    /** The statement (without ';') that writes {@code value} of {@code type} with the writer {@code w}. */
    static CodeBlock write(TypeModel type, ClassName codec, String w, CodeBlock value) {
        if (type instanceof TypeModel.Scalar s) {
            return CodeBlock.of("$L.$L($L)", w, s.kind().writeMethod(), value);
        }
        if (type instanceof TypeModel.PrimitiveArray a) {
            return CodeBlock.of("$L.$L($L)", w, a.element().writeArrayMethod(), value);
        }
        return CodeBlock.of("$T.write$L($L, $L)", codec, type.codecName(), w, value);
    }

    /** The expression that reads a value of {@code type} with the reader {@code r}. */
    static CodeBlock read(TypeModel type, ClassName codec, String r) {
        if (type instanceof TypeModel.Scalar s) {
            return CodeBlock.of("$L.$L()", r, s.kind().readMethod());
        }
        if (type instanceof TypeModel.PrimitiveArray a) {
            return CodeBlock.of("$L.$L()", r, a.element().readArrayMethod());
        }
        return CodeBlock.of("$T.read$L($L)", codec, type.codecName(), r);
    }
}

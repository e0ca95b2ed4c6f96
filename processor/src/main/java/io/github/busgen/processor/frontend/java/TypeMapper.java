package io.github.busgen.processor.frontend.java;

import com.palantir.javapoet.ClassName;
import io.github.busgen.names.InvalidNameException;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.model.ScalarType;
import io.github.busgen.processor.model.TypeModel;
import io.github.busgen.wire.DBusType;
import io.github.busgen.wire.Signature;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.busgen.processor.model.ScalarType.BOOLEAN;
import static io.github.busgen.processor.model.ScalarType.BYTE;
import static io.github.busgen.processor.model.ScalarType.DOUBLE;
import static io.github.busgen.processor.model.ScalarType.INT16;
import static io.github.busgen.processor.model.ScalarType.INT32;
import static io.github.busgen.processor.model.ScalarType.INT64;
import static io.github.busgen.processor.model.ScalarType.UINT16;
import static io.github.busgen.processor.model.ScalarType.UINT32;
import static io.github.busgen.processor.model.ScalarType.UINT64;

/**
 * Maps Java types to D-Bus types (DESIGN section 5), honouring {@code @DBusType} wherever it
 * annotates a type and checking that it fits. Records become structs, mapped once per compilation
 * and given codec names unique in the compilation; a record that failed is reported once and then
 * fails silently.
 */
final class TypeMapper {
    /** The D-Bus types each Java type can carry, the default first. */
    private static final Map<String, List<ScalarType>> SCALARS = Map.ofEntries(
            Map.entry("byte", List.of(BYTE)),
            Map.entry("boolean", List.of(BOOLEAN)),
            Map.entry("short", List.of(INT16)),
            Map.entry("int", List.of(INT32, UINT16)),
            Map.entry("long", List.of(INT64, UINT32, UINT64)),
            Map.entry("double", List.of(DOUBLE)),
            Map.entry("java.lang.String", List.of(ScalarType.STRING)),
            Map.entry("io.github.busgen.names.ObjectPath", List.of(ScalarType.OBJECT_PATH)),
            Map.entry("io.github.busgen.wire.Signature", List.of(ScalarType.SIGNATURE)),
            Map.entry("io.github.busgen.wire.UnixFd", List.of(ScalarType.UNIX_FD)),
            Map.entry("io.github.busgen.wire.Variant", List.of(ScalarType.VARIANT)));

    private static final Map<String, String> BOXES = Map.of("java.lang.Byte", "byte", "java.lang.Boolean", "boolean",
            "java.lang.Short", "short", "java.lang.Integer", "int", "java.lang.Long", "long", "java.lang.Double",
            "double");

    /** Hints for Java types that have no D-Bus type, by qualified name. */
    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("char", "D-Bus has no characters: use String (s) for text, or a number"),
            Map.entry("java.lang.Character", "D-Bus has no characters: use String (s) for text, or a number"),
            Map.entry("float", "D-Bus has no 32-bit floating point: use double (d)"),
            Map.entry("java.lang.Float", "D-Bus has no 32-bit floating point: use Double (d)"),
            Map.entry("java.lang.Object", "use Variant (v) for a value of any type"),
            Map.entry("java.util.Optional", "D-Bus has no null or optional values: use an empty array, or a flag"),
            Map.entry("java.math.BigInteger", "use long with @DBusType(\"t\") for unsigned 64-bit numbers"),
            Map.entry("java.util.Collection", "use List<T> for a D-Bus array"),
            Map.entry("java.util.Set", "use List<T> for a D-Bus array"),
            Map.entry("java.lang.Iterable", "use List<T> for a D-Bus array"),
            Map.entry("java.util.ArrayList", "declare it as List<T> for a D-Bus array"),
            Map.entry("java.util.LinkedList", "declare it as List<T> for a D-Bus array"),
            Map.entry("java.util.HashMap", "declare it as Map<K, V> for a D-Bus dict"),
            Map.entry("java.util.LinkedHashMap", "declare it as Map<K, V> for a D-Bus dict"),
            Map.entry("java.util.TreeMap", "declare it as Map<K, V> for a D-Bus dict"),
            Map.entry("java.util.concurrent.CompletableFuture",
                    "only a method's return type can be a CompletableFuture (an asynchronous method)"),
            Map.entry("java.util.concurrent.CompletionStage",
                    "only a method's return type can be a CompletableFuture (an asynchronous method)"));

    private final Map<String, TypeModel.StructType> structs = new HashMap<>();
    private final Set<String> failedRecords = new HashSet<>();
    private final Set<String> codecNames = new HashSet<>();

    /** A type fixed by a {@code @DBusType}, and the annotation that fixed it (for the caret). */
    private record Forced(DBusType type, AnnotationMirror by) {
    }

    /** Maps the types of one interface, whose generated code lives in {@code generatedPackage}. */
    Session session(String generatedPackage, Reporter reporter) {
        return new Session(generatedPackage, reporter);
    }

    final class Session {
        private final String generatedPackage;
        private final Reporter reporter;
        private final Deque<TypeElement> stack = new ArrayDeque<>();
        private boolean failed;

        private Session(String generatedPackage, Reporter reporter) {
            this.generatedPackage = generatedPackage;
            this.reporter = reporter;
        }

        /** Whether a type failed to map (reported now, or for a record, earlier). */
        boolean failed() {
            return failed;
        }

        /** The D-Bus type of {@code type}, used at {@code where}; null when it has none (reported). */
        TypeModel map(TypeMirror type, Element where) {
            return map(type, where, null);
        }

        private TypeModel fail() {
            failed = true;
            return null;
        }

        private TypeModel report(Message message, Element where, AnnotationMirror annotation, Object... args) {
            reporter.report(message, JavaLocation.of(where, annotation, "value"), args);
            return fail();
        }

        private TypeModel map(TypeMirror t, Element where, Forced forced) {
            AnnotationMirror own = Mirrors.find(t.getAnnotationMirrors(), Mirrors.TYPE);
            if (own != null) {
                String value = Mirrors.string(own, "value", "");
                DBusType parsed;
                try {
                    parsed = Signature.single(value).type();
                } catch (InvalidNameException e) {
                    return report(Message.BAD_SIGNATURE, where, own, value, e.getMessage());
                }
                if (forced != null && !forced.type().equals(parsed)) {
                    return report(Message.TYPE_MISMATCH, where, own, parsed, Display.of(t),
                            forced.type() + " as the enclosing @DBusType says");
                }
                forced = new Forced(parsed, own);
            }
            switch (t.getKind()) {
                case BOOLEAN: case BYTE: case SHORT: case INT: case LONG: case DOUBLE:
                    return scalar(Display.of(t), false, t, where, forced);
                case ARRAY:
                    return array((ArrayType) t, where, forced);
                case DECLARED:
                    return declared((DeclaredType) t, where, forced);
                case ERROR:
                    return report(Message.UNRESOLVED_TYPE, where, null, where, t);
                case TYPEVAR:
                    return unsupported(t, where, "a type variable has no fixed D-Bus type: use a concrete type");
                case WILDCARD:
                    return unsupported(t, where, "a wildcard has no fixed D-Bus type: use a concrete type argument,"
                            + " such as List<String>");
                default:
                    String hint = HINTS.get(Display.of(t));
                    return unsupported(t, where, hint != null ? hint : "it is not a value");
            }
        }

        private TypeModel unsupported(TypeMirror t, Element where, String hint) {
            return report(Message.UNSUPPORTED_TYPE, where, null, Display.of(t), hint);
        }

        private TypeModel mismatch(Forced forced, TypeMirror t, Element where, String canBe) {
            return report(Message.TYPE_MISMATCH, where, forced.by(), forced.type(), Display.of(t), canBe);
        }

        private TypeModel scalar(String key, boolean boxed, TypeMirror t, Element where, Forced forced) {
            List<ScalarType> allowed = SCALARS.get(key);
            if (forced == null) {
                return new TypeModel.Scalar(allowed.get(0), boxed);
            }
            for (ScalarType s : allowed) {
                if (forced.type().signature().equals(String.valueOf(s.code()))) {
                    return new TypeModel.Scalar(s, boxed);
                }
            }
            return mismatch(forced, t, where, or(allowed.stream().map(s -> String.valueOf(s.code())).toList()));
        }

        private TypeModel array(ArrayType t, Element where, Forced forced) {
            TypeMirror component = t.getComponentType();
            List<ScalarType> allowed = component.getKind().isPrimitive() ? SCALARS.get(Display.of(component)) : null;
            if (allowed == null) {
                String hint = HINTS.get(Display.of(component));
                return unsupported(t, where, hint != null ? hint : "only arrays of byte, boolean, short, int, long and"
                        + " double are D-Bus arrays: use List<" + Display.of(component) + ">");
            }
            Forced element = null;
            if (forced != null) {
                if (forced.type().code() != DBusType.ARRAY) {
                    return mismatch(forced, t, where, or(allowed.stream().map(s -> "a" + s.code()).toList()));
                }
                element = new Forced(forced.type().elementType(), forced.by());
            }
            TypeModel e = map(component, where, element);
            return e == null ? null : new TypeModel.PrimitiveArray(((TypeModel.Scalar) e).kind());
        }

        private TypeModel declared(DeclaredType t, Element where, Forced forced) {
            TypeElement e = (TypeElement) t.asElement();
            String name = e.getQualifiedName().toString();
            if (BOXES.containsKey(name)) {
                return scalar(BOXES.get(name), true, t, where, forced);
            }
            if (SCALARS.containsKey(name)) {
                return scalar(name, false, t, where, forced);
            }
            List<? extends TypeMirror> args = t.getTypeArguments();
            if (name.equals("java.util.List")) {
                if (args.isEmpty()) {
                    return unsupported(t, where, "a raw List has no element type: give it one, such as List<String>");
                }
                Forced element = null;
                if (forced != null) {
                    if (forced.type().code() != DBusType.ARRAY || forced.type().isDict()) {
                        return mismatch(forced, t, where, "an array a... of its element's type");
                    }
                    element = new Forced(forced.type().elementType(), forced.by());
                }
                TypeModel el = map(args.get(0), where, element);
                return el == null ? null : new TypeModel.ListType(el);
            }
            if (name.equals("java.util.Map")) {
                if (args.isEmpty()) {
                    return unsupported(t, where, "a raw Map has no key and value types: give them, such as"
                            + " Map<String, Variant>");
                }
                Forced key = null;
                Forced value = null;
                if (forced != null) {
                    if (!forced.type().isDict()) {
                        return mismatch(forced, t, where, "a dict a{..} of its key's and value's types");
                    }
                    List<DBusType> kv = forced.type().elementType().fields();
                    key = new Forced(kv.get(0), forced.by());
                    value = new Forced(kv.get(1), forced.by());
                }
                TypeModel k = map(args.get(0), where, key);
                TypeModel v = map(args.get(1), where, value);
                if (k == null || v == null) {
                    return fail();
                }
                if (!(k instanceof TypeModel.Scalar s && s.kind().isBasic())) {
                    return report(Message.BAD_DICT_KEY, where, null, Display.of(args.get(0)), k.signature());
                }
                return new TypeModel.MapType(k, v);
            }
            if (e.getKind() == ElementKind.RECORD) {
                return struct(e, t, where, forced);
            }
            String hint = HINTS.get(name);
            if (hint == null) {
                hint = e.getKind() == ElementKind.ENUM
                        ? "an enum has no D-Bus type: pass its name as String (s) or a number such as int (i)"
                        : "declare a record for a D-Bus struct, or use Variant (v) for a value of any type";
            }
            return unsupported(t, where, hint);
        }

        private TypeModel struct(TypeElement record, TypeMirror t, Element where, Forced forced) {
            if (Mirrors.find(record, Mirrors.RESULT) != null) {
                return report(Message.RESULT_NOT_RETURNED, where, null, record.getQualifiedName(),
                        "as the type of " + where.getSimpleName());
            }
            if (!accessible(record)) {
                return report(Message.INACCESSIBLE_TYPE, where, null, record.getQualifiedName(), generatedPackage);
            }
            TypeModel.StructType s = structOf(record, where);
            if (s == null) {
                return fail();
            }
            if (forced != null && !forced.type().signature().equals(s.signature())) {
                return mismatch(forced, t, where, "its struct " + s.signature());
            }
            return s;
        }

        /** Whether code in the generated package can name {@code type} and call its constructor and accessors. */
        boolean accessible(TypeElement type) {
            for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
                Set<Modifier> m = e.getModifiers();
                if (m.contains(Modifier.PRIVATE)) {
                    return false;
                }
                if (!m.contains(Modifier.PUBLIC) && !packageOf(e).equals(generatedPackage)
                        && !(e.getEnclosingElement().getKind().isInterface())) {
                    return false;
                }
            }
            return true;
        }

        private TypeModel.StructType structOf(TypeElement record, Element where) {
            String name = record.getQualifiedName().toString();
            if (failedRecords.contains(name)) {
                return null;
            }
            TypeModel.StructType known = structs.get(name);
            if (known != null) {
                return known;
            }
            if (stack.contains(record)) {
                List<String> path = new ArrayList<>();
                stack.descendingIterator().forEachRemaining(r -> path.add(r.getSimpleName().toString()));
                path.add(record.getSimpleName().toString());
                report(Message.RECURSIVE_STRUCT, where, null, name, String.join(" -> ", path));
                return null;
            }
            if (!record.getTypeParameters().isEmpty()) {
                failedRecords.add(name);
                report(Message.GENERIC_RECORD, record, null, name);
                return null;
            }
            List<? extends RecordComponentElement> components = record.getRecordComponents();
            if (components.isEmpty()) {
                failedRecords.add(name);
                report(Message.EMPTY_STRUCT, record, null, name);
                return null;
            }
            stack.push(record);
            List<TypeModel.Field> fields = new ArrayList<>();
            boolean ok = true;
            for (RecordComponentElement c : components) {
                TypeModel ft = map(c.asType(), c);
                ok &= ft != null;
                if (ft != null) {
                    fields.add(new TypeModel.Field(c.getSimpleName().toString(), ft));
                }
            }
            stack.pop();
            if (!ok) {
                failedRecords.add(name);
                return null;
            }
            TypeModel.StructType s = new TypeModel.StructType(ClassName.get(record), fields,
                    codecName(record.getSimpleName().toString()));
            structs.put(name, s);
            return s;
        }
    }

    /** A codec name unique in the compilation, that cannot be mistaken for a list's or map's. */
    private String codecName(String simpleName) {
        String base = simpleName.startsWith("ListOf") || simpleName.startsWith("MapOf") ? "Struct" + simpleName
                : simpleName;
        String name = base;
        for (int n = 2; !codecNames.add(name); n++) {
            name = base + n;
        }
        return name;
    }

    static String packageOf(Element e) {
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return ((PackageElement) e).getQualifiedName().toString();
    }

    private static String or(List<String> options) {
        if (options.size() == 1) {
            return options.get(0);
        }
        return options.subList(0, options.size() - 1).stream().collect(Collectors.joining(", "))
                + " or " + options.get(options.size() - 1);
    }
}

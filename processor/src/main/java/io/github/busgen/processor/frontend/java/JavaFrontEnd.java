package io.github.busgen.processor.frontend.java;

import com.palantir.javapoet.ClassName;
import io.github.busgen.introspect.Annotation;
import io.github.busgen.introspect.PropertyInfo.EmitsChangedSignal;
import io.github.busgen.names.MemberName;
import io.github.busgen.processor.diag.Location;
import io.github.busgen.processor.diag.Message;
import io.github.busgen.processor.diag.Reporter;
import io.github.busgen.processor.model.ArgModel;
import io.github.busgen.processor.model.ErrorModel;
import io.github.busgen.processor.model.InterfaceModel;
import io.github.busgen.processor.model.JavaNames;
import io.github.busgen.processor.model.MethodModel;
import io.github.busgen.processor.model.PropertyModel;
import io.github.busgen.processor.model.SignalModel;
import io.github.busgen.processor.model.TypeModel;

import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an interface annotated {@code @DBusInterface} into the model: its methods, property
 * accessors, nested signal records and declared errors, with the D-Bus names and types they stand
 * for. Checks the rules that concern the Java shape (a generic method, a signal that is not a
 * record, a getter and setter that disagree, a type without a D-Bus type, ...); the rules every
 * model follows are the validator's. Reports each problem and goes on, so that one pass shows all
 * of them; returns no model when any was an error.
 */
public final class JavaFrontEnd {
    private final ProcessingEnvironment env;
    private final Elements elements;
    private final Types types;
    private final TypeMapper mapper = new TypeMapper();
    private final ErrorChecks errorChecks;

    /** A front end for one compilation: it remembers records and exception classes it has checked. */
    public JavaFrontEnd(ProcessingEnvironment env) {
        this.env = env;
        this.elements = env.getElementUtils();
        this.types = env.getTypeUtils();
        this.errorChecks = new ErrorChecks(env);
    }

    /** Checks an exception class annotated {@code @DBusError}, once per compilation. */
    public void checkError(TypeElement type, Reporter reporter) {
        errorChecks.check(type, reporter);
    }

    /** The model of {@code type}, or null when it has errors (all reported). */
    public InterfaceModel read(TypeElement type, Reporter reporter) {
        return new Reading(type, reporter).read();
    }

    /** The state of reading one interface. */
    private final class Reading {
        private final TypeElement type;
        private final Reporter.Counting reporter;
        private final TypeMapper.Session typesOf;
        private boolean failed;

        Reading(TypeElement type, Reporter reporter) {
            this.type = type;
            this.reporter = Reporter.counting(reporter);
            this.typesOf = mapper.session(TypeMapper.packageOf(type), this.reporter);
        }

        private void report(Message message, Location where, Object... args) {
            reporter.report(message, where, args);
        }

        InterfaceModel read() {
            AnnotationMirror annotation = Mirrors.find(type, Mirrors.INTERFACE);
            if (!type.getKind().isInterface() || type.getKind() == ElementKind.ANNOTATION_TYPE) {
                report(Message.NOT_AN_INTERFACE, JavaLocation.of(type, annotation, null), type.getQualifiedName());
                return null;
            }
            if (!type.getTypeParameters().isEmpty()) {
                report(Message.GENERIC_INTERFACE, JavaLocation.of(type), type.getQualifiedName());
            }
            if (!reachable(type)) {
                report(Message.INACCESSIBLE_INTERFACE, JavaLocation.of(type), type.getQualifiedName(),
                        TypeMapper.packageOf(type));
            }
            inherited();
            String name = Mirrors.string(annotation, "value", "");
            if (name.isEmpty()) {
                name = type.getQualifiedName().toString();
            }
            List<MethodModel> methods = new ArrayList<>();
            Map<String, Accessors> properties = new LinkedHashMap<>();
            for (ExecutableElement m : ElementFilter.methodsIn(type.getEnclosedElements())) {
                AnnotationMirror property = Mirrors.find(m, Mirrors.PROPERTY);
                if (!m.getModifiers().contains(Modifier.ABSTRACT)) {
                    AnnotationMirror misplaced = property != null ? property : Mirrors.find(m, Mirrors.METHOD);
                    if (misplaced != null) {
                        report(Message.NOT_ABSTRACT, JavaLocation.of(m, misplaced, null),
                                "@" + ((TypeElement) misplaced.getAnnotationType().asElement()).getSimpleName(),
                                m.getSimpleName() + "()");
                    }
                    continue;
                }
                if (!m.getTypeParameters().isEmpty()) {
                    report(Message.GENERIC_METHOD, JavaLocation.of(m), m.getSimpleName() + "()");
                    continue;
                }
                if (property != null) {
                    accessor(m, property, properties);
                } else {
                    MethodModel method = method(m);
                    if (method != null) {
                        methods.add(method);
                    }
                }
            }
            List<PropertyModel> props = new ArrayList<>();
            for (Accessors a : properties.values()) {
                PropertyModel p = a.model();
                if (p != null) {
                    props.add(p);
                }
            }
            List<SignalModel> signals = new ArrayList<>();
            for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
                AnnotationMirror signal = Mirrors.find(nested, Mirrors.SIGNAL);
                if (signal != null) {
                    SignalModel s = signal(nested, signal);
                    if (s != null) {
                        signals.add(s);
                    }
                }
            }
            if (failed || typesOf.failed() || reporter.hasErrors()) {
                return null;
            }
            String emits = Mirrors.enumConstant(annotation, "emitsChangedSignal");
            return new InterfaceModel(name, JavaLocation.of(type, annotation, "value"), ClassName.get(type),
                    type.getQualifiedName().toString(), methods, signals, props, allErrors(methods),
                    emits == null ? null : EmitsChangedSignal.valueOf(emits), elements.isDeprecated(type),
                    Mirrors.dbusAnnotations(type));
        }

        /** Whether generated classes in the interface's package can implement it. */
        private boolean reachable(TypeElement t) {
            for (Element e = t; e instanceof TypeElement; e = e.getEnclosingElement()) {
                if (e.getModifiers().contains(Modifier.PRIVATE) || ((TypeElement) e).getNestingKind() == NestingKind.LOCAL) {
                    return false;
                }
            }
            return true;
        }

        private void inherited() {
            for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers(type))) {
                Element owner = m.getEnclosingElement();
                if (!owner.equals(type) && m.getModifiers().contains(Modifier.ABSTRACT)
                        && owner.getKind().isInterface()) {
                    report(Message.INHERITED_METHOD, JavaLocation.of(type), type.getSimpleName(),
                            m.getSimpleName() + "()", ((TypeElement) owner).getQualifiedName(), type.getSimpleName());
                }
            }
        }

        // ------------------------------------------------------------ methods

        private MethodModel method(ExecutableElement m) {
            AnnotationMirror a = Mirrors.find(m, Mirrors.METHOD);
            String javaName = m.getSimpleName().toString();
            String name = Mirrors.string(a, "name", "");
            Location at = name.isEmpty() ? JavaLocation.of(m) : JavaLocation.of(m, a, "name");
            if (name.isEmpty()) {
                name = JavaNames.upperFirst(javaName);
            }
            boolean noReply = Mirrors.bool(a, "noReply");
            String outName = Mirrors.string(a, "out", "");
            List<ArgModel> in = parameters(m.getParameters());

            TypeMirror value = m.getReturnType();
            boolean async = isNamed(value, "java.util.concurrent.CompletableFuture");
            if (async) {
                List<? extends TypeMirror> args = ((DeclaredType) value).getTypeArguments();
                if (args.isEmpty()) {
                    report(Message.UNSUPPORTED_TYPE, JavaLocation.of(m), "CompletableFuture",
                            "give its type argument: CompletableFuture<Void> when there is no reply value");
                    return null;
                }
                value = args.get(0);
            }
            List<ArgModel> out = new ArrayList<>();
            ClassName resultType = null;
            TypeElement result = Mirrors.element(value);
            if (value.getKind() == TypeKind.VOID || isNamed(value, "java.lang.Void")) {
                // no out-arguments
            } else if (result != null && Mirrors.find(result, Mirrors.RESULT) != null) {
                if (!outName.isEmpty()) {
                    report(Message.OUT_NAME_WITH_RESULT, JavaLocation.of(m, a, "out"), javaName + "()",
                            result.getSimpleName());
                }
                if (result.getKind() != ElementKind.RECORD) {
                    report(Message.UNSUPPORTED_TYPE, JavaLocation.of(m), result.getSimpleName(),
                            "@DBusResult belongs on a record whose components are the out-arguments");
                    return null;
                }
                if (!typesOf.accessible(result)) {
                    report(Message.INACCESSIBLE_TYPE, JavaLocation.of(m), result.getQualifiedName(),
                            TypeMapper.packageOf(type));
                    return null;
                }
                if (result.getRecordComponents().isEmpty()) {
                    report(Message.EMPTY_STRUCT, JavaLocation.of(result), result.getQualifiedName());
                    return null;
                }
                resultType = ClassName.get(result);
                out = components(result);
                if (out == null) {
                    return null;
                }
            } else {
                TypeModel t = typesOf.map(value, m);
                if (t != null) {
                    out.add(new ArgModel(outName.isEmpty() ? null : outName, "value", "value", t, false, List.of()));
                }
            }
            if (noReply && (async || !out.isEmpty())) {
                report(Message.NO_REPLY_WITH_RESULT, JavaLocation.of(m, a, "noReply"), javaName + "()",
                        Display.of(m.getReturnType()));
            }
            List<ErrorModel> errors = errors(m);
            if (in == null || errors == null) {
                return null;
            }
            return new MethodModel(name, at, javaName, in, out, resultType, async, noReply, elements.isDeprecated(m),
                    m.isVarArgs(), errors, Mirrors.dbusAnnotations(m));
        }

        /** The in-arguments carried by a method's parameters. */
        private List<ArgModel> parameters(List<? extends VariableElement> params) {
            return args(params, p -> p);
        }

        /** The arguments carried by a record's components (a signal, or a method's result). */
        private List<ArgModel> components(TypeElement record) {
            return args(record.getRecordComponents(), RecordComponentElement::getAccessor);
        }

        /**
         * The arguments declared by {@code elements} (parameters or record components), named by
         * {@code @DBusArg} or their Java names; {@code deprecation} gives the element that carries
         * {@code @Deprecated} (a component's accessor, since the annotation does not apply to components).
         */
        private <E extends Element> List<ArgModel> args(List<? extends E> elements,
                                                        java.util.function.Function<E, Element> deprecation) {
            List<String> safe = JavaNames.parameters(elements.stream().map(e -> e.getSimpleName().toString()).toList());
            List<ArgModel> out = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < elements.size(); i++) {
                E e = elements.get(i);
                TypeModel t = typesOf.map(e.asType(), e);
                ok &= t != null;
                String javaName = e.getSimpleName().toString();
                if (t != null) {
                    out.add(new ArgModel(Mirrors.string(Mirrors.find(e, Mirrors.ARG), "value", javaName), javaName,
                            safe.get(i), t, deprecated(deprecation.apply(e)), Mirrors.dbusAnnotations(e)));
                }
            }
            return ok ? out : null;
        }

        private List<ErrorModel> errors(ExecutableElement m) {
            List<TypeElement> declared = new ArrayList<>();
            TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
            TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
            boolean ok = true;
            for (TypeMirror thrown : m.getThrownTypes()) {
                TypeElement e = Mirrors.element(thrown);
                if (e == null) {
                    continue;
                }
                AnnotationMirror a = Mirrors.find(e, Mirrors.ERROR);
                if (a == null) {
                    if (!types.isAssignable(thrown, runtime) && !types.isAssignable(thrown, error)) {
                        report(Message.UNMAPPED_EXCEPTION, JavaLocation.of(m), e.getQualifiedName(),
                                "org.freedesktop.DBus.Error.Failed");
                    }
                    continue;
                }
                if (!errorChecks.check(e, reporter)) {
                    ok = false;
                    continue;
                }
                if (!typesOf.accessible(e)) {
                    report(Message.INACCESSIBLE_TYPE, JavaLocation.of(m), e.getQualifiedName(),
                            TypeMapper.packageOf(type));
                    ok = false;
                    continue;
                }
                declared.add(e);
            }
            if (!ok) {
                failed = true;
                return null;
            }
            return subclassesFirst(declared).stream().map(this::error).toList();
        }

        private ErrorModel error(TypeElement e) {
            AnnotationMirror a = Mirrors.find(e, Mirrors.ERROR);
            return new ErrorModel(Mirrors.string(a, "value", ""), ClassName.get(e), JavaLocation.of(e, a, "value"));
        }

        /** Orders exception classes so that a subclass comes before its superclasses (deeper first, then by name). */
        private List<TypeElement> subclassesFirst(List<TypeElement> classes) {
            return classes.stream().distinct()
                    .sorted(Comparator.comparingInt(this::depth).reversed()
                            .thenComparing(e -> e.getQualifiedName().toString()))
                    .toList();
        }

        private int depth(TypeElement e) {
            int d = 0;
            for (TypeMirror s = e.getSuperclass(); s.getKind() == TypeKind.DECLARED;
                 s = ((TypeElement) types.asElement(s)).getSuperclass()) {
                d++;
            }
            return d;
        }

        private List<ErrorModel> allErrors(List<MethodModel> methods) {
            List<TypeElement> all = new ArrayList<>();
            for (MethodModel m : methods) {
                for (ErrorModel e : m.errors()) {
                    all.add(elements.getTypeElement(e.javaType().canonicalName()));
                }
            }
            return subclassesFirst(all).stream().map(this::error).toList();
        }

        // ------------------------------------------------------------ properties

        /** The accessors found so far for one D-Bus property. */
        private final class Accessors {
            ExecutableElement getter;
            ExecutableElement setter;
            AnnotationMirror getterAnnotation;
            AnnotationMirror setterAnnotation;
            TypeModel getterType;
            TypeModel setterType;
            String name;
            String javaName;
            Location location;

            PropertyModel model() {
                if (getter != null && setter != null && getterType != null && setterType != null
                        && !(getterType.signature().equals(setterType.signature())
                        && getterType.javaType().equals(setterType.javaType()))) {
                    report(Message.PROPERTY_TYPE_MISMATCH, JavaLocation.of(setter), name,
                            Display.of(getter.getReturnType()), getterType.signature(),
                            Display.of(setter.getParameters().get(0).asType()), setterType.signature());
                    return null;
                }
                String getterEmits = Mirrors.enumConstant(getterAnnotation, "emitsChangedSignal");
                String setterEmits = Mirrors.enumConstant(setterAnnotation, "emitsChangedSignal");
                if (getterEmits != null && setterEmits != null && !getterEmits.equals(setterEmits)) {
                    report(Message.PROPERTY_EMITS_MISMATCH, JavaLocation.of(setter, setterAnnotation,
                            "emitsChangedSignal"), name, getterEmits, setterEmits);
                    return null;
                }
                TypeModel t = getterType != null ? getterType : setterType;
                if (t == null) {
                    return null;
                }
                String emits = getterEmits != null ? getterEmits : setterEmits;
                List<Annotation> annotations = new ArrayList<>();
                String setterParam = null;
                boolean deprecated = false;
                if (getter != null) {
                    annotations.addAll(Mirrors.dbusAnnotations(getter));
                    deprecated = elements.isDeprecated(getter);
                }
                if (setter != null) {
                    annotations.addAll(Mirrors.dbusAnnotations(setter));
                    deprecated |= elements.isDeprecated(setter);
                    setterParam = JavaNames.parameters(List.of(setter.getParameters().get(0).getSimpleName()
                            .toString())).get(0);
                }
                return new PropertyModel(name, location, t, getter == null ? null : getter.getSimpleName().toString(),
                        setter == null ? null : setter.getSimpleName().toString(), setterParam, javaName,
                        emits == null ? null : EmitsChangedSignal.valueOf(emits), deprecated, annotations);
            }
        }

        private void accessor(ExecutableElement m, AnnotationMirror a, Map<String, Accessors> properties) {
            String javaName = m.getSimpleName().toString();
            boolean returns = m.getReturnType().getKind() != TypeKind.VOID;
            int params = m.getParameters().size();
            boolean getter = returns && params == 0;
            if (!getter && !(params == 1 && !returns)) {
                report(Message.BAD_PROPERTY_ACCESSOR, JavaLocation.of(m), javaName + "()",
                        "is neither a getter nor a setter");
                return;
            }
            if (getter && isNamed(m.getReturnType(), "java.util.concurrent.CompletableFuture")) {
                report(Message.BAD_PROPERTY_ACCESSOR, JavaLocation.of(m), javaName + "()",
                        "returns a CompletableFuture, but property accessors are synchronous (the proxy adds"
                                + " asynchronous forms)");
                return;
            }
            String stripped = null;
            if (getter && javaName.startsWith("get") && javaName.length() > 3 && Character.isUpperCase(javaName.charAt(3))) {
                stripped = javaName.substring(3);
            } else if (getter && javaName.startsWith("is") && javaName.length() > 2
                    && Character.isUpperCase(javaName.charAt(2))) {
                TypeKind k = m.getReturnType().getKind();
                if (k != TypeKind.BOOLEAN && !isNamed(m.getReturnType(), "java.lang.Boolean")) {
                    report(Message.BAD_PROPERTY_ACCESSOR, JavaLocation.of(m), javaName + "()",
                            "is named like a boolean getter but returns " + Display.of(m.getReturnType()));
                    return;
                }
                stripped = javaName.substring(2);
            } else if (!getter && javaName.startsWith("set") && javaName.length() > 3
                    && Character.isUpperCase(javaName.charAt(3))) {
                stripped = javaName.substring(3);
            }
            String explicit = Mirrors.string(a, "name", "");
            if (stripped == null && explicit.isEmpty()) {
                report(Message.PROPERTY_NAME_MISSING, JavaLocation.of(m), javaName + "()");
                return;
            }
            String name = explicit.isEmpty() ? stripped : explicit;
            Accessors acc = properties.computeIfAbsent(name, n -> new Accessors());
            ExecutableElement previous = getter ? acc.getter : acc.setter;
            if (previous != null) {
                report(Message.DUPLICATE_PROPERTY, JavaLocation.of(m), getter ? "getter" : "setter", name,
                        previous.getSimpleName() + "()");
                failed = true;
                return;
            }
            if (acc.name == null) {
                acc.name = name;
                // a D-Bus name such as disable-printing is no Java name: DisablePrinting is
                acc.javaName = stripped != null ? stripped
                        : MemberName.isValid(name) ? JavaNames.upperFirst(name) : JavaNames.propertyBase(name);
                acc.location = explicit.isEmpty() ? JavaLocation.of(m) : JavaLocation.of(m, a, "name");
            }
            TypeMirror t = getter ? m.getReturnType() : m.getParameters().get(0).asType();
            TypeModel model = typesOf.map(t, getter ? m : m.getParameters().get(0));
            if (getter) {
                acc.getter = m;
                acc.getterAnnotation = a;
                acc.getterType = model;
            } else {
                acc.setter = m;
                acc.setterAnnotation = a;
                acc.setterType = model;
            }
        }

        // ------------------------------------------------------------ signals

        private SignalModel signal(TypeElement record, AnnotationMirror a) {
            if (record.getKind() != ElementKind.RECORD) {
                report(Message.SIGNAL_NOT_RECORD, JavaLocation.of(record, a, null), record.getQualifiedName());
                return null;
            }
            if (!record.getTypeParameters().isEmpty()) {
                report(Message.GENERIC_RECORD, JavaLocation.of(record), record.getQualifiedName());
                return null;
            }
            String name = Mirrors.string(a, "name", "");
            Location at = name.isEmpty() ? JavaLocation.of(record) : JavaLocation.of(record, a, "name");
            List<ArgModel> args = components(record);
            if (args == null) {
                return null;
            }
            return new SignalModel(name.isEmpty() ? record.getSimpleName().toString() : name, at,
                    ClassName.get(record), args, elements.isDeprecated(record), Mirrors.dbusAnnotations(record));
        }

        /** Whether {@code e} is deprecated; javac does not mark parameters, so their annotation counts too. */
        private boolean deprecated(Element e) {
            return elements.isDeprecated(e) || Mirrors.find(e, "java.lang.Deprecated") != null;
        }

        private boolean isNamed(TypeMirror t, String qualifiedName) {
            TypeElement e = Mirrors.element(t);
            return e != null && e.getQualifiedName().contentEquals(qualifiedName);
        }
    }
}

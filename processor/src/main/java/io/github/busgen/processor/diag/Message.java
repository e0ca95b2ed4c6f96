package io.github.busgen.processor.diag;

import java.util.Locale;

/**
 * Every diagnostic the processor can give. Each has a stable tag in square brackets, which tests,
 * documentation and search engines rely on: change a text freely, never a tag. Each text says what
 * is wrong and how to fix it.
 */
public enum Message {
    // ------------------------------------------------------------------ interfaces
    /** Args: the annotated element. */
    NOT_AN_INTERFACE("NotAnInterface", Severity.ERROR,
            "@DBusInterface is on %s, which is not an interface: declare the D-Bus interface as a Java interface"),
    /** Args: the interface. */
    GENERIC_INTERFACE("GenericInterface", Severity.ERROR,
            "%s has type parameters, but a D-Bus interface has fixed types: remove the type parameters"),
    /** Args: the interface, the package of the generated code. */
    INACCESSIBLE_INTERFACE("InaccessibleInterface", Severity.ERROR,
            "%s is private or nested in a private type, so the classes generated in package %s cannot implement it:"
                    + " make it public or package-private"),
    /** Args: the interface, the inherited method, its declaring type. */
    INHERITED_METHOD("InheritedMethod", Severity.ERROR,
            "%s inherits the abstract method %s from %s, but D-Bus interfaces do not inherit: declare the method in"
                    + " the @DBusInterface itself, give it a default implementation, or export the other interface"
                    + " separately"),
    /** Args: the first Java interface, the second, the D-Bus name. */
    DUPLICATE_INTERFACE("DuplicateInterface", Severity.ERROR,
            "%s and %s are both the D-Bus interface %s, but each interface has one introspection file: give one of"
                    + " them another name in @DBusInterface(\"...\")"),
    /** Args: the reason from the name's validator. */
    BAD_INTERFACE_NAME("BadInterfaceName", Severity.ERROR,
            "%s: give a name such as com.example.Music.Player in @DBusInterface(\"...\")"),

    // ------------------------------------------------------------------ members
    /** Args: the reason from the name's validator, the annotation attribute that sets the name. */
    BAD_MEMBER_NAME("BadMemberName", Severity.ERROR,
            "%s: give a name such as DoSomething with %s"),
    /** Args: the reason from the name's validator, the annotation attribute that sets the name. */
    BAD_PROPERTY_NAME("BadPropertyName", Severity.ERROR,
            "%s: give a name such as Volume or disable-printing with %s"),
    /** Args: the first Java method, the second, the D-Bus name. */
    DUPLICATE_METHOD("DuplicateMethod", Severity.ERROR,
            "%s and %s are both the D-Bus method %s, but D-Bus has no overloading: give one of them another name"
                    + " with @DBusMethod(name = \"...\")"),
    /** Args: the first record, the second, the D-Bus name. */
    DUPLICATE_SIGNAL("DuplicateSignal", Severity.ERROR,
            "%s and %s are both the D-Bus signal %s: give one of them another name with @DBusSignal(name = \"...\")"),
    /** Args: the kind of accessor (getter/setter), the D-Bus property name, the other accessor. */
    DUPLICATE_PROPERTY("DuplicateProperty", Severity.ERROR,
            "a second %s of property %s (the first is %s): remove one, or give it another name with"
                    + " @DBusProperty(name = \"...\")"),
    /** Args: the method. */
    GENERIC_METHOD("GenericMethod", Severity.ERROR,
            "%s has type parameters, but a D-Bus method has fixed types: remove the type parameters"),
    /** Args: the annotation, the method. */
    NOT_ABSTRACT("NotAbstract", Severity.ERROR,
            "%s is on %s, which is a default, static or private method and so not part of the D-Bus interface:"
                    + " make it abstract or remove the annotation"),
    /** Args: the method, the return type. */
    NO_REPLY_WITH_RESULT("NoReplyWithResult", Severity.ERROR,
            "@DBusMethod(noReply = true) is on %s, which returns %s, but a call without a reply has no"
                    + " out-arguments: return void, or remove noReply"),
    /** Args: the method, the result record. */
    OUT_NAME_WITH_RESULT("OutNameWithResult", Severity.ERROR,
            "@DBusMethod(out = ...) is on %s, which returns the @DBusResult record %s whose components name the"
                    + " out-arguments: remove out, or name the components with @DBusArg"),
    /** Args: the result record, where it is used. */
    RESULT_NOT_RETURNED("ResultNotReturned", Severity.ERROR,
            "the @DBusResult record %s is used %s, but a result record stands for the several out-arguments of a"
                    + " method and can only be returned: remove @DBusResult to use it as a struct"),
    /** Args: the exception, the error name. */
    UNMAPPED_EXCEPTION("UnmappedException", Severity.WARNING,
            "%s has no @DBusError, so callers receive it as the error %s: annotate it with"
                    + " @DBusError(\"com.example.Error.Name\")"),

    // ------------------------------------------------------------------ signals
    /** Args: the annotated type. */
    SIGNAL_NOT_RECORD("SignalNotRecord", Severity.ERROR,
            "@DBusSignal is on %s, which is not a record: declare the signal as a record whose components are its"
                    + " arguments"),
    /** Args: the record. */
    SIGNAL_NOT_NESTED("SignalNotNested", Severity.ERROR,
            "@DBusSignal record %s is not nested in a @DBusInterface: declare it inside the interface that emits it"),

    // ------------------------------------------------------------------ properties
    /** Args: the method, what is wrong. */
    BAD_PROPERTY_ACCESSOR("BadPropertyAccessor", Severity.ERROR,
            "%s %s: a getter takes no parameters and returns the value (T getX(), boolean isX()), a setter takes the"
                    + " value and returns void (void setX(T value))"),
    /** Args: the method. */
    PROPERTY_NAME_MISSING("PropertyNameMissing", Severity.ERROR,
            "cannot tell the property's name from %s: name the accessor getX, isX or setX, or give"
                    + " @DBusProperty(name = \"X\")"),
    /** Args: the property, the getter's type and signature, the setter's type and signature. */
    PROPERTY_TYPE_MISMATCH("PropertyTypeMismatch", Severity.ERROR,
            "the getter of property %s returns %s (%s) but the setter takes %s (%s): give both the same type"),
    /** Args: the property, the getter's value, the setter's value. */
    PROPERTY_EMITS_MISMATCH("PropertyEmitsMismatch", Severity.ERROR,
            "the getter of property %s says emitsChangedSignal = %s but the setter says %s: give it on one of them,"
                    + " or the same on both"),

    // ------------------------------------------------------------------ types
    /** Args: the Java type, a hint for what to use instead. */
    UNSUPPORTED_TYPE("UnsupportedType", Severity.ERROR, "%s has no D-Bus type: %s"),
    /** Args: the annotation value, the reason from the signature's validator. */
    BAD_SIGNATURE("BadSignature", Severity.ERROR,
            "@DBusType(\"%s\") is not one single complete D-Bus type: %s"),
    /** Args: the D-Bus type, the Java type, the D-Bus types the Java type can be. */
    TYPE_MISMATCH("TypeMismatch", Severity.ERROR,
            "the D-Bus type %s does not fit %s, which can be %s: change the @DBusType or the Java type"),
    /** Args: the key's Java type, its D-Bus type. */
    BAD_DICT_KEY("BadDictKey", Severity.ERROR,
            "%s (%s) cannot be the key of a D-Bus dict: keys are basic types (y b n q i u x t d s o g h), so use"
                    + " a number, String, ObjectPath or Signature"),
    /** Args: the record, the path through which it contains itself. */
    RECURSIVE_STRUCT("RecursiveStruct", Severity.ERROR,
            "record %s contains itself (%s), but D-Bus types are finite: break the cycle, for example with a Variant"),
    /** Args: the record. */
    EMPTY_STRUCT("EmptyStruct", Severity.ERROR,
            "record %s has no components, but a D-Bus struct has at least one field: add a component"),
    /** Args: the record. */
    GENERIC_RECORD("GenericRecord", Severity.ERROR,
            "record %s has type parameters, but a D-Bus struct has fixed types: remove the type parameters"),
    /** Args: the type, the package of the generated code. */
    INACCESSIBLE_TYPE("InaccessibleType", Severity.ERROR,
            "%s is not accessible from package %s, where the generated code lives: make it public"),
    /** Args: the element, the missing type. */
    UNRESOLVED_TYPE("UnresolvedType", Severity.ERROR,
            "%s refers to %s, which does not exist after all rounds of annotation processing: declare it, or fix"
                    + " the processor that should generate it"),
    /** Args: what, the member, the signature, the rule it breaks. */
    SIGNATURE_LIMIT("SignatureLimit", Severity.ERROR,
            "the %s of %s have the signature \"%s\", which %s: use fewer or smaller arguments, for example a struct"
                    + " or a{sv}"),

    // ------------------------------------------------------------------ errors
    /** Args: the exception. */
    ERROR_NOT_THROWABLE("ErrorNotThrowable", Severity.ERROR,
            "@DBusError is on %s, which is not a Throwable: put it on an exception class"),
    /** Args: the exception, its simple name. */
    ERROR_CONSTRUCTOR("ErrorConstructor", Severity.ERROR,
            "%s has no accessible constructor taking the error message: add public %s(String message)"),
    /** Args: the reason from the name's validator. */
    BAD_ERROR_NAME("BadErrorName", Severity.ERROR,
            "%s: give a name such as com.example.Music.Error.NotFound in @DBusError(\"...\")"),
    /** Args: the first exception, the second, the error name. */
    DUPLICATE_ERROR("DuplicateError", Severity.ERROR,
            "%s and %s both have the D-Bus error name %s, so a proxy cannot tell which to throw: give them different"
                    + " names"),

    // ------------------------------------------------------------------ introspection XML (frontend.xml)
    /** Args: the parser's words. */
    XML_MALFORMED("XmlMalformed", Severity.ERROR,
            "%s: this file is not a well-formed introspection document (a <node> root holding <interface>"
                    + " elements); fix the XML at this place"),
    /** Args: the element, where it was met. */
    XML_UNKNOWN_ELEMENT("XmlUnknownElement", Severity.WARNING,
            "<%s> is not part of the introspection format here, so busgen skips it: remove it, or ignore this"
                    + " warning"),
    /** Args: the child node's name. */
    XML_CHILD_NODE("XmlChildNode", Severity.WARNING,
            "the child <node name=\"%s\"> is skipped: busgen generates code for the interfaces of the top <node>"
                    + " only; give each interface a file of its own"),
    /** Args: the element, the attribute. */
    XML_MISSING_NAME("XmlMissingName", Severity.ERROR,
            "<%s> has no %s attribute: add the D-Bus name, such as name=\"DoSomething\""),
    /** Args: the kind of name, the name, the reason from the name's validator. */
    XML_BAD_NAME("XmlBadName", Severity.ERROR,
            "the %s name \"%s\" is not valid: %s; fix the name attribute"),
    /** Args: the element. */
    XML_MISSING_TYPE("XmlMissingType", Severity.ERROR,
            "%s has no type attribute: add the D-Bus signature of its value, such as type=\"s\" or type=\"a{sv}\""),
    /** Args: the signature, the element, the reason from the signature's validator. */
    XML_BAD_SIGNATURE("XmlBadSignature", Severity.ERROR,
            "type=\"%s\" of %s is not one single complete D-Bus type: %s; fix the type attribute"),
    /** Args: the argument, the signal. */
    XML_SIGNAL_ARG_DIRECTION("XmlSignalArgDirection", Severity.ERROR,
            "%s of signal %s has direction=\"in\", but signal arguments are always sent by the emitter: remove the"
                    + " direction attribute"),
    /** Args: the value, the argument. */
    XML_BAD_DIRECTION("XmlBadDirection", Severity.ERROR,
            "direction=\"%s\" of %s is neither \"in\" nor \"out\": use one of them (a method argument is \"in\""
                    + " when the attribute is missing)"),
    /** Args: the value (or "(missing)"), the property. */
    XML_BAD_ACCESS("XmlBadAccess", Severity.ERROR,
            "access=\"%s\" of property %s is not one of \"read\", \"write\" and \"readwrite\": use one of them"),
    /** Args: the kind of member, the name, the line of the first one. */
    XML_DUPLICATE_MEMBER("XmlDuplicateMember", Severity.ERROR,
            "a second %s named %s (the first is on line %d), but D-Bus has no overloading: remove one or rename it"),
    /** Args: the interface, where it was first declared. */
    XML_DUPLICATE_INTERFACE("XmlDuplicateInterface", Severity.ERROR,
            "interface %s is declared again (first in %s): busgen generates each interface once; remove one of the"
                    + " declarations"),
    /** Args: the annotation, its value, the values it may have. */
    XML_BAD_ANNOTATION_VALUE("XmlBadAnnotationValue", Severity.WARNING,
            "annotation %s has the value \"%s\", which busgen ignores: use one of %s"),
    /** Args: the annotation. */
    XML_UNKNOWN_ANNOTATION("XmlUnknownAnnotation", Severity.WARNING,
            "annotation %s has no meaning for busgen: it is copied into the generated interface's introspection"
                    + " data with @DBusAnnotation"),
    /** Args: what is named, the name it would get, what already has that name, the name it gets, the overlay key. */
    XML_NAME_COLLISION("XmlNameCollision", Severity.WARNING,
            "%s would be named %s, which is taken by %s, so it is named %s: to choose the name yourself, set %s in"
                    + " the overlay"),
    /** Args: the interface. */
    XML_NO_PACKAGE("XmlNoPackage", Severity.ERROR,
            "no Java package for interface %s: set the plugin parameter packageName (or @DBusXml on a package), or"
                    + " give the interface a qualified class name in the overlay (<interface>.class = com.example.Name)"),
    /** Args: the key. */
    XML_OVERLAY_UNUSED("XmlOverlayUnused", Severity.WARNING,
            "the overlay key %s names nothing in the introspection files: check the interface, member and argument"
                    + " names (arguments are named by their name attribute, or argN by position)"),
    /** Args: what is wrong. */
    XML_OVERLAY_BAD("XmlOverlayBad", Severity.ERROR,
            "%s: overlay lines are \"key = value\"; see the overlay format in the documentation of"
                    + " io.github.busgen.processor.frontend.xml.Overlay"),
    /** Args: the file, where it was looked for. */
    XML_NOT_FOUND("XmlNotFound", Severity.ERROR,
            "the introspection file %s was not found (looked in %s): check the name in @DBusXml, or put the file"
                    + " in src/main/resources"),

    // ------------------------------------------------------------------ generated code
    /** Args: the generated class, the generated member, what it is for, what it clashes with. */
    JAVA_NAME_CLASH("JavaNameClash", Severity.ERROR,
            "%s would get %s for %s, which clashes with %s: rename one of the Java methods");

    private final String tag;
    private final Severity severity;
    private final String text;

    Message(String tag, Severity severity, String text) {
        this.tag = tag;
        this.severity = severity;
        this.text = text;
    }

    /** The stable tag, without brackets, such as {@code BadSignature}. */
    public String tag() {
        return tag;
    }

    /** Whether it is an error or a warning. */
    public Severity severity() {
        return severity;
    }

    /** The text with {@code args} filled in, starting with the tag in brackets. */
    public String format(Object... args) {
        return "[" + tag + "] " + String.format(Locale.ROOT, text, args);
    }
}

package io.github.busgen.names;

/**
 * A rule of the D-Bus specification that a name, object path or signature must follow; an
 * {@link InvalidNameException} names the one that failed.
 *
 * <p>The texts paraphrase the specification's sections "Valid Names", "Valid Object Paths" and
 * "Valid Signatures" so that a message tells the reader which rule to look up.
 */
public enum NameRule {
    /** Names and paths are never empty. */
    EMPTY("must not be empty"),
    /** Bus, interface, error and member names are at most 255 bytes. */
    TOO_LONG("must not exceed the maximum name length of 255"),
    /** Interface and error names have two or more elements. */
    TWO_ELEMENTS("must have 2 or more elements separated by '.'"),
    /** Bus names contain at least one period (unique names included). */
    BUS_NAME_NEEDS_PERIOD("must contain at least one '.' (a bus name has at least two elements)"),
    /** No element between periods is empty. */
    EMPTY_ELEMENT("must not have an empty element (no leading, trailing or doubled '.')"),
    /** Interface, error and member names: {@code [A-Za-z0-9_]} only. */
    INVALID_CHARACTER("may only contain the ASCII characters [A-Z][a-z][0-9]_"),
    /** Bus names additionally allow '-'. */
    INVALID_BUS_NAME_CHARACTER("may only contain the ASCII characters [A-Z][a-z][0-9]_-"),
    /** Elements of interface, error and well-known bus names and member names start with a non-digit. */
    LEADING_DIGIT("must not have an element that begins with a digit"),
    /** Property names are printable ASCII without spaces (busgen's rule; see {@link PropertyName}). */
    PROPERTY_CHARACTER("may only contain printable ASCII characters other than space ('!' to '~')"),
    /** Member names contain no period. */
    MEMBER_HAS_PERIOD("must not contain '.' (a member name is a single element)"),
    /** Object paths start with '/'. */
    PATH_START("must begin with '/'"),
    /** Object path elements are {@code [A-Za-z0-9_]+}. */
    PATH_CHARACTER("may only contain the ASCII characters [A-Z][a-z][0-9]_ between '/' separators"),
    /** Object paths have no empty element. */
    PATH_EMPTY_ELEMENT("must not contain '//'"),
    /** Only the root path ends with '/'. */
    PATH_TRAILING_SLASH("must not end with '/' unless it is the root path '/'"),

    /** Signatures are at most 255 bytes. */
    SIGNATURE_TOO_LONG("must not be longer than 255 bytes"),
    /** Only type codes, parentheses and braces appear in a signature. */
    SIGNATURE_UNKNOWN_TYPE_CODE("may only contain the type codes y b n q i u x t d s o g h a v ( ) { }"),
    /** An 'a' is followed by a single complete type. */
    SIGNATURE_MISSING_ARRAY_ELEMENT("must follow every 'a' with an element type"),
    /** Arrays nest at most 32 deep. */
    SIGNATURE_ARRAY_DEPTH("must not nest arrays more than 32 deep"),
    /** Structs nest at most 32 deep (dict entries are bounded by the array limit instead). */
    SIGNATURE_STRUCT_DEPTH("must not nest structs more than 32 deep"),
    /** A ')' closes a '(' opened before it. */
    SIGNATURE_STRUCT_NOT_STARTED("must not close a struct that was not opened"),
    /** Every '(' is closed. */
    SIGNATURE_STRUCT_NOT_ENDED("must close every struct it opens"),
    /** Structs have at least one field. */
    SIGNATURE_EMPTY_STRUCT("must not contain an empty struct '()'"),
    /** Dict entries appear only as the element type of an array. */
    SIGNATURE_DICT_OUTSIDE_ARRAY("must use dict entries '{..}' only as array elements"),
    /** Dict entries have exactly two fields. */
    SIGNATURE_DICT_FIELDS("must give every dict entry exactly two types, a key and a value"),
    /** Dict entry keys are basic types. */
    SIGNATURE_DICT_KEY_NOT_BASIC("must use a basic type (not a container or variant) as dict entry key"),
    /** A '}' closes a '{' opened before it. */
    SIGNATURE_DICT_NOT_STARTED("must not close a dict entry that was not opened"),
    /** Every '{' is closed. */
    SIGNATURE_DICT_NOT_ENDED("must close every dict entry it opens"),
    /** Where one single complete type is required (a variant), exactly one is given. */
    SIGNATURE_NOT_SINGLE_TYPE("must be exactly one single complete type here");

    private final String text;

    NameRule(String text) {
        this.text = text;
    }

    /** The rule as a sentence predicate, for example "must not be empty". */
    public String text() {
        return text;
    }
}

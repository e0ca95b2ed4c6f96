package io.github.busgen.processor.model;

import java.util.Map;

/**
 * The documentation of an interface and its members, as plain text (paragraphs separated by empty
 * lines), for the Java interface generated from introspection XML. Kept beside the
 * {@link InterfaceModel} rather than in it: only the XML front end has documentation to carry,
 * and no other emitter prints it.
 *
 * @param ofInterface the interface's text, or null
 * @param ofMembers   texts by {@link #key key}
 */
public record Docs(String ofInterface, Map<String, String> ofMembers) {
    /** No documentation. */
    public static final Docs NONE = new Docs(null, Map.of());

    public Docs {
        ofMembers = Map.copyOf(ofMembers);
    }

    /** The key of a member: {@code method Foo}, {@code signal Foo}, {@code property Foo}. */
    public static String key(String kind, String member) {
        return kind + " " + member;
    }

    /** The key of an argument of a member, by its position among the member's in-, out- or signal arguments. */
    public static String key(String kind, String member, String list, int index) {
        return kind + " " + member + " " + list + " " + index;
    }

    /** The text for {@code key}, or null. */
    public String of(String key) {
        return ofMembers.get(key);
    }
}

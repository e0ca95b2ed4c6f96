package io.github.busgen.processor.frontend.xml.tree;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The parse tree: where elements start, the comment before them, doc text, DTDs never loaded. */
class XmlReaderTest {
    @Test
    void keepsTheLineAndColumnOfEveryElementAndTheCommentBeforeIt() {
        XmlDocument d = XmlReader.read("a.xml", """
                <node>
                  <!-- about A -->
                  <interface name="com.example.A">
                    <method
                        name="M"><arg type="s"/></method>
                    <property name="P" type="i" access="read"/>
                  </interface>
                </node>
                """);
        assertEquals(List.of(), d.problems());
        XmlInterface i = d.root().interfaces().get(0);
        assertEquals(List.of(3, 3), List.of(i.line(), i.column()));
        assertEquals(" about A ", i.comment());
        XmlMethod m = i.methods().get(0);
        assertEquals(List.of(4, 5), List.of(m.line(), m.column()));
        assertNull(m.comment());
        assertEquals(List.of(5, 18), List.of(m.args().get(0).line(), m.args().get(0).column()));
        assertEquals(6, i.properties().get(0).line());
    }

    @Test
    void readsGlibDocElementsAsParagraphs() {
        XmlDocument d = XmlReader.read("a.xml", """
                <node xmlns:doc="http://www.freedesktop.org/dbus/1.0/doc.dtd">
                  <interface name="com.example.A">
                    <doc:doc><doc:summary>Short &amp; sweet.</doc:summary>
                      <doc:description><doc:para>One
                         two.</doc:para><doc:para>Three <doc:ref type="method" to="M">M</doc:ref>.</doc:para>
                      </doc:description></doc:doc>
                  </interface>
                </node>
                """);
        assertNotNull(d.root().interfaces().get(0).doc());
        assertEquals("Short & sweet.\n\nOne two.\n\nThree M.", d.root().interfaces().get(0).doc().text());
    }

    @Test
    void neverLoadsTheDtd() {
        // a DTD the parser could only fail to fetch: reading must not try
        XmlDocument d = XmlReader.read("a.xml", """
                <!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"
                 "http://127.0.0.1:9/introspect.dtd">
                <node><interface name="com.example.A"/></node>
                """);
        assertEquals(List.of(), d.problems());
        assertEquals("com.example.A", d.root().interfaces().get(0).name());
    }

    @Test
    void reportsMalformedXmlAndOtherRootsWithoutAThrow() {
        XmlDocument bad = XmlReader.read("a.xml", "<node>\n  <interface name=\"x\">\n</node>\n");
        assertNull(bad.root());
        assertEquals(XmlProblem.Kind.MALFORMED, bad.problems().get(0).kind());
        assertEquals(3, bad.problems().get(0).line());

        XmlDocument other = XmlReader.read("a.xml", "<nodes/>");
        assertNull(other.root());
        assertEquals("the root element is <nodes>, not <node>", other.problems().get(0).detail());
    }
}

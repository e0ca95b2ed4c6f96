package io.github.busgen.processor.frontend.xml;

import io.github.busgen.processor.model.JavaNames;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN section 4's naming rules. */
class XmlNamesTest {
    @Test
    void pascalJoinsWordsAndKeepsInnerCapitals() {
        assertEquals("DeviceWired", JavaNames.pascal("Device.Wired"));
        assertEquals("DeviceWired", JavaNames.pascal("device_wired"));
        assertEquals("WifiP2P", JavaNames.pascal("WifiP2P"));
        assertEquals("PowerSaverEnabled", JavaNames.pascal("power-saver-enabled"));
        assertEquals("_2d", JavaNames.pascal("2d"));
    }

    @Test
    void camelLowersTheLeadingCapitals() {
        assertEquals("getAll", XmlNames.camel("GetAll"));
        assertEquals("ipAddress", XmlNames.camel("IPAddress"));
        assertEquals("dhcp4Config", XmlNames.camel("DHCP4Config"));
        assertEquals("newState", XmlNames.camel("new_state"));
        assertEquals("url", XmlNames.camel("URL"));
        assertEquals("x", XmlNames.camel("X"));
    }

    @Test
    void keywordsAndObjectMethodsAreEscaped() {
        assertEquals("class_", XmlNames.escape("class"));
        assertEquals("record_", XmlNames.escape("record"));
        assertEquals("name", XmlNames.escape("name"));
        assertEquals("hashCode_", XmlNames.component("hashCode"));
        assertEquals("default_", XmlNames.component("default"));
    }

    @Test
    void prefixIsStrippedBeforePascalCase() {
        XmlFrontEnd nm = new XmlFrontEndNames("org.freedesktop.NetworkManager.").frontEnd;
        assertEquals("DeviceWired", nm.simpleName("org.freedesktop.NetworkManager.Device.Wired"));
        assertEquals("NetworkManager", nm.simpleName("org.freedesktop.NetworkManager"));
        assertEquals("OrgExampleOther", nm.simpleName("org.example.Other"));
    }

    @Test
    void qualifiedNames() {
        assertTrue(XmlNames.isQualified("com.example.Name"));
        assertFalse(XmlNames.isQualified("com.example."));
        assertFalse(XmlNames.isIdentifier("not a name"));
    }

    /** A front end with a prefix, to test its naming alone. */
    private static final class XmlFrontEndNames {
        final XmlFrontEnd frontEnd;

        XmlFrontEndNames(String prefix) {
            frontEnd = XmlFrontEnd.forNaming(new XmlFrontEnd.Options("p", prefix, Overlay.empty()));
        }
    }
}

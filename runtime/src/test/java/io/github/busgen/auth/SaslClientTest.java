package io.github.busgen.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client state machine against a scripted server: mechanism order, fallbacks, errors, fd negotiation. */
class SaslClientTest {
    private static final String GUID = "5fa01f4202cd837709a3274ca0df9d00";
    private static final String UID_HEX = "31303030"; // "1000"

    @TempDir
    Path temp;

    private ClientAuthOptions options(Mechanism... mechanisms) {
        return ClientAuthOptions.defaults().withUid(1000).withKeyringDirectory(temp.resolve("keyrings")).withMechanisms(mechanisms);
    }

    private SaslClient all(boolean unix) {
        return new SaslClient(options(Mechanism.EXTERNAL, Mechanism.DBUS_COOKIE_SHA1, Mechanism.ANONYMOUS), unix, false);
    }

    @Test
    void externalFirstOnUnixSockets() {
        SaslClient c = all(true);
        assertEquals(List.of("AUTH EXTERNAL " + UID_HEX), c.start());
        assertEquals(List.of("BEGIN"), c.receive("OK " + GUID));
        assertEquals(SaslState.AUTHENTICATED, c.state());
        AuthResult r = c.result(new byte[] {1, 2});
        assertEquals(new AuthResult(Mechanism.EXTERNAL, GUID, false, java.util.OptionalLong.empty(), new byte[] {1, 2}), r);
    }

    @Test
    void cookieFirstOnTcpBecauseExternalNeedsASocketCredential() {
        SaslClient c = new SaslClient(ClientAuthOptions.defaults().withUid(1000), false, false);
        assertEquals(List.of("AUTH DBUS_COOKIE_SHA1 " + UID_HEX), c.start());
        assertEquals(List.of(Mechanism.DBUS_COOKIE_SHA1), c.tried());
    }

    @Test
    void nothingUsableFailsAtOnceWithTheReason() {
        SaslClient c = new SaslClient(options(Mechanism.EXTERNAL), false, false);
        assertEquals(List.of(), c.start());
        assertEquals(SaslState.NEED_DISCONNECT, c.state());
        assertEquals("no usable authentication mechanism among [EXTERNAL] (EXTERNAL: not tried: it needs a unix socket)",
                c.failure().orElseThrow());
    }

    @Test
    void afterRejectedTheServersOrderDecidesSkippingTriedAndUnknown() {
        SaslClient c = all(true);
        c.start();
        assertEquals(List.of("AUTH ANONYMOUS 62757367656e"), c.receive("REJECTED KERBEROS_V4 EXTERNAL ANONYMOUS DBUS_COOKIE_SHA1"));
        assertEquals(List.of("AUTH DBUS_COOKIE_SHA1 " + UID_HEX), c.receive("REJECTED"));
        assertEquals(List.of(), c.receive("REJECTED"));
        assertEquals(SaslState.NEED_DISCONNECT, c.state());
        assertEquals("server rejected every mechanism: it offers [KERBEROS_V4, EXTERNAL, ANONYMOUS, DBUS_COOKIE_SHA1], "
                + "busgen tried [EXTERNAL, ANONYMOUS, DBUS_COOKIE_SHA1] (EXTERNAL: rejected; ANONYMOUS: rejected; "
                + "DBUS_COOKIE_SHA1: rejected)", c.failure().orElseThrow());
    }

    @Test
    void laterListsAreIgnoredAsTheSpecificationAllows() {
        SaslClient c = all(true);
        c.start();
        assertEquals(List.of("AUTH DBUS_COOKIE_SHA1 " + UID_HEX), c.receive("REJECTED DBUS_COOKIE_SHA1 ANONYMOUS"));
        assertEquals(List.of("AUTH ANONYMOUS 62757367656e"), c.receive("REJECTED EXTERNAL"));
    }

    @Test
    void withoutAListTheClientsOwnOrderIsUsed() {
        SaslClient c = new SaslClient(options(Mechanism.EXTERNAL, Mechanism.DBUS_COOKIE_SHA1), true, false);
        c.start();
        assertEquals(List.of("AUTH DBUS_COOKIE_SHA1 " + UID_HEX), c.receive("REJECTED"));
        assertEquals(List.of(), c.receive("REJECTED X"));
        assertEquals("server rejected every mechanism: it offers [X], busgen tried [EXTERNAL, DBUS_COOKIE_SHA1] "
                + "(EXTERNAL: rejected; DBUS_COOKIE_SHA1: rejected)", c.failure().orElseThrow());
    }

    @Test
    void offeredButDisabledMechanismsAreNamedInTheFailure() {
        SaslClient c = new SaslClient(ClientAuthOptions.defaults().withUid(1000), true, false);
        c.start();
        c.receive("REJECTED ANONYMOUS");
        assertEquals("server rejected every mechanism: it offers [ANONYMOUS], busgen tried [EXTERNAL] (EXTERNAL: rejected); "
                + "the server also offers [ANONYMOUS], which the client options do not enable", c.failure().orElseThrow());
    }

    @Test
    void errorOrDataWhileWaitingForOkCancels() {
        SaslClient c = all(true);
        c.start();
        assertEquals(List.of("CANCEL"), c.receive("ERROR \"whatever\""));
        assertEquals(List.of("AUTH DBUS_COOKIE_SHA1 " + UID_HEX), c.receive("REJECTED DBUS_COOKIE_SHA1"));
        SaslClient d = all(true);
        d.start();
        assertEquals(List.of("CANCEL"), d.receive("DATA 00"));
        // anything but REJECTED after CANCEL ends the conversation
        assertEquals(List.of(), d.receive("OK " + GUID));
        assertEquals(SaslState.NEED_DISCONNECT, d.state());
        assertTrue(d.failure().orElseThrow().contains("instead of REJECTED"), d.failure()::get);
    }

    @Test
    void errorWhileWaitingForDataCancels() {
        SaslClient c = new SaslClient(options(Mechanism.DBUS_COOKIE_SHA1), false, false);
        c.start();
        assertEquals(List.of("CANCEL"), c.receive("ERROR"));
    }

    @Test
    void unknownAndUnexpectedCommandsGetErrorAndTheConversationGoesOn() {
        SaslClient c = all(true);
        c.start();
        assertEquals(List.of("ERROR \"Unknown command\""), c.receive("EXTENSION_COM_EXAMPLE_FOO bar"));
        assertEquals(List.of("ERROR \"Unknown command\""), c.receive("OK\u00ff"));
        assertEquals(List.of("ERROR \"Unexpected command AGREE_UNIX_FD\""), c.receive("AGREE_UNIX_FD"));
        assertEquals(SaslState.WAITING_FOR_INPUT, c.state());
        assertEquals(List.of("BEGIN"), c.receive("OK " + GUID));
    }

    @Test
    void okWithoutAHexGuidIsFatal() {
        SaslClient c = all(true);
        c.start();
        assertEquals(List.of(), c.receive("OK not-hex"));
        assertEquals("the server sent OK without a hex GUID: \"OK not-hex\"", c.failure().orElseThrow());
        SaslClient d = all(true);
        d.start();
        d.receive("OK");
        assertEquals(SaslState.NEED_DISCONNECT, d.state());
    }

    @Test
    void okBeforeTheCookieExchangeIsAccepted() {
        SaslClient c = new SaslClient(options(Mechanism.DBUS_COOKIE_SHA1), false, false);
        c.start();
        assertEquals(List.of("BEGIN"), c.receive("OK 1234deadbeef"));
        assertEquals("1234deadbeef", c.result(new byte[0]).serverGuid());
    }

    @Test
    void unixFdNegotiationOnlyWhenAskedAndPossible() {
        ClientAuthOptions ask = options(Mechanism.EXTERNAL).withUnixFdNegotiation(true);
        SaslClient cannot = new SaslClient(ask, true, false);
        cannot.start();
        assertEquals(List.of("BEGIN"), cannot.receive("OK " + GUID));

        SaslClient agreed = new SaslClient(ask, true, true);
        agreed.start();
        assertEquals(List.of("NEGOTIATE_UNIX_FD"), agreed.receive("OK " + GUID));
        assertEquals(SaslState.WAITING_FOR_INPUT, agreed.state());
        assertEquals(List.of("BEGIN"), agreed.receive("AGREE_UNIX_FD"));
        assertTrue(agreed.result(new byte[0]).unixFdNegotiated());

        SaslClient refused = new SaslClient(ask, true, true);
        refused.start();
        refused.receive("OK " + GUID);
        assertEquals(List.of("BEGIN"), refused.receive("ERROR \"no fds here\""));
        assertFalse(refused.result(new byte[0]).unixFdNegotiated());

        SaslClient confused = new SaslClient(ask, true, true);
        confused.start();
        confused.receive("OK " + GUID);
        assertEquals(List.of(), confused.receive("DATA"));
        assertEquals(SaslState.NEED_DISCONNECT, confused.state());
    }

    @Test
    void cookieResponseIsTheSha1OfBothChallengesAndTheCookie() throws Exception {
        Path keyrings = temp.resolve("keyrings");
        Files.createDirectory(keyrings, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(keyrings.resolve("org_freedesktop_general"), "1 1700000000 0011\n7 1700000001 c0ffee\n");
        SaslClient c = new SaslClient(options(Mechanism.DBUS_COOKIE_SHA1), false, false);
        c.start();
        List<String> out = c.receive("DATA " + hex("org_freedesktop_general 7 serverchallenge"));
        assertEquals(1, out.size());
        assertTrue(out.get(0).startsWith("DATA "), out::toString);
        String[] answer = new String(HexFormat.of().parseHex(out.get(0).substring(5)), StandardCharsets.US_ASCII).split(" ");
        assertEquals(2, answer.length);
        // computed here independently of busgen's helper
        byte[] digest = MessageDigest.getInstance("SHA-1")
                .digest(("serverchallenge:" + answer[0] + ":c0ffee").getBytes(StandardCharsets.US_ASCII));
        assertEquals(HexFormat.of().formatHex(digest), answer[1]);
        assertEquals(List.of("BEGIN"), c.receive("OK " + GUID));
    }

    @Test
    void missingCookieAnswersErrorAndTheReasonReachesTheFailure() throws Exception {
        SaslClient c = new SaslClient(options(Mechanism.DBUS_COOKIE_SHA1), false, false);
        c.start();
        assertEquals(List.of("ERROR \"Cookie not available\""), c.receive("DATA " + hex("org_freedesktop_general 7 abc")));
        assertEquals(SaslState.WAITING_FOR_INPUT, c.state());
        c.receive("REJECTED DBUS_COOKIE_SHA1");
        assertEquals("server rejected every mechanism: it offers [DBUS_COOKIE_SHA1], busgen tried [DBUS_COOKIE_SHA1] "
                + "(DBUS_COOKIE_SHA1: no keyring directory " + temp.resolve("keyrings") + ")", c.failure().orElseThrow());
    }

    @Test
    void keyringReadableByOthersIsIgnored() throws Exception {
        Path keyrings = temp.resolve("keyrings");
        Files.createDirectory(keyrings);
        Files.setPosixFilePermissions(keyrings, PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(keyrings.resolve("ctx"), "7 1700000001 c0ffee\n");
        SaslClient c = new SaslClient(options(Mechanism.DBUS_COOKIE_SHA1), false, false);
        c.start();
        assertEquals(List.of("ERROR \"Cookie not available\""), c.receive("DATA " + hex("ctx 7 abc")));
        c.receive("REJECTED");
        assertTrue(c.failure().orElseThrow().contains("keyring directory " + keyrings + " is accessible by group or others "
                + "(rwxr-x---); ignoring it, as the D-Bus specification requires (chmod 700 it)"), c.failure()::get);
    }

    @Test
    void malformedChallengesAreAnsweredWithError() {
        SaslClient c = new SaslClient(options(Mechanism.DBUS_COOKIE_SHA1), false, false);
        c.start();
        assertEquals(List.of("ERROR \"Invalid hex encoding\""), c.receive("DATA xyz"));
        assertEquals(List.of("ERROR \"Malformed DBUS_COOKIE_SHA1 challenge\""), c.receive("DATA " + hex("ctx only-two")));
        assertEquals(List.of("ERROR \"Cookie not available\""), c.receive("DATA " + hex("../etc 1 abc")));
        assertEquals(SaslState.WAITING_FOR_INPUT, c.state());
    }

    @Test
    void misuseIsAnIllegalState() {
        SaslClient c = all(true);
        assertThrows(IllegalStateException.class, () -> c.receive("OK " + GUID));
        c.start();
        assertThrows(IllegalStateException.class, c::start);
        assertThrows(IllegalStateException.class, () -> c.result(new byte[0]));
        c.receive("OK " + GUID);
        assertThrows(IllegalStateException.class, () -> c.receive("OK " + GUID));
    }

    static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }
}

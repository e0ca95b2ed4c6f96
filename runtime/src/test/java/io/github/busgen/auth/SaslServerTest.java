package io.github.busgen.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

import static io.github.busgen.auth.SaslClientTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server state machine against a scripted client, beyond what libdbus's scripts cover. */
class SaslServerTest {
    private static final String GUID = "5fa01f4202cd837709a3274ca0df9d00";
    private static final String OK = "OK " + GUID;
    private static final String UID_HEX = "31303030"; // "1000"

    @TempDir
    Path temp;

    private ServerAuthOptions options() {
        return ServerAuthOptions.defaults().withGuid(GUID).withKeyringDirectory(temp.resolve("keyrings"))
                .withOwnUser(1000, "alice");
    }

    private SaslServer server(ServerAuthOptions options, OptionalLong peer) {
        return new SaslServer(options, () -> peer, false);
    }

    @Test
    void offersOnlyWhatIsAllowedInTheFixedOrder() {
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), server(options(), OptionalLong.empty()).receive("AUTH"));
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1 ANONYMOUS"), server(options()
                .withMechanisms(Mechanism.ANONYMOUS, Mechanism.EXTERNAL, Mechanism.DBUS_COOKIE_SHA1), OptionalLong.empty()).receive("AUTH"));
        SaslServer anonymousOnly = server(options().withMechanisms(Mechanism.ANONYMOUS), OptionalLong.of(1000));
        assertEquals(List.of("REJECTED ANONYMOUS"), anonymousOnly.receive("AUTH EXTERNAL " + UID_HEX));
    }

    @Test
    void externalComparesTheClaimWithTheSocketUid() {
        SaslServer s = server(options(), OptionalLong.of(1000));
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("AUTH EXTERNAL " + hex("1001")));
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("AUTH EXTERNAL " + hex("alice")));
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("AUTH EXTERNAL " + hex("99999999999")));
        assertEquals(List.of("EXTERNAL: the client claims uid 1001 but the socket says uid 1000",
                "EXTERNAL: identity \"alice\" is not a numeric uid (login names are not accepted)",
                "EXTERNAL: identity \"99999999999\" is not a numeric uid (login names are not accepted)"), s.rejections());
        assertEquals(List.of(OK), s.receive("AUTH  EXTERNAL  " + UID_HEX)); // blanks skipped, as libdbus does
        assertEquals(OptionalLong.of(1000), s.authorizedUid());
        assertEquals(List.of(), s.receive("BEGIN"));
        AuthResult r = s.result("rest".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Mechanism.EXTERNAL, r.mechanism());
        assertEquals(GUID, r.serverGuid());
        assertEquals(OptionalLong.of(1000), r.authorizedUid());
        assertEquals("rest", new String(r.leftover(), StandardCharsets.US_ASCII));
    }

    @Test
    void externalWithoutCredentialsIsRejected() {
        SaslServer s = server(options(), OptionalLong.empty());
        assertEquals(List.of("DATA"), s.receive("AUTH EXTERNAL"));
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("DATA"));
        assertEquals(List.of("EXTERNAL: no socket credentials for the client (EXTERNAL needs a unix socket)"), s.rejections());
    }

    @Test
    void externalIdentityMayComeInTheDataAnswer() {
        SaslServer s = server(options(), OptionalLong.of(1000));
        assertEquals(List.of("DATA"), s.receive("AUTH EXTERNAL"));
        assertEquals(List.of(OK), s.receive("DATA " + UID_HEX));
    }

    @Test
    void failureLimitDisconnectsAtTheConfiguredCount() {
        SaslServer s = server(options().withMaxFailures(2), OptionalLong.empty());
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("AUTH"));
        assertEquals(SaslState.WAITING_FOR_INPUT, s.state());
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("AUTH BONGO_MD5"));
        assertEquals(SaslState.NEED_DISCONNECT, s.state());
        assertEquals("the client was rejected 2 times; disconnecting (the client asked for the mechanism list; "
                + "mechanism BONGO_MD5 is not offered)", s.failure().orElseThrow());
        assertThrows(IllegalStateException.class, () -> s.receive("AUTH"));
    }

    @Test
    void beginBeforeOkDisconnects() {
        SaslServer s = server(options(), OptionalLong.of(1000));
        assertEquals(List.of(), s.receive("BEGIN"));
        assertEquals(SaslState.NEED_DISCONNECT, s.state());
        assertEquals("the client sent BEGIN before it was authenticated", s.failure().orElseThrow());
        SaslServer d = server(options(), OptionalLong.of(1000));
        d.receive("AUTH EXTERNAL");
        d.receive("BEGIN");
        assertEquals(SaslState.NEED_DISCONNECT, d.state());
    }

    @Test
    void unixFdNegotiationAgreesOnlyWhenAllowedAndPossible() {
        SaslServer early = server(options(), OptionalLong.of(1000));
        assertEquals(List.of("ERROR \"Unexpected command NEGOTIATE_UNIX_FD before OK\""), early.receive("NEGOTIATE_UNIX_FD"));

        SaslServer no = server(options().withUnixFdPassing(true), OptionalLong.of(1000));
        no.receive("AUTH EXTERNAL " + UID_HEX);
        assertEquals(List.of("ERROR \"Unix fd passing is not supported\""), no.receive("NEGOTIATE_UNIX_FD"));
        no.receive("BEGIN");
        assertFalse(no.result(new byte[0]).unixFdNegotiated());

        SaslServer yes = new SaslServer(options().withUnixFdPassing(true), () -> OptionalLong.of(1000), true);
        yes.receive("AUTH EXTERNAL " + UID_HEX);
        assertEquals(List.of("AGREE_UNIX_FD"), yes.receive("NEGOTIATE_UNIX_FD"));
        yes.receive("BEGIN");
        assertTrue(yes.result(new byte[0]).unixFdNegotiated());
    }

    @Test
    void commandsOutOfPlaceGetErrorWithoutCountingAsFailures() {
        SaslServer s = server(options(), OptionalLong.of(1000));
        assertEquals(List.of("ERROR \"Unexpected command DATA\""), s.receive("DATA 00"));
        assertEquals(List.of("ERROR \"Unexpected command CANCEL\""), s.receive("CANCEL"));
        assertEquals(List.of("ERROR \"Unknown command\""), s.receive("OK " + GUID));
        assertEquals(List.of("ERROR \"Unknown command\""), s.receive("EXTENSION_FOO"));
        assertEquals(List.of("ERROR \"Command contained non-ASCII\""), s.receive("AUTH EXTERNAL \u00e9"));
        assertEquals(List.of("ERROR \"Command contained non-ASCII\""), s.receive("AUTH\u0000"));
        assertEquals(List.of(), s.rejections());
        assertEquals(List.of("DATA"), s.receive("AUTH EXTERNAL"));
        assertEquals(List.of("ERROR \"Invalid hex encoding\""), s.receive("DATA zz"));
        assertEquals(List.of("ERROR \"Unexpected command AUTH\""), s.receive("AUTH EXTERNAL"));
        assertEquals(List.of(OK), s.receive("DATA"));
        assertEquals(List.of("ERROR \"Unexpected command AUTH\""), s.receive("AUTH EXTERNAL"));
    }

    @Test
    void cancelAndErrorRejectAndForgetTheIdentity() {
        SaslServer s = server(options(), OptionalLong.of(1000));
        s.receive("AUTH EXTERNAL " + UID_HEX);
        assertEquals(OptionalLong.of(1000), s.authorizedUid());
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("CANCEL"));
        assertEquals(OptionalLong.empty(), s.authorizedUid());
        assertEquals(List.of("DATA"), s.receive("AUTH EXTERNAL"));
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("ERROR \"no\""));
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("ERROR"));
        assertEquals(3, s.rejections().size());
    }

    @Test
    void cookieProvesTheServersOwnUserByUidOrLoginName() throws Exception {
        ServerAuthOptions o = options();
        SaslServer s = server(o, OptionalLong.empty());
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("AUTH DBUS_COOKIE_SHA1 " + hex("bob")));
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("AUTH DBUS_COOKIE_SHA1 " + hex("1001")));
        List<String> challenge = s.receive("AUTH DBUS_COOKIE_SHA1 " + hex("alice"));
        String[] f = unhexLine(challenge.get(0), "DATA ").split(" ");
        assertEquals("org_freedesktop_general", f[0]);
        String secret = secretOf(o, Long.parseLong(f[1]));
        assertEquals(List.of(OK), s.receive("DATA " + hex("cc " + sha1(f[2] + ":cc:" + secret))));
        assertEquals(OptionalLong.of(1000), s.authorizedUid());
        s.receive("BEGIN");
        assertEquals(Mechanism.DBUS_COOKIE_SHA1, s.result(new byte[0]).mechanism());
    }

    @Test
    void wrongOrMalformedCookieProofIsRejected() throws Exception {
        SaslServer s = server(options(), OptionalLong.empty());
        String[] f = unhexLine(s.receive("AUTH DBUS_COOKIE_SHA1 " + UID_HEX).get(0), "DATA ").split(" ");
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("DATA " + hex("cc " + sha1("wrong"))));
        assertEquals("DBUS_COOKIE_SHA1: wrong SHA-1 (the client does not know cookie " + f[1] + ")", s.rejections().get(0));
        s.receive("AUTH DBUS_COOKIE_SHA1 " + UID_HEX);
        assertEquals(List.of("REJECTED EXTERNAL DBUS_COOKIE_SHA1"), s.receive("DATA " + hex("no-space")));
        assertEquals("DBUS_COOKIE_SHA1: malformed answer to the challenge", s.rejections().get(1));
    }

    @Test
    void cookieIdentityMayComeAfterAnEmptyChallenge() {
        SaslServer s = server(options(), OptionalLong.empty());
        assertEquals(List.of("DATA"), s.receive("AUTH DBUS_COOKIE_SHA1"));
        List<String> challenge = s.receive("DATA " + UID_HEX);
        assertTrue(challenge.get(0).startsWith("DATA "), challenge::toString);
    }

    @Test
    void anonymousAuthorizesNoUser() {
        SaslServer s = server(options().withMechanisms(Mechanism.ANONYMOUS), OptionalLong.of(1000));
        assertEquals(List.of(OK), s.receive("AUTH ANONYMOUS"));
        s.receive("BEGIN");
        assertEquals(OptionalLong.empty(), s.result(new byte[0]).authorizedUid());
    }

    private static String unhexLine(String line, String prefix) {
        assertTrue(line.startsWith(prefix), line);
        return new String(HexFormat.of().parseHex(line.substring(prefix.length())), StandardCharsets.US_ASCII);
    }

    private static String secretOf(ServerAuthOptions o, long id) throws Exception {
        for (String line : java.nio.file.Files.readAllLines(o.keyringDirectory().resolve(o.cookieContext()))) {
            String[] f = line.split(" ");
            if (Long.parseLong(f[0]) == id) {
                return f[2];
            }
        }
        throw new AssertionError("cookie " + id + " not in the keyring file");
    }

    static String sha1(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.US_ASCII)));
    }
}

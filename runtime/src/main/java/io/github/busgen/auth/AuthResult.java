package io.github.busgen.auth;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The outcome of a successful authentication, on either side.
 *
 * @param mechanism        the mechanism that succeeded
 * @param serverGuid       the server's GUID: received in {@code OK} (client side) or sent (server side)
 * @param unixFdNegotiated whether both sides agreed to pass Unix file descriptors
 * @param authorizedUid    server side: the uid the client proved (empty for ANONYMOUS); client
 *                         side: always empty
 * @param leftover         bytes received after the last authentication line: the start of the
 *                         message stream, to be handed to the message framer
 */
public record AuthResult(Mechanism mechanism, String serverGuid, boolean unixFdNegotiated,
                         OptionalLong authorizedUid, byte[] leftover) {
    /** Copies {@code leftover}, so the result stays immutable. */
    public AuthResult {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(serverGuid, "serverGuid");
        Objects.requireNonNull(authorizedUid, "authorizedUid");
        leftover = leftover.clone();
    }

    /** A copy of the bytes received after the last authentication line. */
    @Override
    public byte[] leftover() {
        return leftover.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthResult && ((AuthResult) o).mechanism == mechanism
                && ((AuthResult) o).serverGuid.equals(serverGuid)
                && ((AuthResult) o).unixFdNegotiated == unixFdNegotiated
                && ((AuthResult) o).authorizedUid.equals(authorizedUid)
                && Arrays.equals(((AuthResult) o).leftover, leftover);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mechanism, serverGuid, unixFdNegotiated, authorizedUid) * 31 + Arrays.hashCode(leftover);
    }

    @Override
    public String toString() {
        return "AuthResult[mechanism=" + mechanism + ", serverGuid=" + serverGuid + ", unixFdNegotiated="
                + unixFdNegotiated + ", authorizedUid=" + authorizedUid + ", leftover=" + leftover.length + " bytes]";
    }
}

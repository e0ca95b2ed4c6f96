package io.github.busgen.auth;

import java.util.List;
import java.util.Optional;

/** What {@link Authenticator} needs of either side's state machine. */
interface SaslMachine {
    /** Handles one line from the peer; returns the lines to send back. */
    List<String> receive(String line);

    /** Where the conversation stands. */
    SaslState state();

    /** Why it failed, once {@link SaslState#NEED_DISCONNECT}. */
    Optional<String> failure();

    /** The result, once {@link SaslState#AUTHENTICATED}. */
    AuthResult result(byte[] leftover);
}

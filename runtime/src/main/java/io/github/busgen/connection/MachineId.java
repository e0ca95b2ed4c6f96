package io.github.busgen.connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine id that Peer.GetMachineId answers: /etc/machine-id, else /var/lib/dbus/machine-id
 * (32 lowercase hex digits, as dbus-uuidgen writes them).
 */
final class MachineId {
    private static volatile String cached;

    private MachineId() {
    }

    /** The machine id, or null when neither file holds one. */
    static String get() {
        String id = cached;
        if (id == null) {
            id = read(Path.of("/etc/machine-id"));
            if (id == null) {
                id = read(Path.of("/var/lib/dbus/machine-id"));
            }
            cached = id;
        }
        return id;
    }

    private static String read(Path file) {
        try {
            String s = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
            return s.matches("[0-9a-f]{32}") ? s : null;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}

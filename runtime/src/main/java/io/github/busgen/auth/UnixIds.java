package io.github.busgen.auth;

import io.github.busgen.internal.LazyLogger;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.OptionalLong;

/**
 * The uids authentication needs, read without native code: this process's real and effective uid
 * from {@code /proc/self/status}, and a unix-socket peer's uid from SO_PEERCRED.
 */
final class UnixIds {
    private static final System.Logger LOG = new LazyLogger(UnixIds.class.getName());

    private UnixIds() {
    }

    /** This process's real uid, which the client claims in EXTERNAL; empty where /proc is unreadable. */
    static OptionalLong realUid() {
        return statusUid(0);
    }

    /** This process's effective uid, which owns the files it creates (the cookie keyring). */
    static OptionalLong effectiveUid() {
        return statusUid(1);
    }

    /**
     * Field {@code index} of the "Uid:" line of /proc/self/status (proc(5)):
     * <pre>
     *   Uid:	1000	1000	1000	1000
     *       	real	effective	saved	filesystem      (tab-separated)
     * </pre>
     */
    private static OptionalLong statusUid(int index) {
        // plain java.io and a hand-made split: no NIO file classes or regex to load at start-up
        String status;
        try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/self/status")) {
            status = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read this process's uid from /proc/self/status: {0}", e.toString());
            return OptionalLong.empty();
        }
        int line = status.startsWith("Uid:") ? 0 : status.indexOf("\nUid:");
        if (line < 0) {
            LOG.log(System.Logger.Level.WARNING, "/proc/self/status has no Uid: line");
            return OptionalLong.empty();
        }
        if (line > 0) {
            line++; // past the newline
        }
        int end = status.indexOf('\n', line);
        List<String> fields = whitespaceFields(status.substring(line + 4, end < 0 ? status.length() : end));
        if (fields.isEmpty()) {
            return OptionalLong.empty();
        }
        long uid = SaslCommand.parseUid(fields.get(Math.min(index, fields.size() - 1)));
        return uid < 0 ? OptionalLong.empty() : OptionalLong.of(uid);
    }

    /** The runs of non-whitespace characters of {@code s}. */
    private static List<String> whitespaceFields(String s) {
        List<String> out = new java.util.ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    /** This process's login name, as the JDK read it from the password database at startup. */
    static String loginName() {
        return System.getProperty("user.name", "");
    }

    /**
     * The uid of the process at the other end of a unix socket, from the kernel (SO_PEERCRED), or
     * empty for TCP and wherever the option is unavailable.
     *
     * <p>The JDK reports the peer as a {@link UserPrincipal}, not a number. Its name is the login
     * name, or the decimal uid when the password database has no entry. To get back to a number:
     * a principal equal to the owner of {@code /proc/self} is this process's effective uid (JDK
     * principals compare by uid); a decimal name is the uid; otherwise the name is looked up in
     * {@code /etc/passwd}. Users known only through NSS modules (LDAP and so on) who are not this
     * process's user therefore have no uid here, and EXTERNAL rejects them.
     */
    static OptionalLong peerUid(SocketChannel channel) {
        if (!channel.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED)) {
            return OptionalLong.empty();
        }
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return uidOf(peer.user());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the peer's credentials (SO_PEERCRED): {0}", e.toString());
            return OptionalLong.empty();
        }
    }

    static OptionalLong uidOf(UserPrincipal user) throws IOException {
        if (user.equals(Files.getOwner(Path.of("/proc/self")))) {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return OptionalLong.of(((Integer) uid) & 0xFFFF_FFFFL);
        }
        long uid = SaslCommand.parseUid(user.getName());
        if (uid >= 0) {
            return OptionalLong.of(uid);
        }
        return passwdUid(user.getName(), Path.of("/etc/passwd"));
    }

    /**
     * The uid of {@code name} in a passwd(5) file:
     * <pre>
     *   root:x:0:0:root:/root:/bin/bash
     *   name:password:uid:gid:gecos:home:shell
     * </pre>
     */
    static OptionalLong passwdUid(String name, Path passwd) {
        try {
            List<String> lines = Files.readAllLines(passwd, StandardCharsets.UTF_8);
            for (String line : lines) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && f[0].equals(name)) {
                    long uid = SaslCommand.parseUid(f[2]);
                    if (uid >= 0) {
                        return OptionalLong.of(uid);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read {0}: {1}", passwd, e.toString());
        }
        LOG.log(System.Logger.Level.WARNING, "peer user \"{0}\" has no uid in {1}; EXTERNAL cannot accept it", name, passwd);
        return OptionalLong.empty();
    }
}

package io.github.busgen.auth;

import io.github.busgen.internal.LazyLogger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One cookie context of a DBUS_COOKIE_SHA1 keyring directory (specification, "DBUS_COOKIE_SHA1").
 * The file {@code <directory>/<context>} holds one cookie per line:
 * <pre>
 *   701679451 1795755038 ec92c353a0321e6e1e1afaaf027c90f45136568d950cfc9d
 *   ^^^^^^^^^ ^^^^^^^^^^ ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
 *   id        created    secret, hex (24 random bytes, as libdbus makes them)
 *             (seconds since the epoch)
 * </pre>
 * Clients only read the file. Servers rewrite it under a lock file ({@code <context>.lock}, made
 * with O_CREAT|O_EXCL), dropping cookies older than 7 minutes or more than 5 minutes in the future
 * and adding one when the newest is older than 5 minutes (the reference implementation's times),
 * then renaming a temporary file over it so that readers never see half a file.
 *
 * <p>A directory that group or others can access is ignored, as the specification requires, and
 * so is one owned by another user than this process's effective uid (as libdbus checks); the
 * exception says so and the reason is logged. The server
 * creates a missing directory with mode 0700 and the file with 0600.
 *
 * <p>Lock rule: an instance serves one thread; the lock file (O_EXCL) orders writers across
 * threads and processes. Cookies are not cached: each authentication reads the file again.
 */
final class CookieKeyring {
    static final long MAX_AGE_SECONDS = 7 * 60;
    static final long MAX_FUTURE_SECONDS = 5 * 60;
    static final long NEW_COOKIE_AFTER_SECONDS = 5 * 60;
    /** How long to wait for another server's lock before deciding it is stale. */
    static final int LOCK_ATTEMPTS = 40;
    static final int LOCK_WAIT_MILLIS = 25;
    private static final int SECRET_BYTES = 24;

    private static final System.Logger LOG = new LazyLogger(CookieKeyring.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    /** One line of the keyring file. */
    record Cookie(long id, long created, String secret) {
    }

    private final Path directory;
    private final String context;
    private final OptionalLong ownerUid;
    private final LongSupplier nowSeconds;

    /**
     * @param directory the keyring directory, usually {@code ~/.dbus-keyrings}
     * @param context   the cookie context, checked with {@link #checkContext}
     * @param ownerUid  the uid the directory must belong to; empty to skip that check
     */
    CookieKeyring(Path directory, String context, OptionalLong ownerUid) {
        this(directory, context, ownerUid, () -> System.currentTimeMillis() / 1000);
    }

    CookieKeyring(Path directory, String context, OptionalLong ownerUid, LongSupplier nowSeconds) {
        checkContext(context);
        this.directory = directory;
        this.context = context;
        this.ownerUid = ownerUid;
        this.nowSeconds = nowSeconds;
    }

    /**
     * Checks a context name: "valid ASCII, nonzero length, and may not contain the characters
     * slash, backslash, space, newline, carriage return, tab, or period". Control characters are
     * refused too: the name becomes a file name.
     *
     * @throws IllegalArgumentException saying which character is not allowed
     */
    static void checkContext(String context) {
        if (context.isEmpty()) {
            throw new IllegalArgumentException("a cookie context name is empty");
        }
        for (int i = 0; i < context.length(); i++) {
            char c = context.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '/' || c == '\\' || c == '.') {
                throw new IllegalArgumentException("cookie context \"" + context + "\" contains "
                        + String.format("U+%04X", (int) c) + ", which context names may not contain");
            }
        }
    }

    Path file() {
        return directory.resolve(context);
    }

    /**
     * The secret of cookie {@code id} (client side).
     *
     * @throws IOException saying why it is unavailable: directory ignored, no file, no such cookie
     */
    String secret(long id) throws IOException {
        checkPrivate();
        for (Cookie c : load()) {
            if (c.id() == id) {
                return c.secret();
            }
        }
        throw new IOException("no cookie " + id + " in " + file());
    }

    /**
     * A cookie fresh enough for a new authentication (server side), rotating the file as described
     * in the class comment.
     */
    Cookie current() throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
        }
        checkPrivate();
        Path lock = directory.resolve(context + ".lock");
        acquire(lock);
        try {
            long now = nowSeconds.getAsLong();
            List<Cookie> kept = new ArrayList<>();
            Cookie newest = null;
            for (Cookie c : load()) {
                if (c.created() < now - MAX_AGE_SECONDS || c.created() > now + MAX_FUTURE_SECONDS) {
                    continue;
                }
                kept.add(c);
                if (newest == null || c.created() > newest.created()) {
                    newest = c;
                }
            }
            if (newest == null || newest.created() < now - NEW_COOKIE_AFTER_SECONDS) {
                newest = new Cookie(newId(kept), now, SaslCommand.hex(randomBytes(SECRET_BYTES)));
                kept.add(newest);
            }
            save(kept);
            return newest;
        } finally {
            Files.deleteIfExists(lock);
        }
    }

    private static long newId(List<Cookie> cookies) {
        while (true) {
            long id = RANDOM.nextInt(Integer.MAX_VALUE); // non-negative, as libdbus picks them
            if (cookies.stream().noneMatch(c -> c.id() == id)) {
                return id;
            }
        }
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * Takes the lock file, waiting up to LOCK_ATTEMPTS * LOCK_WAIT_MILLIS (1 s) for another server;
     * after that the lock is taken to be stale (its owner died) and removed, as the specification
     * permits. libdbus waits 8 s; authentication has a time limit, so busgen waits less.
     */
    private void acquire(Path lock) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createFile(lock, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
                return;
            } catch (FileAlreadyExistsException e) {
                if (attempt == LOCK_ATTEMPTS) {
                    LOG.log(System.Logger.Level.WARNING, "removing stale keyring lock {0}", lock);
                    Files.deleteIfExists(lock);
                } else if (attempt > LOCK_ATTEMPTS) {
                    throw new IOException("cannot lock " + lock + ": another process keeps creating it");
                } else {
                    sleep();
                }
            }
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(LOCK_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the keyring lock");
        }
    }

    /** Throws (and logs) when the directory is not private to its user, as the specification asks. */
    private void checkPrivate() throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("no keyring directory " + directory);
        }
        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(directory));
        perms.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        String problem = null;
        if (!perms.isEmpty()) {
            problem = "keyring directory " + directory + " is accessible by group or others ("
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))
                    + "); ignoring it, as the D-Bus specification requires (chmod 700 it)";
        } else if (ownerUid.isPresent()) {
            long owner = ((Integer) Files.getAttribute(directory, "unix:uid")) & 0xFFFF_FFFFL;
            if (owner != ownerUid.getAsLong()) {
                problem = "keyring directory " + directory + " belongs to uid " + owner + ", not to uid "
                        + ownerUid.getAsLong() + "; ignoring it";
            }
        }
        if (problem != null) {
            LOG.log(System.Logger.Level.WARNING, problem);
            throw new IOException(problem);
        }
    }

    /** The well-formed lines of the file; malformed ones are skipped, as libdbus skips them. */
    private List<Cookie> load() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file(), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        }
        List<Cookie> cookies = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split(" ");
            if (f.length == 3 && SaslCommand.isDigits(f[0]) && f[0].length() <= 18 && SaslCommand.isDigits(f[1])
                    && f[1].length() <= 18 && SaslCommand.unhex(f[2]) != null && !f[2].isEmpty()) {
                cookies.add(new Cookie(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2]));
            } else if (!line.isBlank()) {
                LOG.log(System.Logger.Level.DEBUG, "skipping malformed line in {0}", file());
            }
        }
        return cookies;
    }

    private void save(List<Cookie> cookies) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Cookie c : cookies) {
            b.append(c.id()).append(' ').append(c.created()).append(' ').append(c.secret()).append('\n');
        }
        Path tmp = Files.createTempFile(directory, context + ".", ".tmp", PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        try {
            Files.writeString(tmp, b, StandardCharsets.ISO_8859_1);
            Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Lowercase hex SHA-1 of the ASCII string {@code s}. */
    static String sha1Hex(String s) {
        try {
            return SaslCommand.hex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}

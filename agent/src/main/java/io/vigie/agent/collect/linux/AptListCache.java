package io.vigie.agent.collect.linux;

import io.vigie.checks.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the last {@code apt list --upgradable} output in the agent's state folder, keyed by the modification times
 * of what decides it (the package lists, the dpkg database, sources and pinning). {@code apt list} needs 1–2 s on a
 * machine without apt's binary cache; the answer only changes when one of those files changes.
 *
 * <p>Safety: the file is trusted only when it is a regular file (not a symlink) owned by the agent's user and not
 * writable by group or others, in a folder with the same properties; it is written to a temporary file (0600) then
 * moved into place atomically. Any doubt = a cache miss, never an error.
 */
final class AptListCache {

    static final String FILE = "apt-upgradable.json";
    static final long MAX_BYTES = 2L * 1024 * 1024;
    private final Path dir;

    AptListCache(Path dir) {
        this.dir = dir;
    }

    Optional<String> get(String key) {
        try {
            Path f = dir.resolve(FILE);
            if (!trusted(dir) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || !trusted(f) || Files.size(f) > MAX_BYTES) {
                return Optional.empty();
            }
            Map<?, ?> m = Json.mapper().readValue(Files.readString(f, StandardCharsets.UTF_8), Map.class);
            if (key.equals(m.get("key")) && m.get("stdout") instanceof String s) {
                return Optional.of(s);
            }
        } catch (IOException | RuntimeException e) {
            // a miss
        }
        return Optional.empty();
    }

    void put(String key, String stdout) {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!trusted(dir)) {
                return;
            }
            Path tmp = Files.createTempFile(dir, "apt-upgradable", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, Json.mapper().writeValueAsString(Map.of("key", key, "stdout", stdout)), StandardCharsets.UTF_8);
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // the cache is an optimisation: never fail the check because of it
        }
    }

    /** Not a symlink, owned by the current user, not writable by group or others. */
    static boolean trusted(Path p) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return false;
        }
        Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!(uid instanceof Integer) || !uid.equals(me)) {
            return false;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        return !perms.contains(PosixFilePermission.GROUP_WRITE) && !perms.contains(PosixFilePermission.OTHERS_WRITE);
    }
}

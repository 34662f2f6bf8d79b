package io.vigie.agent.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The agent's own state folder: the only place the agent ever writes (besides an explicit {@code --out}
 * file). It holds the device id created on first run, and later the enrollment and the delivery spool.
 *
 * <p>Location (conventions.md): Linux {@code /var/lib/vigie} as root, else {@code $XDG_STATE_HOME/vigie}
 * ({@code ~/.local/state/vigie}); Windows {@code %ProgramData%\Vigie}; macOS
 * {@code /Library/Application Support/Vigie} as root, else {@code ~/Library/Application Support/Vigie}.
 * {@code VIGIE_STATE_DIR} or {@code --state-dir} override it.
 */
public final class StateDir {

    public static final String DEVICE_ID_FILE = "device-id";

    private final Path dir;

    public StateDir(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The default folder for this OS and user. */
    public static StateDir locate(Map<String, String> env, String osName, boolean admin, Path home) {
        String override = env.get("VIGIE_STATE_DIR");
        if (override != null && !override.isBlank()) {
            return new StateDir(Path.of(override));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String pd = env.getOrDefault("ProgramData", "C:\\ProgramData");
            return new StateDir(Path.of(pd, "Vigie"));
        }
        if (os.startsWith("mac")) {
            return new StateDir(admin ? Path.of("/Library/Application Support/Vigie")
                    : home.resolve("Library/Application Support/Vigie"));
        }
        if (admin) {
            return new StateDir(Path.of("/var/lib/vigie"));
        }
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/state");
        return new StateDir(base.resolve("vigie"));
    }

    /**
     * This machine's device id: read from the state folder, or created (random UUID) and kept there on
     * first run. A damaged file is replaced, keeping the old one aside as {@code device-id.bad}.
     */
    public UUID deviceId() throws IOException {
        Path f = dir.resolve(DEVICE_ID_FILE);
        if (Files.exists(f)) {
            String text = Files.readString(f, StandardCharsets.UTF_8).strip();
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                Files.move(f, dir.resolve(DEVICE_ID_FILE + ".bad"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        UUID id = UUID.randomUUID();
        writeAtomically(DEVICE_ID_FILE, id + "\n");
        return id;
    }

    /** Writes a small file in the state folder: temp file, then atomic rename; private on POSIX. */
    public void writeAtomically(String name, String content) throws IOException {
        Files.createDirectories(dir);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
        try {
            if (posix) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

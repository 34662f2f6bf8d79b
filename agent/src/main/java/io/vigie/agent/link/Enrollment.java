package io.vigie.agent.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vigie.checks.json.Json;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * This machine's link to a console, kept in the agent's state folder as {@code enrollment.json} (owner-only on
 * POSIX: it holds the device secret).
 *
 * @param consoleUrl     base URL of the console
 * @param deviceId       this machine's device id
 * @param secret         the device secret the console issued
 * @param organisationId the organisation the device was enrolled into
 * @param enrolledAt     when
 * @param pin            the console's public key pin ({@code sha256/<base64>}) given at enrollment, enforced on
 *                       every connection; null: the system trust store decides
 */
public record Enrollment(URI consoleUrl, UUID deviceId, String secret, UUID organisationId, Instant enrolledAt,
                         String pin) {

    public static final String FILE = "enrollment.json";

    public Enrollment {
        Objects.requireNonNull(consoleUrl, "consoleUrl");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(secret, "secret");
        if (pin != null) {
            pin = KeyPin.parse(pin).toString();
        }
    }

    /** Without a key pin. */
    public Enrollment(URI consoleUrl, UUID deviceId, String secret, UUID organisationId, Instant enrolledAt) {
        this(consoleUrl, deviceId, secret, organisationId, enrolledAt, null);
    }

    /** The pin to enforce, or null. */
    public KeyPin keyPin() {
        return pin == null ? null : KeyPin.parse(pin);
    }

    /** The {@code Authorization: Bearer} value. */
    public String credential() {
        return deviceId + "." + secret;
    }

    @Override
    public String toString() {
        return "Enrollment[" + consoleUrl + ", device " + deviceId + ", organisation " + organisationId
                + (pin == null ? "" : ", pin " + pin) + "]";
    }

    /** The enrollment saved in {@code stateDir}, if any. */
    public static Optional<Enrollment> load(Path stateDir) throws IOException {
        Path f = stateDir.resolve(FILE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(Files.readString(f, StandardCharsets.UTF_8), Enrollment.class));
        } catch (JsonProcessingException e) {
            throw new IOException(f + " is damaged (" + e.getOriginalMessage() + "); enroll again", e);
        }
    }

    /** Writes atomically; on POSIX the file is created readable by its owner only (0600). */
    public void save(Path stateDir) throws IOException {
        Files.createDirectories(stateDir);
        Path tmp = stateDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this), StandardCharsets.UTF_8);
        try {
            Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, stateDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

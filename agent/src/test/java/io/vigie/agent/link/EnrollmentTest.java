package io.vigie.agent.link;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnrollmentTest {

    @TempDir
    Path state;

    final Enrollment e = new Enrollment(URI.create("https://console.example.fr"), UUID.randomUUID(), "s3cr3t",
            UUID.randomUUID(), Instant.parse("2026-03-02T10:00:00Z"));

    @Test
    void savesAndLoadsBack() throws IOException {
        assertTrue(Enrollment.load(state).isEmpty());
        e.save(state.resolve("sub"));
        assertEquals(e, Enrollment.load(state.resolve("sub")).orElseThrow());
        assertEquals(e.deviceId() + ".s3cr3t", e.credential());
        assertFalse(e.toString().contains("s3cr3t"), "the secret never goes into logs");
        Enrollment other = new Enrollment(URI.create("http://127.0.0.1:8080"), e.deviceId(), "x", null, null);
        other.save(state.resolve("sub"));
        assertEquals(other, Enrollment.load(state.resolve("sub")).orElseThrow(), "replaced atomically");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void fileIsReadableByItsOwnerOnly() throws IOException {
        e.save(state);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve(Enrollment.FILE))));
    }

    @Test
    void aDamagedFileSaysSo() throws IOException {
        Files.writeString(state.resolve(Enrollment.FILE), "{\"consoleUrl\": ");
        IOException ex = assertThrows(IOException.class, () -> Enrollment.load(state));
        assertTrue(ex.getMessage().contains("enroll again"), ex.getMessage());
    }
}

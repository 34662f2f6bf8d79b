package io.vigie.console.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleConfigTest {

    @TempDir
    Path tmp;

    @Test
    void defaultsAreTheDocumentedOnes() {
        ConsoleConfig c = ConsoleConfig.load(null, Map.of());
        assertEquals(Duration.ofDays(7), c.limits().enrollmentCodeLifetime());
        assertEquals(2 * 1024 * 1024, c.limits().reportMaxCompressedBytes());
        assertEquals(16 * 1024 * 1024, c.limits().reportMaxBytes());
        assertEquals(Duration.ofDays(730), c.limits().historyRetention());
        assertNull(c.databaseUrl());
        assertEquals("jdbc:sqlite:" + Path.of("data").toAbsolutePath().resolve("vigie.db"), c.effectiveDatabaseUrl());
        assertFalse(c.tls());
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path f = tmp.resolve("console.properties");
        Files.writeString(f, "http.port=9000\ndata.dir=/srv/vigie\nlimits.reportMaxBytes=8MB\n"
                + "limits.enrollmentCodeLifetime=2d\ntls.cert=/etc/vigie/cert.pem\ntls.key=/etc/vigie/key.pem\n");
        ConsoleConfig c = ConsoleConfig.load(f, Map.of("VIGIE_CONSOLE_HTTP_PORT", "9443",
                "VIGIE_CONSOLE_DATABASE_URL", "jdbc:postgresql://db/vigie", "VIGIE_CONSOLE_LIMITS_HISTORY_RETENTION", "P365D"));
        assertEquals(9443, c.port());
        assertEquals(Path.of("/srv/vigie"), c.dataDir());
        assertEquals(8L * 1024 * 1024, c.limits().reportMaxBytes());
        assertEquals(Duration.ofDays(2), c.limits().enrollmentCodeLifetime());
        assertEquals(Duration.ofDays(365), c.limits().historyRetention());
        assertEquals("jdbc:postgresql://db/vigie", c.effectiveDatabaseUrl());
        assertTrue(c.tls());
    }

    @Test
    void mistakesAreRefusedWithTheirKey() throws Exception {
        Path f = tmp.resolve("bad.properties");
        Files.writeString(f, "http.prot=9000\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsoleConfig.load(f, Map.of()))
                .getMessage().contains("http.prot"));
        assertThrows(IllegalArgumentException.class, () -> ConsoleConfig.load(null, Map.of("VIGIE_CONSOLE_HTTP_PORT", "x")));
        assertThrows(IllegalArgumentException.class,
                () -> ConsoleConfig.load(null, Map.of("VIGIE_CONSOLE_LIMITS_HISTORY_RETENTION", "2 years")));
        assertThrows(IllegalArgumentException.class,
                () -> ConsoleConfig.load(null, Map.of("VIGIE_CONSOLE_DATABASE_URL", "mysql://x")));
        assertThrows(IllegalArgumentException.class, () -> ConsoleConfig.load(null, Map.of("VIGIE_CONSOLE_TLS_CERT", "/c")));
    }

    @Test
    void everyKeyHasAnEnvironmentName() {
        assertEquals("VIGIE_CONSOLE_LIMITS_REPORT_MAX_COMPRESSED_BYTES", ConsoleConfig.envName("limits.reportMaxCompressedBytes"));
        assertEquals("VIGIE_CONSOLE_DATA_DIR", ConsoleConfig.envName("data.dir"));
    }
}

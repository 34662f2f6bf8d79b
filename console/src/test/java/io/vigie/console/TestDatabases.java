package io.vigie.console;

import io.vigie.checks.testing.RequiredService;
import io.vigie.console.store.jdbc.Database;
import org.junit.jupiter.api.Assertions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The two backends every store and API test runs on. PostgreSQL comes from env {@code VIGIE_TEST_PG_URL}; each
 * use gets its own schema, dropped afterwards, so concurrent runs never collide. Without the variable the
 * PostgreSQL tests are skipped with a message, except under {@code CI=true} where that fails the build.
 */
public final class TestDatabases {

    public static final String PG_ENV = "VIGIE_TEST_PG_URL";

    public enum Backend { SQLITE, POSTGRESQL }

    private TestDatabases() {
    }

    /** A fresh database on {@code backend}: its JDBC URL and how to drop it. */
    public record TestDb(Backend backend, String url, Runnable dropper) implements AutoCloseable {
        public Database open() {
            return Database.open(url, null, null, 8);
        }

        @Override
        public void close() {
            dropper.run();
        }
    }

    public static TestDb create(Backend backend, Path tempDir) {
        return switch (backend) {
            case SQLITE -> new TestDb(backend, io.vigie.console.config.ConsoleConfig.sqliteUrl(tempDir.resolve("db-" + UUID.randomUUID())), () -> { });
            case POSTGRESQL -> postgres();
        };
    }

    /** The PostgreSQL base URL, or skips/fails the calling test as documented above. */
    public static String pgBaseUrl() {
        String url = System.getenv(PG_ENV);
        RequiredService.require(url != null && !url.isBlank(),
                "PostgreSQL absent: set " + PG_ENV + " (e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
        try (Connection c = DriverManager.getConnection(url)) {
            c.isValid(2);
        } catch (SQLException e) {
            Assertions.fail("PostgreSQL at " + Database.redact(url) + " (" + PG_ENV + ") is unreachable: " + e.getMessage());
        }
        return url;
    }

    static TestDb postgres() {
        String base = pgBaseUrl();
        String schema = "vigie_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        exec(base, "CREATE SCHEMA " + schema);
        String url = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDb(Backend.POSTGRESQL, url, () -> exec(base, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    private static void exec(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}

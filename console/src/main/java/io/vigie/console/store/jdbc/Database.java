package io.vigie.console.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The connection pool and the schema. SQLite (embedded, the default) or PostgreSQL (a {@code jdbc:postgresql:}
 * URL). Migrations are portable SQL under {@code io/vigie/console/db/migration}.
 */
public final class Database implements AutoCloseable {

    public enum Vendor { SQLITE, POSTGRESQL }

    private final HikariDataSource dataSource;
    private final Vendor vendor;

    private Database(HikariDataSource dataSource, Vendor vendor) {
        this.dataSource = dataSource;
        this.vendor = vendor;
    }

    /**
     * Opens the pool and brings the schema up to date.
     *
     * @param url      {@code jdbc:sqlite:…} or {@code jdbc:postgresql:…}
     * @param user     PostgreSQL user (null: from the URL)
     * @param password PostgreSQL password (null: from the URL)
     * @param poolSize maximum connections
     */
    public static Database open(String url, String user, String password, int poolSize) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setPoolName("vigie-db");
        Vendor vendor;
        if (url.startsWith("jdbc:sqlite:")) {
            vendor = Vendor.SQLITE;
            String file = url.substring("jdbc:sqlite:".length());
            int q = file.indexOf('?');
            Path parent = Path.of(q >= 0 ? file.substring(0, q) : file).toAbsolutePath().getParent();
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data folder " + parent, e);
            }
            hc.addDataSourceProperty("journal_mode", "WAL");
            hc.addDataSourceProperty("synchronous", "FULL");
            hc.addDataSourceProperty("foreign_keys", "true");
            hc.addDataSourceProperty("busy_timeout", "5000");
            // Write transactions take the write lock at BEGIN: a deferred transaction upgrading its read lock
            // fails at once with SQLITE_BUSY instead of waiting busy_timeout.
            hc.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            hc.setMaximumPoolSize(Math.max(2, poolSize));
        } else if (url.startsWith("jdbc:postgresql:")) {
            vendor = Vendor.POSTGRESQL;
            if (user != null) {
                hc.setUsername(user);
            }
            if (password != null) {
                hc.setPassword(password);
            }
            hc.addDataSourceProperty("reWriteBatchedInserts", "true");
            hc.setMaximumPoolSize(Math.max(2, poolSize));
        } else {
            throw new IllegalArgumentException("unsupported database URL (use jdbc:sqlite: or jdbc:postgresql:): " + redact(url));
        }
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:io/vigie/console/db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, vendor);
    }

    /** The URL without its query (which may hold a password), for logs and errors. */
    public static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Vendor vendor() {
        return vendor;
    }

    /** Maximum connections of the pool. */
    public int poolSize() {
        return dataSource.getMaximumPoolSize();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

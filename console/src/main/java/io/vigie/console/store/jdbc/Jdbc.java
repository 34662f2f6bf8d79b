package io.vigie.console.store.jdbc;

import io.vigie.console.store.StoreException;
import io.vigie.console.store.StoreException.Kind;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one JDBC kernel every store of this package uses: transactions ({@link #tx}), reads ({@link #read}),
 * prepared statements with parameters bound by type the same way everywhere (UUIDs as text, instants as epoch
 * milliseconds, enums by name — the portable schema), and one failure type ({@link StoreFailure}).
 *
 * <p>SQLite has one writer at a time. Waiting for the write lock inside SQLite means its busy handler sleeping in
 * growing steps (up to 100 ms), which wastes the lock while it is free; so on SQLite every write transaction of
 * every store queues here, fairly, and gets the lock at once when its turn comes. One kernel per {@link Database}:
 * the stores of a database share it. PostgreSQL (row locks, concurrent writers) does not queue.
 */
final class Jdbc {

    private final Database database;
    private final DataSource ds;
    /** The SQLite writer queue; null for PostgreSQL. */
    private final ReentrantLock sqliteWriter;

    Jdbc(Database database) {
        this.database = database;
        this.ds = database.dataSource();
        this.sqliteWriter = database.vendor() == Database.Vendor.SQLITE ? new ReentrantLock(true) : null;
    }

    Database database() {
        return database;
    }

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Runs {@code work} in one transaction: all of it or nothing; on SQLite, in its turn in the writer queue. */
    <T> T tx(Work<T> work) {
        if (sqliteWriter == null) {
            return txNow(work);
        }
        sqliteWriter.lock();
        try {
            return txNow(work);
        } finally {
            sqliteWriter.unlock();
        }
    }

    private <T> T txNow(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
    }

    /** Runs read-only {@code work} on a connection (no transaction, no queue). */
    <T> T read(Work<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreFailure(e);
        }
    }

    // ------------------------------------------------------------------ statements

    static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
            }
        }
    }

    static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object v = params[i];
            if (v == null) {
                ps.setObject(i + 1, null);
            } else if (v instanceof UUID u) {
                ps.setString(i + 1, u.toString());
            } else if (v instanceof Instant t) {
                ps.setLong(i + 1, t.toEpochMilli());
            } else if (v instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (v instanceof Long n) {
                ps.setLong(i + 1, n);
            } else if (v instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else if (v instanceof String s) {
                ps.setString(i + 1, s);
            } else if (v instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + v.getClass() + " in " + Arrays.toString(params));
            }
        }
    }

    // ------------------------------------------------------------------ columns

    static UUID uuid(ResultSet rs, int i) throws SQLException {
        String s = rs.getString(i);
        return s == null ? null : UUID.fromString(s);
    }

    /** An epoch-millisecond column as an instant; null stays null. */
    static Instant instant(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    /** Parameters: {@code first}, then {@code rest}. */
    static Object[] args(Object[] first, Object... rest) {
        Object[] out = Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, out, first.length, rest.length);
        return out;
    }

    // ------------------------------------------------------------------ checks shared by the stores

    static String requireText(String s, String what, int max) {
        if (s == null || s.isBlank()) {
            throw new StoreException(Kind.INVALID, "missing_" + what.replace(' ', '_'), what + " is required");
        }
        String t = s.strip();
        if (t.length() > max) {
            throw new StoreException(Kind.INVALID, "too_long", what + " is longer than " + max + " characters");
        }
        return t;
    }
}

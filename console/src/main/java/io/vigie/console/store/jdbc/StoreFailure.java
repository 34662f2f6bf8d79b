package io.vigie.console.store.jdbc;

import java.sql.SQLException;

/**
 * A database failure (not a refusal): the API answers 500/503 and logs it. The one exception the {@link Jdbc}
 * kernel throws for an {@link SQLException}, whichever store ran the statement.
 */
public final class StoreFailure extends RuntimeException {

    StoreFailure(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** Deadlock or serialization failure (PostgreSQL), busy (SQLite): worth one more try. */
    boolean retryable() {
        if (getCause() instanceof SQLException sql) {
            String state = sql.getSQLState();
            return "40P01".equals(state) || "40001".equals(state) || String.valueOf(sql.getMessage()).contains("SQLITE_BUSY");
        }
        return false;
    }
}

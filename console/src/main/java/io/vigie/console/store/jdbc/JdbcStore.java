package io.vigie.console.store.jdbc;

import static io.vigie.console.store.jdbc.Jdbc.one;

import io.vigie.console.store.AccountStore;
import io.vigie.console.store.DeliveryStore;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.ReportStore;
import io.vigie.console.store.Store;
import io.vigie.console.store.TenantStore;
import io.vigie.console.store.WebStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link Store} on JDBC, one implementation for SQLite and PostgreSQL (portable SQL only: {@code INSERT … ON
 * CONFLICT} exists in both): the stores of one database, sharing one {@link Jdbc} kernel (so on SQLite every write
 * of every store waits in the same writer queue). Closing it closes the database.
 */
public final class JdbcStore implements Store {

    /** The tables counted by {@link #rowCounts}, in an order safe for deletion (children first). */
    public static final List<String> TABLES = List.of("security_audit", "report_delivery", "verdict_sets", "reports", "devices",
            "enrollment_codes", "throttle", "sessions", "api_tokens", "users", "organisations", "providers");

    private final Database database;
    private final Jdbc jdbc;
    private final AccountStore accounts;
    private final TenantStore tenants;
    private final ReportStore reports;
    private final DeliveryStore delivery;
    private final WebStore web;
    private final DiagnosticStore diagnostics;

    public JdbcStore(Database database) {
        this.database = database;
        this.jdbc = new Jdbc(database);
        this.accounts = new JdbcAccountStore(jdbc);
        this.tenants = new JdbcTenantStore(jdbc);
        this.reports = new JdbcReportStore(jdbc);
        this.delivery = new JdbcDeliveryStore(jdbc);
        this.web = new JdbcWebStore(jdbc);
        this.diagnostics = new JdbcDiagnosticStore(jdbc);
    }

    /** Opens the database (pool and schema) and its stores. */
    public static JdbcStore open(String url, String user, String password, int poolSize) {
        return new JdbcStore(Database.open(url, user, password, poolSize));
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public TenantStore tenants() {
        return tenants;
    }

    @Override
    public ReportStore reports() {
        return reports;
    }

    @Override
    public DeliveryStore delivery() {
        return delivery;
    }

    @Override
    public WebStore web() {
        return web;
    }

    @Override
    public DiagnosticStore diagnostics() {
        return diagnostics;
    }

    @Override
    public Map<String, Long> rowCounts() {
        return jdbc.read(c -> {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String t : TABLES) {
                m.put(t, one(c, "SELECT COUNT(*) FROM " + t, rs -> rs.getLong(1)).orElseThrow());
            }
            return m;
        });
    }

    @Override
    public void ping() {
        jdbc.read(c -> one(c, "SELECT 1", rs -> rs.getInt(1)));
    }

    @Override
    public String vendor() {
        return database.vendor().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        database.close();
    }
}

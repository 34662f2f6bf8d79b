package io.vigie.console.store;

import java.util.Map;

/**
 * Everything the console keeps, as the stores of one database. Console instances hold no state of their own:
 * sessions, throttling counters and enrollment codes live here, so several instances can share one database.
 *
 * <p>Tenancy is enforced by the stores: every method reading or changing tenant data takes a {@link Scope} (a user)
 * or a {@link DeviceIdentity} (an agent) and adds the tenant predicate to its SQL. Something outside the caller's
 * tenant is reported as absent ({@link java.util.Optional#empty()} or {@link StoreException.Kind#NOT_FOUND}), never
 * as forbidden, so ids of other tenants cannot be probed.
 *
 * <p>A refused change throws {@link StoreException} and leaves every table as it was (one transaction).
 * Calls block (JDBC): never call them on a Vert.x event loop. Implementations are safe for concurrent use.
 */
public interface Store extends AutoCloseable {

    AccountStore accounts();

    TenantStore tenants();

    ReportStore reports();

    DeliveryStore delivery();

    WebStore web();

    DiagnosticStore diagnostics();

    /** Row count of every table, by table name (health, tests, diagnostics). */
    Map<String, Long> rowCounts();

    /** A cheap round trip to the database. */
    void ping();

    /** The database product, for the start-up log: {@code sqlite}, {@code postgresql}. */
    String vendor();

    @Override
    void close();
}

package io.vigie.console.report;

import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.console.diagnostic.DiagnosticEvaluator;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.DiagnosticStore.Diagnostic;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.NewReport;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.jdbc.Database;
import io.vigie.console.store.jdbc.JdbcDiagnosticStore;
import io.vigie.console.store.jdbc.JdbcStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Dashboard benchmark (not a test): what the dashboard's « diagnostic et plan » column costs an MSP with many
 * customers. Seeds an embedded database (SQLite) with organisations, each with devices, one report per device
 * before a signed diagnostic and several after it (the plan's proofs read them), then times evaluating every
 * organisation's newest diagnostic as the dashboard does, after a warm-up. Run by {@code bench/dashboard/run.sh}.
 *
 * <p>Arguments: {@code [organisations=300] [devices=3] [laterReports=6] [runs=5]} (PostgreSQL: set
 * {@code VIGIE_BENCH_PG_URL}; the benchmark works in a schema of its own and drops it at the end).
 */
public final class DashboardBench {

    private DashboardBench() {
    }

    public static void main(String[] args) throws Exception {
        int orgs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int later = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path home = Files.createTempDirectory("vigie-dashboard-bench");
        List<Report> machines = ReportFixtures.machines(home.resolve("agent"));
        String pg = System.getenv("VIGIE_BENCH_PG_URL");
        String schema = "vigie_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = pg == null ? io.vigie.console.config.ConsoleConfig.sqliteUrl(home.resolve("data"))
                : pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        if (pg != null) {
            sql(pg, "CREATE SCHEMA " + schema); // a schema of its own, dropped at the end
        }
        Instant t0 = Instant.parse("2026-09-01T08:00:00Z");
        try (JdbcStore store = new JdbcStore(Database.open(url, null, null, 4))) {
            DiagnosticStore diagnostics = store.diagnostics();
            UUID provider = store.accounts().ensureProvider("Infogérance Bench " + UUID.randomUUID(), t0);
            Scope admin = store.accounts().createUser(provider, null, "bench-" + UUID.randomUUID() + "@example.org", "$argon2id$x",
                    Role.PROVIDER_ADMIN, t0).scope();
            long s0 = System.nanoTime();
            int reports = 0;
            List<Organisation> all = new ArrayList<>();
            for (int o = 0; o < orgs; o++) {
                Organisation org = store.tenants().createOrganisation(admin, "Client " + o, t0);
                all.add(org);
                List<DeviceIdentity> ids = new ArrayList<>();
                for (int d = 0; d < devices; d++) {
                    IssuedSecret code = store.tenants().createEnrollmentCode(admin, org.id(), t0, Duration.ofDays(1));
                    ids.add(store.tenants().enroll(code.secret(), UUID.randomUUID(), "pc-" + o + "-" + d, "windows", t0).device());
                }
                for (int d = 0; d < devices; d++) {
                    store(store, ids.get(d), machines.get((o + d) % machines.size()), t0.plus(Duration.ofHours(1)));
                    reports++;
                }
                Diagnostic diag = diagnostics.createDiagnostic(admin, org.id(), "vigie-referential", "2026.11.1",
                        devices, 0, t0.plus(Duration.ofHours(2)));
                diagnostics.sign(admin, diag.id(), t0.plus(Duration.ofHours(3)));
                for (int k = 1; k <= later; k++) {
                    for (int d = 0; d < devices; d++) {
                        store(store, ids.get(d), machines.get((o + d + k) % machines.size()),
                                t0.plus(Duration.ofDays(5L * k)));
                        reports++;
                    }
                }
            }
            double seed = (System.nanoTime() - s0) / 1e9;
            DiagnosticEvaluator evaluator = new DiagnosticEvaluator(store, diagnostics);
            Instant now = t0.plus(Duration.ofDays(5L * later + 1));
            dashboard(all, admin, diagnostics, new DiagnosticEvaluator(store, diagnostics), now); // warm-up
            List<Double> times = new ArrayList<>();
            List<Double> kept = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                DiagnosticEvaluator fresh = new DiagnosticEvaluator(store, diagnostics); // nothing kept yet
                long a = System.nanoTime();
                dashboard(all, admin, diagnostics, fresh, now);
                long b = System.nanoTime();
                dashboard(all, admin, diagnostics, fresh, now); // nothing changed: summaries served again
                long e = System.nanoTime();
                times.add((b - a) / 1e6);
                kept.add((e - b) / 1e6);
            }
            Collections.sort(times);
            Collections.sort(kept);
            System.out.printf("store=%s organisations=%d devices/org=%d reports=%d (seeded in %.1f s) runs=%d cores=%d%n",
                    url.startsWith("jdbc:sqlite:") ? "sqlite" : "postgresql", orgs, devices, reports, seed, runs,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("diagnostic column for all organisations: median %.0f ms, min %.0f ms, max %.0f ms; "
                    + "per organisation: %.1f ms%n", times.get(times.size() / 2), times.get(0),
                    times.get(times.size() - 1), times.get(times.size() / 2) / orgs);
            System.out.printf("same, nothing changed since (summaries kept): median %.0f ms, min %.0f ms, max %.0f ms; "
                    + "per organisation: %.2f ms%n", kept.get(kept.size() / 2), kept.get(0), kept.get(kept.size() - 1),
                    kept.get(kept.size() / 2) / orgs);
        } finally {
            if (pg != null) {
                sql(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void sql(String url, String statement) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    /** What the dashboard does per organisation for its diagnostic column. */
    private static void dashboard(List<Organisation> orgs, Scope scope, DiagnosticStore diagnostics,
                                  DiagnosticEvaluator evaluator, Instant now) {
        for (Organisation o : orgs) {
            List<Diagnostic> list = diagnostics.diagnostics(scope, o.id());
            DiagnosticEvaluator.Summary s = evaluator.summary(scope, list.get(0).id(), now);
            if (s.level() == null) {
                throw new IllegalStateException("nothing evaluated for " + o.name());
            }
        }
    }

    private static void store(JdbcStore store, DeviceIdentity device, Report r, Instant at) {
        List<Finding> findings = r.findings();
        store.reports().storeReport(device, new NewReport(UUID.randomUUID(), device.deviceId(), 1, r.hostname(), r.platform(),
                r.agentVersion(), r.catalogueVersion(), at.minusSeconds(5), at, "{}", findings, r.catalogueVersion(),
                findings), at.plusSeconds(1));
    }
}

package io.vigie.console.store.jdbc;

import static io.vigie.console.store.jdbc.Jdbc.instant;
import static io.vigie.console.store.jdbc.Jdbc.integer;
import static io.vigie.console.store.jdbc.Jdbc.list;
import static io.vigie.console.store.jdbc.Jdbc.one;
import static io.vigie.console.store.jdbc.Jdbc.update;
import static io.vigie.console.store.jdbc.Jdbc.uuid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.ReportClock;
import io.vigie.checks.report.Verdict;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.IngestResult;
import io.vigie.console.store.NewReport;
import io.vigie.console.store.ReportFindings;
import io.vigie.console.store.ReportStore;
import io.vigie.console.store.ReportSummary;
import io.vigie.console.store.ReportToJudge;
import io.vigie.console.store.Scope;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.StoreException.Kind;
import io.vigie.console.store.StoredReport;
import io.vigie.console.store.VerdictSet;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@link ReportStore} on JDBC. Uploads are written by {@link GroupCommit}: many reports per transaction. Scoped
 * reads join {@code organisations o} and add the {@link Tenant} predicate.
 */
final class JdbcReportStore implements ReportStore {

    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() { };

    /** A report waiting for the next group commit. */
    private record Upload(DeviceIdentity device, NewReport report, Instant now) {
    }

    private final Jdbc jdbc;
    private final GroupCommit<Upload, IngestResult> uploads;

    JdbcReportStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.uploads = new GroupCommit<>(jdbc.database(), this::writeBatch);
    }

    @Override
    public List<ReportToJudge> reportsToJudge(UUID afterId, int limit) {
        String latest = "(SELECT v.catalogue_version FROM verdict_sets v WHERE v.report_id = r.id AND v.judged_by = 'console' "
                + "ORDER BY v.judged_at DESC, v.id DESC LIMIT 1)";
        return jdbc.read(c -> afterId == null
                ? list(c, "SELECT r.id, r.body, " + latest + " FROM reports r ORDER BY r.id LIMIT ?",
                    rs -> new ReportToJudge(uuid(rs, 1), rs.getString(2), rs.getString(3)), limit)
                : list(c, "SELECT r.id, r.body, " + latest + " FROM reports r WHERE r.id > ? ORDER BY r.id LIMIT ?",
                    rs -> new ReportToJudge(uuid(rs, 1), rs.getString(2), rs.getString(3)), afterId, limit));
    }

    @Override
    public void addConsoleVerdicts(UUID reportId, String catalogueVersion, Instant judgedAt, List<Finding> findings) {
        jdbc.tx(c -> {
            if (one(c, "SELECT id FROM reports WHERE id = ?", rs -> 1, reportId).isEmpty()) {
                throw StoreException.notFound("report");
            }
            // "newest" is by judged_at: keep it strictly increasing per report even with equal or skewed clocks
            long latest = one(c, "SELECT MAX(judged_at) FROM verdict_sets WHERE report_id = ? AND judged_by = 'console'",
                    rs -> rs.getLong(1), reportId).orElse(0L);
            Instant at = judgedAt.toEpochMilli() > latest ? judgedAt : Instant.ofEpochMilli(latest + 1);
            insertVerdicts(c, reportId, VerdictSet.CONSOLE, catalogueVersion, at, findings);
            return null;
        });
    }

    @Override
    public int purgeReportsReceivedBefore(Instant cutoff) {
        return jdbc.tx(c -> {
            update(c, "DELETE FROM verdict_sets WHERE report_id IN (SELECT id FROM reports WHERE received_at < ?)", cutoff);
            return update(c, "DELETE FROM reports WHERE received_at < ?", cutoff);
        });
    }

    /**
     * Queued for a group commit ({@link GroupCommit}). A report refused for its own reason (id taken by another
     * device) does not affect the others of its batch; if the batch fails as a whole, each report is retried alone
     * so that one bad report fails only itself.
     */
    @Override
    public IngestResult storeReport(DeviceIdentity device, NewReport r, Instant now) {
        if (!device.deviceId().equals(r.deviceId())) {
            throw new StoreException(Kind.FORBIDDEN, "device_mismatch",
                    "the report's deviceId is not the device of this credential");
        }
        return uploads.submit(new Upload(device, r, now));
    }

    private void writeBatch(List<GroupCommit.Pending<Upload, IngestResult>> batch) {
        // Lock order is the same in every transaction (reports by id, then devices by id), so that concurrent
        // lanes on PostgreSQL wait for each other instead of deadlocking.
        List<GroupCommit.Pending<Upload, IngestResult>> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(p -> p.item.report().reportId()));
        try {
            jdbc.tx(c -> {
                Map<UUID, Upload> lastByDevice = new TreeMap<>();
                for (GroupCommit.Pending<Upload, IngestResult> p : ordered) {
                    p.succeed(null);
                    try {
                        p.succeed(insertReport(c, p.item));
                        if (p.result == IngestResult.STORED) {
                            lastByDevice.put(p.item.device().deviceId(), p.item);
                        }
                    } catch (StoreException e) {
                        p.fail(e); // nothing was written for this one
                    }
                }
                for (Upload u : lastByDevice.values()) {
                    touchDevice(c, u);
                }
                return null;
            });
        } catch (RuntimeException batchFailure) {
            for (GroupCommit.Pending<Upload, IngestResult> p : ordered) {
                p.succeed(null);
                for (int attempt = 1; ; attempt++) {
                    try {
                        p.succeed(jdbc.tx(c -> {
                            IngestResult r = insertReport(c, p.item);
                            if (r == IngestResult.STORED) {
                                touchDevice(c, p.item);
                            }
                            return r;
                        }));
                        break;
                    } catch (StoreFailure e) {
                        if (attempt >= 3 || !e.retryable()) {
                            p.fail(e);
                            break;
                        }
                    } catch (RuntimeException e) {
                        p.fail(e);
                        break;
                    }
                }
            }
        }
    }

    private static void touchDevice(Connection c, Upload u) throws SQLException {
        update(c, "UPDATE devices SET last_seen_at = ?, hostname = ?, platform = ? WHERE id = ?",
                u.now(), u.report().hostname(), u.report().platform(), u.device().deviceId());
    }

    private static IngestResult insertReport(Connection c, Upload u) throws SQLException {
        DeviceIdentity device = u.device();
        NewReport r = u.report();
        Instant now = u.now();
        int inserted = update(c, "INSERT INTO reports (id, device_id, organisation_id, schema_version, hostname, platform, "
                + "agent_version, catalogue_version, started_at, finished_at, received_at, body) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                r.reportId(), device.deviceId(), device.organisationId(), r.schemaVersion(), r.hostname(), r.platform(),
                r.agentVersion(), r.agentCatalogueVersion(), r.startedAt(), r.finishedAt(), now, r.body());
        if (inserted == 0) {
            UUID owner = one(c, "SELECT device_id FROM reports WHERE id = ?", rs -> uuid(rs, 1), r.reportId()).orElseThrow();
            if (owner.equals(device.deviceId())) {
                return IngestResult.ALREADY_STORED;
            }
            throw new StoreException(Kind.CONFLICT, "report_id_taken", "another device already sent a report with this id");
        }
        if (r.agentFindings() != null) {
            insertVerdicts(c, r.reportId(), VerdictSet.AGENT, r.agentCatalogueVersion(), r.finishedAt() == null ? now
                    : r.finishedAt(), r.agentFindings());
        }
        insertVerdicts(c, r.reportId(), VerdictSet.CONSOLE, r.consoleCatalogueVersion(), now, r.consoleFindings());
        return IngestResult.STORED;
    }

    private static final String SUMMARY_SELECT = "SELECT r.id, r.device_id, r.organisation_id, r.schema_version, r.hostname, "
            + "r.platform, r.agent_version, r.catalogue_version, r.started_at, r.finished_at, r.received_at, "
            + "v.fail_count, v.unknown_count";
    private static final String SUMMARY_FROM = " FROM reports r JOIN organisations o ON o.id = r.organisation_id "
            + "LEFT JOIN verdict_sets v ON v.id = (SELECT v2.id FROM verdict_sets v2 WHERE v2.report_id = r.id "
            + "AND v2.judged_by = 'console' ORDER BY v2.judged_at DESC, v2.id DESC LIMIT 1)";

    @Override
    public List<ReportSummary> reports(Scope scope, UUID deviceId, int limit) {
        return jdbc.read(c -> {
            if (JdbcTenantStore.findDevice(c, scope, deviceId).isEmpty()) {
                throw StoreException.notFound("device");
            }
            Tenant t = Tenant.where(scope);
            return list(c, SUMMARY_SELECT + SUMMARY_FROM + " WHERE r.device_id = ? AND " + t.sql()
                    + " ORDER BY r.received_at DESC, r.id DESC LIMIT ?", JdbcReportStore::summary,
                    Jdbc.args(t.after(deviceId), Math.max(1, Math.min(limit, 1000))));
        });
    }

    @Override
    public Optional<StoredReport> report(Scope scope, UUID reportId) {
        Tenant t = Tenant.where(scope);
        return jdbc.read(c -> one(c, SUMMARY_SELECT + ", r.body" + SUMMARY_FROM + " WHERE r.id = ? AND " + t.sql(),
                rs -> new StoredReport(summary(rs), rs.getString(14)), t.after(reportId)));
    }

    @Override
    public List<ReportFindings> reportFindings(Scope scope, UUID organisationId, Instant from, Instant to) {
        Tenant t = Tenant.where(scope);
        // the time computed with (ReportClock's effective end) is never after the arrival nor further before it than
        // the clock's limit: the reports to judge arrived from `from` to `to` + that limit
        Instant arrivedTo = to.plus(ReportClock.Limits.DEFAULTS.behind());
        List<ReportFindings> out = new ArrayList<>(jdbc.read(c -> list(c, "SELECT r.id, r.device_id, r.started_at, "
                + "r.finished_at, r.received_at, v.findings FROM reports r JOIN organisations o ON o.id = r.organisation_id "
                + "JOIN verdict_sets v ON v.id = (SELECT v2.id FROM verdict_sets v2 WHERE v2.report_id = r.id "
                + "AND v2.judged_by = 'console' ORDER BY v2.judged_at DESC, v2.id DESC LIMIT 1) "
                + "WHERE r.organisation_id = ? AND r.received_at BETWEEN ? AND ? AND " + t.sql(),
                rs -> new ReportFindings(uuid(rs, 1), uuid(rs, 2),
                        ReportClock.judge(instant(rs, 3), instant(rs, 4), instant(rs, 5)), readFindings(rs.getString(6))),
                t.after(organisationId, from, arrivedTo))));
        out.removeIf(r -> r.reportedAt().isBefore(from) || r.reportedAt().isAfter(to));
        out.sort(Comparator.comparing(ReportFindings::reportedAt).thenComparing(r -> r.reportId().toString()));
        return out;
    }

    @Override
    public Optional<VerdictSet> consoleVerdicts(Scope scope, UUID reportId) {
        return verdicts(scope, reportId, VerdictSet.CONSOLE);
    }

    private Optional<VerdictSet> verdicts(Scope scope, UUID reportId, String judgedBy) {
        Tenant t = Tenant.where(scope);
        return jdbc.read(c -> one(c, "SELECT v.id, v.report_id, v.judged_by, v.catalogue_version, v.judged_at, v.findings "
                + "FROM verdict_sets v JOIN reports r ON r.id = v.report_id JOIN organisations o ON o.id = r.organisation_id "
                + "WHERE v.report_id = ? AND v.judged_by = ? AND " + t.sql() + " ORDER BY v.judged_at DESC, v.id DESC LIMIT 1",
                rs -> new VerdictSet(uuid(rs, 1), uuid(rs, 2), rs.getString(3), rs.getString(4), instant(rs, 5),
                        readFindings(rs.getString(6))), t.after(reportId, judgedBy)));
    }

    private static void insertVerdicts(Connection c, UUID reportId, String judgedBy, String catalogueVersion,
                                       Instant judgedAt, List<Finding> findings) throws SQLException {
        int fail = 0;
        int unknown = 0;
        for (Finding f : findings) {
            if (f.verdict() == Verdict.FAIL) {
                fail++;
            } else if (f.verdict() == Verdict.UNKNOWN) {
                unknown++;
            }
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("findings not serialisable", e);
        }
        update(c, "INSERT INTO verdict_sets (id, report_id, judged_by, catalogue_version, judged_at, fail_count, unknown_count, "
                + "findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), reportId, judgedBy, catalogueVersion,
                judgedAt, fail, unknown, json);
    }

    private static List<Finding> readFindings(String json) {
        try {
            return Json.mapper().readValue(json, FINDINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored findings unreadable", e);
        }
    }

    private static ReportSummary summary(ResultSet rs) throws SQLException {
        return new ReportSummary(uuid(rs, 1), uuid(rs, 2), uuid(rs, 3), rs.getInt(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), instant(rs, 9), instant(rs, 10), instant(rs, 11), integer(rs, 12),
                integer(rs, 13));
    }
}

package io.vigie.console.store;

import io.vigie.checks.report.Finding;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reports and their verdict sets: ingestion, scoped reads, re-judging and retention. Calls block. */
public interface ReportStore {

    /**
     * Stores a report of the authenticated device with both verdict sets, idempotent on the report id.
     *
     * @throws StoreException FORBIDDEN when the report names another device, CONFLICT when its id is taken by
     *                        another device's report
     */
    IngestResult storeReport(DeviceIdentity device, NewReport report, Instant now);

    /** Reports of one device, newest first. */
    List<ReportSummary> reports(Scope scope, UUID deviceId, int limit);

    Optional<StoredReport> report(Scope scope, UUID reportId);

    /** The newest console verdict set of a report. */
    Optional<VerdictSet> consoleVerdicts(Scope scope, UUID reportId);

    /**
     * Every report of the organisation's devices made from {@code from} to {@code to} inclusive by its
     * {@link ReportFindings#reportedAt()} (the agent's finish time clamped by {@code ReportClock}), oldest first, each with the findings of its newest console verdict set: the timeline
     * the diagnostic's measured answers and the plan's proofs are read from. One query.
     */
    List<ReportFindings> reportFindings(Scope scope, UUID organisationId, Instant from, Instant to);

    // ---- administration (command line, retention): not scoped ----

    /** A page of reports in id order after {@code afterId} (null: from the start), for re-judging. */
    List<ReportToJudge> reportsToJudge(UUID afterId, int limit);

    /** Adds a console verdict set to a report (re-judging keeps the older sets as history). */
    void addConsoleVerdicts(UUID reportId, String catalogueVersion, Instant judgedAt, List<Finding> findings);

    /** Deletes reports received before {@code cutoff} (retention); returns how many. */
    int purgeReportsReceivedBefore(Instant cutoff);
}

package io.vigie.console.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Delivery;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.Verdict;
import io.vigie.console.http.ApiException;
import io.vigie.console.judge.ConsoleJudge;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.IngestResult;
import io.vigie.console.store.NewReport;
import io.vigie.console.store.ReportDelivery;
import io.vigie.console.store.Store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An agent's upload, once its credential is checked: the body is validated against the report schema, read, judged
 * with the console's catalogue and stored (idempotent on the report id) with its delivery gap, if any. Runs on a
 * worker. Safe for concurrent use.
 */
public final class ReportUpload {

    /**
     * What was done with an upload.
     *
     * @param stored  false when this report was already stored (nothing changed)
     * @param fail    the console's FAIL verdicts (when stored)
     * @param unknown the console's UNKNOWN verdicts (when stored)
     */
    public record Uploaded(UUID reportId, boolean stored, String catalogueVersion, long fail, long unknown) {
    }

    private final Store store;
    private final ConsoleJudge judge;
    private final ReportValidator validator;
    private final Clock clock;

    public ReportUpload(Store store, ConsoleJudge judge, ReportValidator validator, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.judge = Objects.requireNonNull(judge);
        this.validator = Objects.requireNonNull(validator);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Checks and stores the body of an upload of {@code device}.
     *
     * @throws InvalidReport  the body does not follow the report schema
     * @throws ApiException   400 {@code invalid_json} / {@code bad_report}, 403 {@code device_mismatch}
     */
    public Uploaded upload(DeviceIdentity device, byte[] body) {
        ReportValidator.Parsed parsed = ReportValidator.parse(body);
        JsonNode tree = parsed.tree();
        List<ReportValidator.Problem> problems = validator.validate(tree, 10);
        if (!problems.isEmpty()) {
            throw new InvalidReport(problems);
        }
        Report report;
        try {
            report = Json.mapper().treeToValue(tree, Report.class);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "bad_report", "the report cannot be read: " + firstLine(e.getMessage()));
        }
        ReportImport.requireFactKeys(report);
        if (!device.deviceId().equals(report.deviceId())) {
            throw new ApiException(403, "device_mismatch", "the report's deviceId is not the device of this credential");
        }
        List<Finding> findings = judge.judge(report);
        Instant now = clock.instant();
        NewReport nr = new NewReport(report.reportId(), report.deviceId(), report.schemaVersion(), report.hostname(),
                report.platform(), report.agentVersion(), report.catalogueVersion(), report.startedAt(),
                report.finishedAt(), parsed.text(), report.findings(),
                judge.catalogueVersion(), findings);
        IngestResult r = store.reports().storeReport(device, nr, now);
        Delivery d = report.delivery();
        if (d != null && d.droppedBefore() > 0) {
            // the gap before this report (agent spool full); recorded once, also when a retry finds it stored
            store.delivery().record(new ReportDelivery(report.reportId(), ReportDelivery.UPLOAD, true,
                    d.droppedBefore(), d.droppedFrom(), d.droppedTo(), null, now));
        }
        return new Uploaded(report.reportId(), r == IngestResult.STORED, judge.catalogueVersion(),
                findings.stream().filter(f -> f.verdict() == Verdict.FAIL).count(),
                findings.stream().filter(f -> f.verdict() == Verdict.UNKNOWN).count());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

package io.vigie.console.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Delivery;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.ReportFile;
import io.vigie.console.http.ApiException;
import io.vigie.console.judge.ConsoleJudge;
import io.vigie.console.store.DeliveryStore;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.IngestResult;
import io.vigie.console.store.NewReport;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.ReportDelivery;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Store;
import io.vigie.console.store.StoreException;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Imports a report file written by {@code vigie check --out FILE} (a {@link ReportFile} envelope) into an
 * organisation: for machines that cannot reach the console. Used by the REST route
 * {@code POST /api/v1/organisations/{organisationId}/imports} and by the web upload form:
 * call {@link #importFile} on a worker thread (it blocks on the database).
 *
 * <p>A signed file (HMAC-SHA256, enrolled agent) is checked with the device key, SHA-256(device secret), which is
 * exactly what the console stores: the device must be enrolled in this organisation and not revoked, and an edited
 * file is refused. A checksum-only file (agent never enrolled) only proves the file is whole; its report is
 * stored marked "non authentifié" ({@code authenticated = false}), under a device registered on the fly when new.
 * Every check runs before anything is written: a refused file stores nothing.
 */
public final class ReportImport {

    /**
     * An imported report.
     *
     * @param alreadyStored true when this report was already in the console (nothing changed)
     */
    public record Imported(UUID reportId, UUID deviceId, UUID organisationId, String hostname, boolean authenticated,
                           boolean alreadyStored) {
    }

    private final Store store;
    private final DeliveryStore records;
    private final ConsoleJudge judge;
    private final ReportValidator validator;
    private final Clock clock;

    public ReportImport(Store store, ConsoleJudge judge, ReportValidator validator, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.records = store.delivery();
        this.judge = Objects.requireNonNull(judge);
        this.validator = Objects.requireNonNull(validator);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Checks and stores one report file for {@code organisationId}, as {@code scope}.
     *
     * @throws ApiException a refusal, with a status and a stable code: 403 {@code role_forbidden}, 404
     *                      {@code not_found}, 400 {@code bad_file} / {@code bad_report}, 422 {@code bad_signature}
     *                      / {@code bad_checksum} / {@code unknown_device} / {@code device_revoked} /
     *                      {@code device_mismatch}, 409 {@code device_conflict} / {@code report_id_taken}
     */
    public Imported importFile(Scope scope, UUID organisationId, byte[] file) {
        // Tenancy first: another tenant's organisation is "not found" whatever the caller's role.
        Organisation org = store.tenants().organisation(scope, organisationId)
                .orElseThrow(() -> new ApiException(404, "not_found", "organisation not found"));
        if (!scope.role().canManage()) {
            throw new ApiException(403, "role_forbidden", "this role may read but not import reports");
        }
        ReportFile.Envelope envelope;
        try {
            envelope = ReportFile.parse(file);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_file", "not a readable Vigie report file: " + e.getMessage());
        }
        Optional<DeliveryStore.DeviceKey> known = records.deviceKey(envelope.deviceId());
        boolean inThisOrg = known.isPresent() && known.get().organisationId().equals(org.id());
        boolean authenticated = envelope.signed();
        if (authenticated) {
            if (!inThisOrg) {
                throw new ApiException(422, "unknown_device",
                        "this signed file comes from a device that is not enrolled in this organisation");
            }
            byte[] key = HexFormat.of().parseHex(known.get().secretHash());
            if (!ReportFile.signatureMatches(envelope, key)) {
                throw new ApiException(422, "bad_signature",
                        "the signature does not match: the file was changed after the agent wrote it");
            }
            if (known.get().revokedAt() != null) {
                throw new ApiException(422, "device_revoked", "this device has been revoked");
            }
        } else {
            if (!ReportFile.checksumMatches(envelope)) {
                throw new ApiException(422, "bad_checksum", "the checksum does not match: the file is damaged or truncated");
            }
            if (known.isPresent() && !inThisOrg) {
                throw new ApiException(409, "device_conflict", "this device id cannot be used in this organisation");
            }
        }
        Report report = readReport(envelope.report());
        if (!envelope.deviceId().equals(report.deviceId())) {
            throw new ApiException(422, "device_mismatch", "the report's deviceId is not the file's device");
        }
        Optional<UUID> owner = records.reportOwner(report.reportId());
        if (owner.isPresent()) {
            if (!owner.get().equals(report.deviceId())) {
                throw new ApiException(409, "report_id_taken", "another device already sent a report with this id");
            }
            return new Imported(report.reportId(), report.deviceId(), org.id(), report.hostname(), authenticated, true);
        }

        List<Finding> findings = judge.judge(report);
        Instant now = clock.instant();
        boolean newDevice = known.isEmpty();
        DeviceIdentity device = newDevice
                ? records.addImportedDevice(report.deviceId(), org.id(), org.providerId(), report.hostname(),
                report.platform(), now)
                : known.get().identity();
        NewReport nr = new NewReport(report.reportId(), report.deviceId(), report.schemaVersion(), report.hostname(),
                report.platform(), report.agentVersion(), report.catalogueVersion(), report.startedAt(),
                report.finishedAt(), envelope.report(), report.findings(), judge.catalogueVersion(), findings);
        IngestResult r;
        try {
            r = store.reports().storeReport(device, nr, now);
        } catch (RuntimeException e) {
            if (newDevice) {
                records.removeImportedDeviceWithoutReports(report.deviceId());
            }
            if (e instanceof StoreException se) {
                throw new ApiException(409, se.code(), se.getMessage());
            }
            throw e;
        }
        Delivery d = report.delivery();
        records.record(new ReportDelivery(report.reportId(), ReportDelivery.IMPORT, authenticated,
                d == null ? 0 : d.droppedBefore(), d == null ? null : d.droppedFrom(), d == null ? null : d.droppedTo(),
                scope.userId(), now));
        return new Imported(report.reportId(), report.deviceId(), org.id(), report.hostname(), authenticated,
                r == IngestResult.ALREADY_STORED);
    }

    private Report readReport(String text) {
        JsonNode tree;
        try {
            tree = ReportValidator.strictTree(text);
        } catch (IOException e) {
            throw new ApiException(400, "bad_report", "the report in the file is not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new ApiException(400, "bad_report", "the file holds no report");
        }
        List<ReportValidator.Problem> problems = validator.validate(tree, 10);
        if (!problems.isEmpty()) {
            throw new InvalidReport(problems);
        }
        Report report;
        try {
            report = Json.mapper().treeToValue(tree, Report.class);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "bad_report", "the report cannot be read");
        }
        requireFactKeys(report);
        return report;
    }

    /** Every fact is filed under its own key. */
    static void requireFactKeys(Report report) {
        if (report.facts() == null) {
            throw new ApiException(400, "bad_report", "the report has no facts");
        }
        report.facts().forEach((name, fact) -> {
            if (fact == null || !name.equals(fact.key())) {
                throw new ApiException(400, "bad_report", "the fact under '" + name + "' must have key '" + name + "'");
            }
        });
    }
}

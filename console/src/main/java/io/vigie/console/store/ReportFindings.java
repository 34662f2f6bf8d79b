package io.vigie.console.store;

import io.vigie.checks.report.Finding;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A report's time and its console findings.
 *
 * @param reportedAt when the agent finished the check (its receipt time when the report gives none)
 */
public record ReportFindings(UUID reportId, UUID deviceId, Instant reportedAt, Instant receivedAt, List<Finding> findings) {

    public ReportFindings {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}

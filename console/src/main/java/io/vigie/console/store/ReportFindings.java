package io.vigie.console.store;

import io.vigie.checks.report.Finding;
import io.vigie.checks.report.ReportClock;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A report's times and its console findings.
 *
 * @param clock the agent's collection times and the console's arrival time, judged by {@link ReportClock}
 */
public record ReportFindings(UUID reportId, UUID deviceId, ReportClock clock, List<Finding> findings) {

    public ReportFindings {
        Objects.requireNonNull(clock, "clock");
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * When the check was made, to compute freshness and "since" with: the agent's finish time, clamped by
     * {@link ReportClock} when the agent's clock is implausible (its arrival time when the report gives none).
     */
    public Instant reportedAt() {
        return clock.effectiveEnd();
    }

    /** When the console received the report (its own clock). */
    public Instant receivedAt() {
        return clock.arrivedAt();
    }
}

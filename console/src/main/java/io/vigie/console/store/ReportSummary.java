package io.vigie.console.store;

import io.vigie.checks.report.ReportClock;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored report without its body, with the counts of the console's newest verdict set. {@code startedAt} and
 * {@code finishedAt} are the agent's collection times as it wrote them; {@code receivedAt} is the console's arrival
 * time.
 */
public record ReportSummary(UUID id, UUID deviceId, UUID organisationId, int schemaVersion, String hostname,
                            String platform, String agentVersion, String catalogueVersion, Instant startedAt,
                            Instant finishedAt, Instant receivedAt, Integer failCount, Integer unknownCount) {

    /** The agent's times judged against the arrival (flagged when implausible, with the times to compute with). */
    public ReportClock clock() {
        return ReportClock.judge(startedAt, finishedAt, receivedAt);
    }
}

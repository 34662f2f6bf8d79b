package io.vigie.console.store;

import java.time.Instant;
import java.util.UUID;

/** A stored report without its body, with the counts of the console's newest verdict set. */
public record ReportSummary(UUID id, UUID deviceId, UUID organisationId, int schemaVersion, String hostname,
                            String platform, String agentVersion, String catalogueVersion, Instant startedAt,
                            Instant finishedAt, Instant receivedAt, Integer failCount, Integer unknownCount) {
}

package io.vigie.console.store;

import io.vigie.checks.report.Finding;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A report ready to be stored: its indexed fields, its body as received, the agent's findings and the console's.
 */
public record NewReport(UUID reportId, UUID deviceId, int schemaVersion, String hostname, String platform,
                        String agentVersion, String agentCatalogueVersion, Instant startedAt, Instant finishedAt,
                        String body, List<Finding> agentFindings, String consoleCatalogueVersion,
                        List<Finding> consoleFindings) {
}

package io.vigie.console.store;

import io.vigie.checks.report.Finding;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One judgement of a report.
 *
 * @param judgedBy         {@code agent} (the agent's own findings, kept for audit) or {@code console}
 * @param catalogueVersion version of the rule catalogue that produced {@code findings}
 */
public record VerdictSet(UUID id, UUID reportId, String judgedBy, String catalogueVersion, Instant judgedAt,
                         List<Finding> findings) {

    public static final String AGENT = "agent";
    public static final String CONSOLE = "console";
}

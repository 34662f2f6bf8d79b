package io.vigie.checks.report;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.Snapshot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the agent sends to the console (or writes to a file). See docs and {@code report.schema.json}.
 *
 * @param schemaVersion    format version; changes only with a migration path
 * @param reportId         random id of this report (idempotency key at the console)
 * @param deviceId         random id the agent created on first run and keeps in its state folder
 * @param hostname         machine name
 * @param platform         {@code linux}, {@code windows}, {@code macos}
 * @param agentVersion     agent version
 * @param catalogueVersion version of the rule catalogue that produced {@code findings}
 * @param startedAt        collection start (UTC)
 * @param finishedAt       collection end (UTC)
 * @param facts            facts keyed by stable name
 * @param findings         the agent's own verdicts (the console re-judges {@code facts} with its catalogue)
 * @param lan              reserved section for discovered LAN devices
 * @param delivery         optional: how the report travelled (reports dropped before it when the agent's spool
 *                         was full); null, and left out of the JSON, when there is nothing to say
 */
public record Report(
        int schemaVersion,
        UUID reportId,
        UUID deviceId,
        String hostname,
        String platform,
        String agentVersion,
        String catalogueVersion,
        Instant startedAt,
        Instant finishedAt,
        Map<String, Fact<?>> facts,
        List<Finding> findings,
        LanDiscovery lan,
        Delivery delivery) {

    /** The current format version. The console accepts this one and the previous one. */
    public static final int SCHEMA_VERSION = 1;

    /** A report without a delivery section (the usual case). */
    public Report(int schemaVersion, UUID reportId, UUID deviceId, String hostname, String platform,
                  String agentVersion, String catalogueVersion, Instant startedAt, Instant finishedAt,
                  Map<String, Fact<?>> facts, List<Finding> findings, LanDiscovery lan) {
        this(schemaVersion, reportId, deviceId, hostname, platform, agentVersion, catalogueVersion, startedAt,
                finishedAt, facts, findings, lan, null);
    }

    /** This report with {@code delivery} (null: none). */
    public Report withDelivery(Delivery delivery) {
        return new Report(schemaVersion, reportId, deviceId, hostname, platform, agentVersion, catalogueVersion,
                startedAt, finishedAt, facts, findings, lan, delivery);
    }

    public Snapshot snapshot() {
        return Snapshot.of(facts);
    }
}

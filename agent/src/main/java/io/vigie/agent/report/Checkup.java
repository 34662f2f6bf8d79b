package io.vigie.agent.report;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.CollectionRunner;
import io.vigie.agent.collect.Collector;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.Report;
import io.vigie.checks.rule.Judge;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One check of one machine: collect every fact (in parallel), judge them, and assemble the report.
 *
 * @param platform     {@code linux}, {@code windows}, {@code macos}
 * @param hostname     machine name shown in the report
 * @param deviceId     this machine's id from the state folder
 * @param agentVersion version of this agent
 */
public record Checkup(String platform, String hostname, UUID deviceId, String agentVersion) {

    public Report run(List<Collector> collectors, CollectContext ctx, Judge judge, Consumer<String> progress) {
        return run(collectors, ctx, () -> judge, progress);
    }

    /**
     * As {@link #run(List, CollectContext, Judge, Consumer)}, with the judge obtained only once the facts are
     * in: loading the rule catalogue (JSON parsing) can then overlap with collection.
     */
    public Report run(List<Collector> collectors, CollectContext ctx, Supplier<Judge> judgeSupplier,
                      Consumer<String> progress) {
        Instant start = ctx.now();
        Map<String, Fact<?>> facts = new CollectionRunner().run(collectors, ctx, progress);
        Judge judge = judgeSupplier.get();
        List<Finding> findings = judge.judge(Snapshot.of(facts));
        Instant end = ctx.now();
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), deviceId, hostname, platform, agentVersion,
                judge.catalogue().version(), start, end.isBefore(start) ? start : end, facts, findings,
                LanDiscovery.notPerformed());
    }
}

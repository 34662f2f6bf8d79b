package io.vigie.agent.collect.windows;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A Windows collector built on one PowerShell probe: a failed probe makes every key UNKNOWN with its reason. */
abstract class ProbeCollector implements Collector {

    private final String name;
    private final String probe;
    private final List<FactKey<?>> keys;

    ProbeCollector(String name, String probe, List<FactKey<?>> keys) {
        this.name = name;
        this.probe = probe;
        this.keys = List.copyOf(keys);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<FactKey<?>> keys() {
        return keys;
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        Probe p = PowerShell.run(ctx, probe);
        if (!p.ok()) {
            List<Fact<?>> fallback = whenProbeFailed(ctx, p);
            if (fallback != null) {
                return fallback;
            }
            return allUnknown(p.source(), ctx.now(), p.failure());
        }
        return facts(ctx, p);
    }

    /** Facts from a probe that answered. */
    abstract List<Fact<?>> facts(CollectContext ctx, Probe p);

    /** A text fallback when the probe gave nothing; null for "UNKNOWN with the probe's reason". */
    List<Fact<?>> whenProbeFailed(CollectContext ctx, Probe p) {
        return null;
    }

    List<Fact<?>> allUnknown(String source, Instant at, Reason reason) {
        List<Fact<?>> out = new ArrayList<>();
        for (FactKey<?> k : keys) {
            out.add(Fact.unknown(k, source, at, reason));
        }
        return out;
    }
}

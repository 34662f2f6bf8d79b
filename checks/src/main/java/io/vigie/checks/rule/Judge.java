package io.vigie.checks.rule;

import io.vigie.checks.eol.EolCatalogue;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs every rule of a catalogue over a snapshot. A rule that throws yields UNKNOWN ({@code rule_error}),
 * never a missing finding: one broken rule does not hide the others.
 */
public final class Judge {

    public static final String RULE_ERROR = "rule_error";

    private final Catalogue catalogue;
    private final EolCatalogue eol;
    private final Clock clock;

    public Judge(Catalogue catalogue, EolCatalogue eol, Clock clock) {
        this.catalogue = Objects.requireNonNull(catalogue);
        this.eol = Objects.requireNonNull(eol);
        this.clock = Objects.requireNonNull(clock);
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public List<Finding> judge(Snapshot snapshot) {
        List<Finding> out = new ArrayList<>();
        var now = clock.instant();
        for (RuleMetadata meta : catalogue.metadata()) {
            Rule rule = catalogue.rule(meta.id()).orElseThrow();
            RuleContext ctx = new RuleContext(now, eol, meta.params());
            Outcome o;
            try {
                o = rule.judge(snapshot, ctx);
            } catch (RuntimeException e) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                o = Outcome.unknown(RULE_ERROR, ev);
            }
            Severity severity = o.verdict() == Verdict.FAIL
                    ? (o.severityOverride() != null ? o.severityOverride() : meta.severity())
                    : null;
            out.add(new Finding(meta.id(), o.verdict(), severity, meta.theme(), o.reason(), o.evidence(),
                    meta.facts() == null ? List.of() : meta.facts()));
        }
        return out;
    }
}

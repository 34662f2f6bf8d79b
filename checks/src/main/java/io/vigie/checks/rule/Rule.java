package io.vigie.checks.rule;

import io.vigie.checks.fact.Snapshot;

/**
 * A check. It reads facts only (never the OS), so stored snapshots can be judged again when rules change.
 * Its texts, severity, theme and thresholds live in the catalogue data ({@code rules/catalogue.json}).
 * Implementations must be stateless and safe for concurrent use.
 */
public interface Rule {

    /** Stable id {@code VIG-<AREA>-<NNN>}, matching one catalogue entry. */
    String id();

    Outcome judge(Snapshot snapshot, RuleContext context);
}

package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PatchStatus;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/** The list of available updates was refreshed recently ({@code maxAgeDays}); otherwise "nothing pending" means little. */
public final class UpdateListStaleRule extends FactRule<PatchStatus> {

    public static final String FRESH = "update_list_fresh";
    public static final String STALE = "update_list_stale";
    public static final String DATE_UNKNOWN = "update_list_date_unknown";

    public UpdateListStaleRule() {
        super("VIG-UPD-004", FactKeys.PATCH_STATUS);
    }

    @Override
    protected Outcome judge(PatchStatus p, Fact<PatchStatus> fact, Snapshot snapshot, RuleContext ctx) {
        int max = ctx.intParam("maxAgeDays");
        Evidence ev = Evidence.of().put("manager", p.manager()).put("maxAgeDays", max);
        if (p.sourceRefreshedAt() == null) {
            return Outcome.unknown(DATE_UNKNOWN, ev.map());
        }
        long age = Platforms.ageDays(p.sourceRefreshedAt(), ctx.now());
        ev.put("listRefreshedAt", p.sourceRefreshedAt()).put("ageDays", age);
        return age <= max ? Outcome.pass(FRESH, ev.map()) : Outcome.fail(STALE, ev.map());
    }
}

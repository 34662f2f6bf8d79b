package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PatchStatus;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/** No installed update waits for a restart (until then the old, flawed code keeps running). */
public final class RebootPendingRule extends FactRule<PatchStatus> {

    public static final String PENDING = "reboot_pending";
    public static final String NONE = "no_reboot_pending";
    public static final String STATE_UNKNOWN = "reboot_state_unknown";

    public RebootPendingRule() {
        super("VIG-UPD-005", FactKeys.PATCH_STATUS);
    }

    @Override
    protected Outcome judge(PatchStatus p, Fact<PatchStatus> fact, Snapshot snapshot, RuleContext ctx) {
        Evidence ev = Evidence.of().put("manager", p.manager());
        if (p.rebootRequired() == null) {
            return Outcome.unknown(STATE_UNKNOWN, ev.map());
        }
        return p.rebootRequired() ? Outcome.fail(PENDING, ev.map()) : Outcome.pass(NONE, ev.map());
    }
}

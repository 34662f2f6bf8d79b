package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.AutoUpdate;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/** Security updates install on their own. */
public final class AutoUpdateRule extends FactRule<AutoUpdate> {

    public static final String ON = "auto_updates_on";
    public static final String OFF = "auto_updates_off";
    public static final String STATE_UNKNOWN = "auto_updates_state_unknown";

    public AutoUpdateRule() {
        super("VIG-UPD-003", FactKeys.PATCH_AUTO);
    }

    @Override
    protected Outcome judge(AutoUpdate a, Fact<AutoUpdate> fact, Snapshot snapshot, RuleContext ctx) {
        Evidence ev = Evidence.of().put("mechanism", a.mechanism()).put("setting", a.detail());
        if (a.enabled() == null) {
            return Outcome.unknown(STATE_UNKNOWN, ev.map());
        }
        return a.enabled() ? Outcome.pass(ON, ev.map()) : Outcome.fail(OFF, ev.map());
    }
}

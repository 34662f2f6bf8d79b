package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.RdpServer;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/** When Remote Desktop is on, it requires Network Level Authentication (log-in before any session opens). */
public final class RdpNlaRule extends FactRule<RdpServer> {

    public static final String NO_NLA = "rdp_without_nla";
    public static final String NLA = "rdp_nla_required";
    public static final String DISABLED = "rdp_disabled";
    public static final String UNKNOWN = "rdp_state_unknown";

    public RdpNlaRule() {
        super("VIG-RMT-009", FactKeys.REMOTE_RDP);
    }

    @Override
    protected Outcome judge(RdpServer r, Fact<RdpServer> fact, Snapshot snapshot, RuleContext ctx) {
        Evidence ev = Evidence.of().put("rdpEnabled", r.enabled()).put("port", r.port()).put("policy", r.policyOverride());
        if (r.enabled() == null) {
            return Outcome.unknown(UNKNOWN, ev.map());
        }
        if (!r.enabled()) {
            return Outcome.notApplicable(DISABLED, ev.map());
        }
        if (r.nlaRequired() == null) {
            return Outcome.unknown(UNKNOWN, ev.map());
        }
        ev.put("nlaRequired", r.nlaRequired());
        return r.nlaRequired() ? Outcome.pass(NLA, ev.map()) : Outcome.fail(NO_NLA, ev.map());
    }
}

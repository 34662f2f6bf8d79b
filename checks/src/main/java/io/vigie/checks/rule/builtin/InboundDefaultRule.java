package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.FirewallStatus;
import io.vigie.checks.fact.InboundPolicy;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The firewall refuses unsolicited inbound connections by default. Windows: every enabled profile must block.
 * Linux/macOS: one enabled backend that drops by default is enough (a drop anywhere in the input path is final).
 */
public final class InboundDefaultRule extends FactRule<FirewallStatus> {

    public static final String ALLOWED = "inbound_allowed_by_default";
    public static final String BLOCKED = "inbound_blocked_by_default";
    public static final String FIREWALL_OFF = "firewall_not_filtering";
    public static final String UNKNOWN = "inbound_policy_unknown";

    public InboundDefaultRule() {
        super("VIG-FW-002", FactKeys.FIREWALL_STATUS);
    }

    @Override
    protected Outcome judge(FirewallStatus f, Fact<FirewallStatus> fact, Snapshot snapshot, RuleContext ctx) {
        if (f.profiles() == null) {
            return Outcome.unknown(UNKNOWN, Evidence.of().map());
        }
        boolean windows = Firewalls.isWindows(f, snapshot);
        List<FirewallProfile> profiles = windows ? Firewalls.windowsProfiles(f) : f.profiles();
        List<String> allow = new ArrayList<>();
        List<String> block = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (FirewallProfile p : profiles) {
            if (!Boolean.TRUE.equals(p.enabled())) {
                continue;
            }
            if (p.defaultInbound() == null) {
                unknown.add(p.name());
            } else if (p.defaultInbound() == InboundPolicy.ALLOW) {
                allow.add(p.name());
            } else {
                block.add(p.name());
            }
        }
        Evidence ev = Evidence.of().put("allowing", allow).put("blocking", block);
        if (allow.isEmpty() && block.isEmpty() && unknown.isEmpty()) {
            return Outcome.notApplicable(FIREWALL_OFF, ev.map());
        }
        if (windows) {
            if (!allow.isEmpty()) {
                return Outcome.fail(ALLOWED, ev.map());
            }
            return unknown.isEmpty() ? Outcome.pass(BLOCKED, ev.map())
                    : Outcome.unknown(UNKNOWN, ev.put("undetermined", unknown).map());
        }
        if (!block.isEmpty()) {
            return Outcome.pass(BLOCKED, ev.map());
        }
        return unknown.isEmpty() ? Outcome.fail(ALLOWED, ev.map())
                : Outcome.unknown(UNKNOWN, ev.put("undetermined", unknown).map());
    }
}

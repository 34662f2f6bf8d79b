package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.FirewallStatus;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The host firewall filters traffic. Windows: every profile (domain, private, public) must be on, unless a
 * third-party firewall is registered. Linux and macOS: at least one backend (ufw, firewalld, nftables, iptables,
 * application firewall, pf) must be on and actually filter inbound traffic: a backend that is on but lets
 * everything in (an accept-all nftables ruleset, iptables with ACCEPT policies and no dropping rule, ufw "active"
 * over an empty kernel ruleset) fails with its own reason; none configured fails.
 */
public final class FirewallOffRule extends FactRule<FirewallStatus> {

    public static final String ON = "firewall_on";
    public static final String OFF = "firewall_off";
    public static final String NONE = "no_firewall";
    public static final String THIRD_PARTY = "third_party_firewall";
    public static final String UNKNOWN = "firewall_state_unknown";
    public static final String FILTERS_NOTHING = "firewall_filters_nothing";

    public FirewallOffRule() {
        super("VIG-FW-001", FactKeys.FIREWALL_STATUS);
    }

    @Override
    protected Outcome judge(FirewallStatus f, Fact<FirewallStatus> fact, Snapshot snapshot, RuleContext ctx) {
        if (f.profiles() == null) {
            return Outcome.unknown(UNKNOWN, Evidence.of().map());
        }
        List<String> thirdParty = f.thirdParty() == null ? List.of() : f.thirdParty();
        boolean windows = Firewalls.isWindows(f, snapshot);
        List<FirewallProfile> profiles = windows ? Firewalls.windowsProfiles(f) : f.profiles();
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> notFiltering = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (FirewallProfile p : profiles) {
            if (p.enabled() == null) {
                unknown.add(p.name());
            } else if (p.enabled() && Boolean.FALSE.equals(p.filtering())) {
                notFiltering.add(p.name());
                if (p.detail() != null) {
                    details.add(p.detail());
                }
            } else if (p.enabled()) {
                on.add(p.name());
            } else {
                off.add(p.name());
            }
        }
        Evidence ev = Evidence.of().put("on", on).put("off", off);
        if (windows) {
            if (off.isEmpty() && unknown.isEmpty() && !on.isEmpty()) {
                return Outcome.pass(ON, ev.map());
            }
            if (!thirdParty.isEmpty()) {
                return Outcome.pass(THIRD_PARTY, ev.put("products", thirdParty).map());
            }
            if (!off.isEmpty()) {
                return Outcome.fail(OFF, ev.map());
            }
            return Outcome.unknown(UNKNOWN, ev.put("undetermined", unknown).map());
        }
        if (!on.isEmpty()) {
            return Outcome.pass(ON, ev.map());
        }
        if (!thirdParty.isEmpty()) {
            return Outcome.pass(THIRD_PARTY, ev.put("products", thirdParty).map());
        }
        if (!unknown.isEmpty()) {
            return Outcome.unknown(UNKNOWN, ev.put("undetermined", unknown).map());
        }
        if (!notFiltering.isEmpty()) {
            return Outcome.fail(FILTERS_NOTHING, ev.put("notFiltering", notFiltering).put("details", details).map());
        }
        return profiles.isEmpty() ? Outcome.fail(NONE, ev.map()) : Outcome.fail(OFF, ev.map());
    }
}

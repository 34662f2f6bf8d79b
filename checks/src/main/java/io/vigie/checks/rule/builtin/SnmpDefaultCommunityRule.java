package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.SnmpAgent;
import io.vigie.checks.fact.SnmpCommunity;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;
import io.vigie.checks.report.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The local SNMP agent answers no default community ({@code public}, {@code private}) over v1/v2c: anyone who
 * can reach it reads the machine's configuration (and, with a write community, changes it). High when the agent
 * listens on a non-loopback address (UDP ports in {@code udpPorts}) or when that cannot be told; medium when it is
 * proven to listen on loopback only or not at all.
 */
public final class SnmpDefaultCommunityRule extends FactRule<SnmpAgent> {

    public static final String DEFAULT_NETWORK = "snmp_default_community_network";
    public static final String DEFAULT_LOCAL = "snmp_default_community_local";
    public static final String DEFAULT_EXPOSURE_UNKNOWN = "snmp_default_community";
    public static final String NO_DEFAULT = "snmp_no_default_community";

    public SnmpDefaultCommunityRule() {
        super("VIG-NET-005", FactKeys.SNMP_AGENT);
    }

    @Override
    protected Outcome judge(SnmpAgent a, Fact<SnmpAgent> fact, Snapshot snapshot, RuleContext ctx) {
        List<SnmpCommunity> defaults = a.defaultCommunities() == null ? List.of() : a.defaultCommunities();
        Evidence ev = Evidence.of().put("otherCommunities", a.otherCommunities()).put("v3Users", a.v3Users());
        if (defaults.isEmpty()) {
            return Outcome.pass(NO_DEFAULT, ev.map());
        }
        List<String> found = new ArrayList<>();
        boolean write = false;
        for (SnmpCommunity c : defaults) {
            found.add(c.community() + " (" + c.access() + ", " + c.directive() + ")");
            write |= "write".equals(c.access());
        }
        ev.put("communities", found).put("write", write);
        Optional<Fact<Listeners>> listeners = snapshot.get(FactKeys.NET_LISTENERS).filter(Fact::isOk);
        if (listeners.isEmpty()) {
            return Outcome.fail(DEFAULT_EXPOSURE_UNKNOWN, ev.put("exposureKnown", false).map());
        }
        NetworkExposure.Match m = NetworkExposure.find(listeners.get().value(), Set.of(),
                NetworkExposure.ports(ctx, "udpPorts"), snapshot);
        m.addTo(ev.put("exposureKnown", true));
        if (m.any()) {
            return Outcome.fail(DEFAULT_NETWORK, ev.put("exposedSockets", m.sockets()).map());
        }
        return Outcome.fail(DEFAULT_LOCAL, ev.map()).withSeverity(Severity.MEDIUM);
    }
}

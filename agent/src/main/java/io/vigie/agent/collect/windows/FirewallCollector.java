package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.FirewallStatus;
import io.vigie.checks.fact.InboundPolicy;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code firewall.status}: the active policy per profile from HNetCfg.FwPolicy2 (else Get-NetFirewallProfile
 * -PolicyStore ActiveStore, else {@code netsh advfirewall show allprofiles}), third-party firewalls from
 * root\SecurityCenter2 FirewallProduct (clients only; the namespace is absent on Windows Server).
 */
final class FirewallCollector extends ProbeCollector {

    static final List<String> NETSH = List.of("netsh", "advfirewall", "show", "allprofiles");

    FirewallCollector() {
        super("windows-firewall", "firewall", List.of(FactKeys.FIREWALL_STATUS));
    }

    @Override
    List<Fact<?>> whenProbeFailed(CollectContext ctx, Probe p) {
        return List.of(netsh(ctx, p.failure(), null));
    }

    @Override
    List<Fact<?>> facts(CollectContext ctx, Probe p) {
        Instant at = ctx.now();
        List<String> thirdParty = thirdParty(p.section("securityCenter"));
        Probe.Section fw = p.section("fwPolicy2");
        if (fw.ok()) {
            int current = Optional.ofNullable(Nodes.integer(fw.node(), "CurrentProfileTypes")).orElse(0);
            List<FirewallProfile> profiles = new ArrayList<>();
            for (JsonNode n : Nodes.list(fw.node(), "Profiles")) {
                Integer type = Nodes.integer(n, "Type");
                Integer action = Nodes.integer(n, "DefaultInboundAction");
                if (type == null) {
                    continue;
                }
                profiles.add(new FirewallProfile(profileName(type), Nodes.bool(n, "FirewallEnabled"),
                        action == null ? null : action == 1 ? InboundPolicy.ALLOW : InboundPolicy.BLOCK,
                        (current & type) != 0));
            }
            return List.of(Fact.ok(FactKeys.FIREWALL_STATUS, "HNetCfg.FwPolicy2 (" + p.source() + ")", at,
                    new FirewallStatus(profiles, thirdParty)));
        }
        Probe.Section nfp = p.section("netFirewallProfile");
        if (nfp.ok() && nfp.node() != null) {
            List<FirewallProfile> profiles = new ArrayList<>();
            for (JsonNode n : Nodes.list(nfp.node())) {
                String name = Nodes.text(n, "Name");
                String enabled = Nodes.text(n, "Enabled");
                String inbound = Nodes.text(n, "DefaultInboundAction");
                if (name == null) {
                    continue;
                }
                // ActiveStore: NotConfigured means the built-in default, i.e. enabled and inbound Block.
                profiles.add(new FirewallProfile(name.toLowerCase(Locale.ROOT),
                        enabled == null ? null : !"False".equalsIgnoreCase(enabled),
                        inbound == null ? null : "Allow".equalsIgnoreCase(inbound) ? InboundPolicy.ALLOW : InboundPolicy.BLOCK,
                        null));
            }
            if (!profiles.isEmpty()) {
                return List.of(Fact.ok(FactKeys.FIREWALL_STATUS,
                        "Get-NetFirewallProfile -PolicyStore ActiveStore (" + p.source() + ")", at,
                        new FirewallStatus(profiles, thirdParty)));
            }
        }
        Probe.Section svc = p.section("mpssvc");
        if (svc.ok() && svc.node() != null && "Stopped".equalsIgnoreCase(svc.node().asText())) {
            List<FirewallProfile> off = List.of(new FirewallProfile("domain", false, null, null),
                    new FirewallProfile("private", false, null, null), new FirewallProfile("public", false, null, null));
            return List.of(Fact.ok(FactKeys.FIREWALL_STATUS, "service mpssvc stopped (" + p.source() + ")", at,
                    new FirewallStatus(off, thirdParty)));
        }
        return List.of(netsh(ctx, fw.failure(), thirdParty));
    }

    static String profileName(int type) {
        return switch (type) {
            case 1 -> "domain";
            case 2 -> "private";
            case 4 -> "public";
            default -> "profile-" + type;
        };
    }

    /** Registered and switched-on third-party firewalls; empty where Security Center does not exist (Server). */
    static List<String> thirdParty(Probe.Section s) {
        if (!s.ok()) {
            return s.error() != null && s.error().invalidNamespace() ? List.of() : null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : Nodes.list(s.node())) {
            String name = Nodes.text(n, "displayName");
            Long state = Nodes.number(n, "productState");
            if (name != null && (state == null || SecurityCenter.on(state))) {
                out.add(name);
            }
        }
        return out;
    }

    static Fact<FirewallStatus> netsh(CollectContext ctx, Reason why, List<String> thirdParty) {
        Instant at = ctx.now();
        CommandResult r = ctx.commands().run(NETSH, ctx.config().commandTimeout());
        String source = String.join(" ", NETSH) + " (fallback: " + why.code() + ")";
        if (r.timedOut()) {
            return Fact.unknown(FactKeys.FIREWALL_STATUS, source, at, Reason.of(Reason.COMMAND_TIMEOUT, r.describe()));
        }
        if (!r.ok()) {
            return Fact.unknown(FactKeys.FIREWALL_STATUS, source, at, Reason.of(why.code(),
                    why.detail() + "; " + r.describe()));
        }
        Optional<List<FirewallProfile>> profiles = TextFallbacks.netshProfiles(r.stdout());
        if (profiles.isEmpty()) {
            return Fact.unknown(FactKeys.FIREWALL_STATUS, source, at, Reason.of(
                    r.stdout().isBlank() ? Reason.EMPTY_OUTPUT : Reason.UNPARSABLE_OUTPUT, "netsh output not recognised"));
        }
        return Fact.ok(FactKeys.FIREWALL_STATUS, source, at, new FirewallStatus(profiles.get(), thirdParty));
    }
}

package io.vigie.agent.collect.macos;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.FirewallStatus;
import io.vigie.checks.fact.InboundPolicy;
import io.vigie.checks.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code firewall.status}: the application firewall, profile {@code application}, from
 * {@code /usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate} ("Firewall is enabled. (State = 1)";
 * 0 off, 1 on, 2 block all incoming), else from {@code system_profiler SPFirewallDataType -json}
 * ({@code spfirewall_globalstate}: _allow_all / _off = off, _limit_connections = on, _block_all = block all) — the
 * source macOS 15 keeps after it dropped com.apple.alf.plist. As root, pf is a second backend
 * ({@code pfctl -s info}: "Status: Enabled|Disabled").
 *
 * <p>Default inbound: state 2 blocks every incoming connection (BLOCK); state 0 filters nothing (ALLOW); state 1
 * decides per application (signed software allowed, others prompt), so no default is claimed (null). Stealth mode
 * has no field in the fact and is not read. Third-party firewall apps are looked for in /Applications.
 */
final class ApplicationFirewall implements Collector {

    static final String SOCKETFILTERFW = "/usr/libexec/ApplicationFirewall/socketfilterfw";
    private static final Pattern STATE = Pattern.compile("State\\s*=\\s*(\\d)");
    private static final Pattern PF = Pattern.compile("Status:\\s*(Enabled|Disabled)");

    private final MacProducts products;

    ApplicationFirewall(MacProducts products) {
        this.products = products;
    }

    @Override
    public String name() {
        return "firewall";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.FIREWALL_STATUS);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        CommandResult sf = Probe.run(ctx, SOCKETFILTERFW, "--getglobalstate");
        Integer state = sf.ok() ? globalState(sf.stdout()) : null;
        String source = "socketfilterfw --getglobalstate";
        CommandResult sp = null;
        if (state == null) {
            sp = Probe.run(ctx, "system_profiler", "SPFirewallDataType", "-json");
            state = sp.ok() ? profilerState(sp.stdout()) : null;
            source = "system_profiler SPFirewallDataType";
        }
        if (state == null) {
            CommandResult shown = sp != null && !sp.notFound() ? sp : sf;
            return List.of(Fact.unknown(FactKeys.FIREWALL_STATUS, source, ctx.now(),
                    shown.ok() ? Probe.unparsable(shown) : Probe.failure(shown)));
        }
        List<FirewallProfile> profiles = new ArrayList<>();
        profiles.add(application(state));
        if (ctx.admin()) {
            CommandResult pf = Probe.run(ctx, "pfctl", "-s", "info");
            Boolean pfOn = pf.ok() ? pfEnabled(pf.stdout()) : null;
            if (pfOn != null) {
                profiles.add(new FirewallProfile("pf", pfOn, null, null));
                source += " + pfctl -s info";
            }
        }
        List<String> third = new ArrayList<>();
        for (MacProducts.FirewallSpec f : products.firewalls()) {
            if (MacProducts.installed(ctx, f.paths())) {
                third.add(f.name());
            }
        }
        return List.of(Fact.ok(FactKeys.FIREWALL_STATUS, source, ctx.now(), new FirewallStatus(profiles, third)));
    }

    static FirewallProfile application(int state) {
        InboundPolicy inbound = state == 2 ? InboundPolicy.BLOCK : state == 0 ? InboundPolicy.ALLOW : null;
        return new FirewallProfile("application", state != 0, inbound, null);
    }

    static Integer globalState(String text) {
        Matcher m = STATE.matcher(text);
        if (!m.find()) {
            return null;
        }
        int s = Integer.parseInt(m.group(1));
        return s <= 2 ? s : null;
    }

    static Integer profilerState(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (Exception e) {
            return null;
        }
        JsonNode items = root == null ? null : root.get("SPFirewallDataType");
        if (items == null || !items.isArray() || items.isEmpty()) {
            return null;
        }
        JsonNode s = items.get(items.size() - 1).get("spfirewall_globalstate");
        if (s == null || !s.isTextual()) {
            return null;
        }
        switch (s.textValue()) {
            case "spfirewall_globalstate_allow_all":
            case "spfirewall_globalstate_off":
                return 0;
            case "spfirewall_globalstate_limit_connections":
                return 1;
            case "spfirewall_globalstate_block_all":
                return 2;
            default:
                return null;
        }
    }

    static Boolean pfEnabled(String text) {
        Matcher m = PF.matcher(text);
        return m.find() ? m.group(1).equals("Enabled") : null;
    }
}

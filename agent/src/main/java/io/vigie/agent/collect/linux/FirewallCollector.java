package io.vigie.agent.collect.linux;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.FirewallStatus;
import io.vigie.checks.fact.InboundPolicy;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.json.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code firewall.status}: one profile per Linux firewall layer found.
 * <ul>
 *   <li>ufw: {@code ufw status verbose} (root: {@code Status: active}, {@code Default: deny (incoming)}); without
 *       root its configuration ({@code /etc/ufw/ufw.conf ENABLED}, {@code /etc/default/ufw DEFAULT_INPUT_POLICY});</li>
 *   <li>firewalld: {@code firewall-cmd --state}, default zone and its {@code target} ({@code --list-all});</li>
 *   <li>nftables (root): {@code nft -j list ruleset}; an input base chain with policy drop, or ending in a bare
 *       drop/reject rule, blocks by default;</li>
 *   <li>iptables (root): {@code iptables -S INPUT} (the distribution's default backend), and
 *       {@code iptables-legacy -S INPUT} only when the legacy tables are loaded ({@code /proc/net/ip_tables_names}),
 *       so no kernel module gets loaded by the check.</li>
 * </ul>
 * As root, nothing configured = OK with no profile. Without root the runtime rules cannot be read: unless ufw's
 * configuration or firewalld answers, the fact is UNKNOWN ({@code needs_admin}).
 */
final class FirewallCollector implements Collector {

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
        var now = ctx.now();
        List<FirewallProfile> profiles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        boolean ufw = LinuxHost.firstExisting(ctx, "/usr/sbin/ufw", "/sbin/ufw").isPresent();
        if (ufw) {
            if (ctx.admin()) {
                CommandResult r = LinuxHost.run(ctx, Duration.ofSeconds(5), "ufw", "status", "verbose");
                FirewallProfile p = r.ok() ? parseUfwStatus(r.stdout()) : null;
                if (p != null) {
                    profiles.add(p);
                    sources.add("ufw status verbose");
                } else {
                    problems.add(r.describe());
                }
            } else {
                FileContent conf = ctx.files().read("/etc/ufw/ufw.conf");
                FileContent def = ctx.files().read("/etc/default/ufw");
                if (conf.ok()) {
                    profiles.add(ufwFromConfig(conf.text(), def.ok() ? def.text() : null));
                    sources.add("/etc/ufw/ufw.conf");
                }
            }
        }
        CommandResult fw = LinuxHost.run(ctx, Duration.ofSeconds(5), "firewall-cmd", "--state");
        if (!fw.notFound()) {
            sources.add("firewall-cmd");
            if (fw.timedOut()) {
                problems.add(fw.describe());
            } else if (fw.stdout().strip().equals("running")) {
                profiles.add(firewalld(ctx));
            } else if (fw.stdout().strip().equals("not running") || fw.exitCode() == 252) {
                profiles.add(new FirewallProfile("firewalld", false, null, null));
            } else {
                problems.add(fw.describe());
            }
        }
        if (!ctx.admin()) {
            boolean enabledSeen = profiles.stream().anyMatch(p -> Boolean.TRUE.equals(p.enabled()));
            if (!enabledSeen) {
                return List.of(Fact.unknown(FactKeys.FIREWALL_STATUS, "nft/iptables", now, Reason.of(Reason.NEEDS_ADMIN,
                        "the packet filter rules (nftables, iptables) can only be read as root")));
            }
            return List.of(Fact.ok(FactKeys.FIREWALL_STATUS, String.join(", ", sources), now, new FirewallStatus(profiles, List.of())));
        }
        CommandResult nft = LinuxHost.run(ctx, Duration.ofSeconds(5), "nft", "-j", "list", "ruleset");
        boolean nftRead = false;
        if (nft.ok()) {
            try {
                FirewallProfile p = parseNftRuleset(nft.stdout());
                nftRead = true;
                sources.add("nft -j list ruleset");
                if (p != null) {
                    profiles.add(p);
                }
            } catch (IllegalArgumentException e) {
                problems.add("nft: " + e.getMessage());
            }
        } else if (!nft.notFound()) {
            problems.add(nft.describe());
        }
        boolean iptRead = false;
        CommandResult ipt = LinuxHost.run(ctx, Duration.ofSeconds(5), "iptables", "-S", "INPUT");
        if (ipt.ok()) {
            FirewallProfile p = parseIptables(ipt.stdout(), "iptables");
            if (p != null) {
                iptRead = true;
                sources.add("iptables -S INPUT");
                if (Boolean.TRUE.equals(p.enabled()) || !nftRead) {
                    profiles.add(p);
                }
            } else {
                problems.add("iptables: no INPUT policy line");
            }
        } else if (!ipt.notFound()) {
            problems.add(ipt.describe());
        }
        if (ctx.files().exists("/proc/net/ip_tables_names")) {
            CommandResult legacy = LinuxHost.run(ctx, Duration.ofSeconds(5), "iptables-legacy", "-S", "INPUT");
            if (legacy.ok()) {
                FirewallProfile p = parseIptables(legacy.stdout(), "iptables-legacy");
                if (p != null && Boolean.TRUE.equals(p.enabled())) {
                    profiles.add(p);
                }
                iptRead |= p != null;
                sources.add("iptables-legacy -S INPUT");
            }
        }
        if (!nftRead && !iptRead && profiles.isEmpty()) {
            if (problems.isEmpty() && !ufw && fw.notFound() && nft.notFound() && ipt.notFound()) {
                // nothing that could load rules is installed (and no legacy table is loaded): no firewall at all
                return List.of(Fact.ok(FactKeys.FIREWALL_STATUS, "no ufw, firewalld, nft or iptables installed", now,
                        new FirewallStatus(List.of(), List.of())));
            }
            return List.of(Fact.unknown(FactKeys.FIREWALL_STATUS, "nft/iptables", now, Reason.of(Reason.COMMAND_FAILED,
                    problems.isEmpty() ? "no packet filter state could be read" : String.join("; ", problems))));
        }
        return List.of(Fact.ok(FactKeys.FIREWALL_STATUS, String.join(", ", sources), now, new FirewallStatus(profiles, List.of())));
    }

    private static FirewallProfile firewalld(CollectContext ctx) {
        CommandResult zone = LinuxHost.run(ctx, Duration.ofSeconds(5), "firewall-cmd", "--get-default-zone");
        if (!zone.ok() || zone.stdout().isBlank()) {
            return new FirewallProfile("firewalld", true, null, null);
        }
        String z = zone.stdout().strip();
        CommandResult all = LinuxHost.run(ctx, Duration.ofSeconds(5), "firewall-cmd", "--zone=" + z, "--list-all");
        String target = all.ok() ? firewalldTarget(all.stdout()) : null;
        return new FirewallProfile("firewalld", true, target == null ? null : firewalldInbound(target), null);
    }

    /** Pure: the {@code target:} line of {@code firewall-cmd --list-all}. */
    static String firewalldTarget(String out) {
        for (String line : out.split("\n")) {
            String t = line.strip();
            if (t.startsWith("target:")) {
                return t.substring(7).strip();
            }
        }
        return null;
    }

    /** firewalld zone targets: default and %%REJECT%% reject, DROP drops, ACCEPT lets all in. */
    static InboundPolicy firewalldInbound(String target) {
        return target.equalsIgnoreCase("ACCEPT") ? InboundPolicy.ALLOW : InboundPolicy.BLOCK;
    }

    /** Pure: {@code ufw status verbose}; null when the Status line is missing. */
    static FirewallProfile parseUfwStatus(String out) {
        Boolean active = null;
        InboundPolicy inbound = null;
        for (String line : out.split("\n")) {
            String t = line.strip();
            if (t.startsWith("Status:")) {
                String s = t.substring(7).strip();
                active = s.equals("active") ? Boolean.TRUE : s.equals("inactive") ? Boolean.FALSE : null;
            } else if (t.startsWith("Default:")) {
                for (String part : t.substring(8).split(",")) {
                    String p = part.strip();
                    if (p.endsWith("(incoming)")) {
                        String action = p.substring(0, p.indexOf('(')).strip();
                        inbound = action.equals("allow") ? InboundPolicy.ALLOW
                                : action.equals("deny") || action.equals("reject") ? InboundPolicy.BLOCK : null;
                    }
                }
            }
        }
        if (active == null) {
            return null;
        }
        return new FirewallProfile("ufw", active, active ? inbound : null, null);
    }

    /** Pure: ufw's configuration (read without root): ENABLED=yes and DEFAULT_INPUT_POLICY. */
    static FirewallProfile ufwFromConfig(String ufwConf, String defaults) {
        Map<String, String> c = LinuxHost.parseShellVars(ufwConf);
        boolean enabled = "yes".equalsIgnoreCase(c.getOrDefault("ENABLED", "no"));
        InboundPolicy inbound = null;
        if (enabled && defaults != null) {
            String pol = LinuxHost.parseShellVars(defaults).get("DEFAULT_INPUT_POLICY");
            if (pol != null) {
                inbound = pol.equalsIgnoreCase("ACCEPT") ? InboundPolicy.ALLOW : InboundPolicy.BLOCK;
            }
        }
        return new FirewallProfile("ufw", enabled, inbound, null);
    }

    /**
     * Pure: {@code nft -j list ruleset}. Null when there is no input base chain (nftables not filtering input).
     * Default deny = some input base chain has policy drop, or ends with a rule that only drops/rejects.
     */
    static FirewallProfile parseNftRuleset(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("nft JSON: " + e.getMessage());
        }
        if (root == null || !root.has("nftables") || !root.get("nftables").isArray()) {
            throw new IllegalArgumentException("no nftables array");
        }
        List<String[]> inputChains = new ArrayList<>(); // family, table, name, policy
        java.util.Map<String, JsonNode> lastRule = new java.util.HashMap<>();
        for (JsonNode item : root.get("nftables")) {
            JsonNode chain = item.get("chain");
            if (chain != null && "input".equals(chain.path("hook").asText()) && chain.path("type").asText("filter").equals("filter")) {
                inputChains.add(new String[]{chain.path("family").asText(), chain.path("table").asText(),
                        chain.path("name").asText(), chain.path("policy").asText("accept")});
            }
            JsonNode rule = item.get("rule");
            if (rule != null) {
                lastRule.put(rule.path("family").asText() + "/" + rule.path("table").asText() + "/"
                        + rule.path("chain").asText(), rule);
            }
        }
        if (inputChains.isEmpty()) {
            return null;
        }
        boolean block = false;
        for (String[] c : inputChains) {
            if (c[3].equalsIgnoreCase("drop")) {
                block = true;
            }
            JsonNode last = lastRule.get(c[0] + "/" + c[1] + "/" + c[2]);
            if (last != null && bareDropOrReject(last.get("expr"))) {
                block = true;
            }
        }
        return new FirewallProfile("nftables", true, block ? InboundPolicy.BLOCK : InboundPolicy.ALLOW, null);
    }

    private static boolean bareDropOrReject(JsonNode expr) {
        if (expr == null || !expr.isArray() || expr.isEmpty()) {
            return false;
        }
        boolean verdict = false;
        for (JsonNode e : expr) {
            if (e.has("drop") || e.has("reject")) {
                verdict = true;
            } else if (!e.has("counter") && !e.has("log") && !e.has("limit")) {
                return false; // a match: the rule does not catch everything
            }
        }
        return verdict;
    }

    /**
     * Pure: {@code iptables -S INPUT}: {@code -P INPUT DROP|ACCEPT} then {@code -A INPUT …} rules. Enabled = a drop
     * policy or at least one rule; a final {@code -A INPUT -j DROP|REJECT} with no match also blocks. Null when the
     * policy line is missing.
     */
    static FirewallProfile parseIptables(String out, String name) {
        String policy = null;
        int rules = 0;
        String lastRule = null;
        for (String line : out.split("\n")) {
            String t = line.strip();
            if (t.startsWith("-P INPUT ")) {
                policy = t.substring(9).strip().toUpperCase(Locale.ROOT);
            } else if (t.startsWith("-A INPUT")) {
                rules++;
                lastRule = t;
            }
        }
        if (policy == null) {
            return null;
        }
        boolean block = policy.equals("DROP") || policy.equals("REJECT")
                || lastRule != null && lastRule.matches("-A INPUT -j (DROP|REJECT)( .*)?");
        boolean enabled = block || rules > 0;
        return new FirewallProfile(name, enabled, block ? InboundPolicy.BLOCK : InboundPolicy.ALLOW, null);
    }
}

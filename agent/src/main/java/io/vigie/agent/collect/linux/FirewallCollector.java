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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code firewall.status}: one profile per Linux firewall layer found.
 * <ul>
 *   <li>ufw: {@code ufw status verbose} (root: {@code Status: active}, {@code Default: deny (incoming)}); without
 *       root its configuration ({@code /etc/ufw/ufw.conf ENABLED}, {@code /etc/default/ufw DEFAULT_INPUT_POLICY});</li>
 *   <li>firewalld: {@code firewall-cmd --state}, default zone and its {@code target} ({@code --list-all});</li>
 *   <li>nftables (root): {@code nft -j list ruleset}; an input base chain with policy drop, or ending in a bare
 *       drop/reject rule, blocks by default;</li>
 *   <li>iptables (root): {@code iptables-save} (the distribution's default backend), and
 *       {@code iptables-legacy-save} only when a legacy table already exists ({@code /proc/net/ip_tables_names} not
 *       empty). Both without {@code -t}: they then dump only existing tables, while {@code iptables -S} or
 *       {@code -t filter} would create the legacy {@code filter} table — the check must not change the machine.</li>
 * </ul>
 * "On" is not "filtering": each kernel layer says whether inbound traffic is actually filtered
 * ({@link FirewallProfile#filtering()}: a drop/reject policy, or a reachable rule that drops or rejects, other than
 * one that only drops invalid packets). ufw and firewalld saying "active" are checked against the kernel ruleset
 * the same way: when the ruleset could be read and nothing in it filters inbound traffic, they do not filter either.
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
        List<FirewallProfile> kernel = new ArrayList<>();
        if (nft.ok()) {
            try {
                FirewallProfile p = parseNftRuleset(nft.stdout());
                nftRead = true;
                sources.add("nft -j list ruleset");
                if (p != null) {
                    kernel.add(p);
                }
            } catch (IllegalArgumentException e) {
                problems.add("nft: " + e.getMessage());
            }
        } else if (!nft.notFound()) {
            problems.add(nft.describe());
        }
        // iptables-save without -t dumps only the tables that exist: unlike "iptables -S" or "-t filter", it never
        // makes the kernel create a table (checked in a fresh network namespace, iptables 1.8.9, both backends)
        boolean iptRead = false;
        CommandResult ipt = LinuxHost.run(ctx, Duration.ofSeconds(5), "iptables-save");
        if (ipt.ok()) {
            iptRead = true;
            sources.add("iptables-save");
            FirewallProfile p = parseIptables(ipt.stdout(), "iptables");
            if (p != null && (Boolean.TRUE.equals(p.enabled()) || !nftRead)) {
                kernel.add(p);
            }
        } else if (!ipt.notFound()) {
            problems.add(ipt.describe());
        }
        FileContent legacyNames = ctx.files().read("/proc/net/ip_tables_names");
        if (legacyNames.ok() && !legacyNames.text().isBlank()) {
            // only when some legacy table already exists; reading it creates nothing
            CommandResult legacy = LinuxHost.run(ctx, Duration.ofSeconds(5), "iptables-legacy-save");
            if (legacy.ok()) {
                iptRead = true;
                sources.add("iptables-legacy-save");
                FirewallProfile p = parseIptables(legacy.stdout(), "iptables-legacy");
                if (p != null && Boolean.TRUE.equals(p.enabled())) {
                    kernel.add(p);
                }
            }
        }
        if (nftRead || iptRead) {
            boolean kernelFilters = kernel.stream().anyMatch(k -> Boolean.TRUE.equals(k.filtering()));
            profiles.replaceAll(p -> Boolean.TRUE.equals(p.enabled()) ? withKernelVerdict(p, kernelFilters) : p);
        }
        profiles.addAll(kernel);
        if (!nftRead && !iptRead && profiles.isEmpty()) {
            if (problems.isEmpty() && !ufw && fw.notFound() && nft.notFound() && ipt.notFound() && !legacyNames.ok()) {
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

    /** ufw or firewalld "active", judged by what the kernel ruleset does with inbound traffic. */
    static FirewallProfile withKernelVerdict(FirewallProfile p, boolean kernelFilters) {
        String detail = kernelFilters ? null
                : p.name() + " says active, but the kernel ruleset (nftables, iptables) drops or rejects no inbound traffic";
        return new FirewallProfile(p.name(), p.enabled(), p.defaultInbound(), p.current(), kernelFilters, detail);
    }

    /**
     * Pure: {@code nft -j list ruleset} (format: libnftables-json(5)). Null when there is no input base chain
     * (nftables not filtering input). Default deny = some input base chain has policy drop, or ends with a rule that
     * only drops/rejects. Filtering = default deny, or a rule reachable from an input base chain (through jump and
     * goto) that drops or rejects something other than invalid packets. Rules with iptables extensions ("xt", written
     * by iptables-nft) are left to {@link #parseIptables}: the JSON hides what they match and their REJECT target.
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
        List<JsonNode> inputChains = new ArrayList<>();
        Map<String, List<JsonNode>> rules = new HashMap<>();
        for (JsonNode item : root.get("nftables")) {
            JsonNode chain = item.get("chain");
            if (chain != null && "input".equals(chain.path("hook").asText())
                    && chain.path("type").asText("filter").equals("filter")
                    && Set.of("ip", "ip6", "inet").contains(chain.path("family").asText())) {
                inputChains.add(chain);
            }
            JsonNode rule = item.get("rule");
            if (rule != null) {
                rules.computeIfAbsent(nftKey(rule, rule.path("chain").asText()), k -> new ArrayList<>()).add(rule);
            }
        }
        if (inputChains.isEmpty()) {
            return null;
        }
        boolean block = false;
        boolean filtering = false;
        List<String> parts = new ArrayList<>();
        for (JsonNode c : inputChains) {
            String policy = c.path("policy").asText("accept");
            String key = nftKey(c, c.path("name").asText());
            List<JsonNode> own = rules.getOrDefault(key, List.of());
            boolean drops = nftDrops(key, rules, new HashSet<>());
            if (policy.equalsIgnoreCase("drop")
                    || !own.isEmpty() && bareDropOrReject(own.get(own.size() - 1).get("expr"))) {
                block = true;
            }
            filtering |= policy.equalsIgnoreCase("drop") || drops;
            parts.add(c.path("family").asText() + " " + c.path("table").asText() + " " + c.path("name").asText()
                    + ": policy " + policy + ", " + own.size() + (own.size() == 1 ? " rule" : " rules")
                    + (drops ? ", some drop or reject" : ", none drops or rejects"));
        }
        return new FirewallProfile("nftables", true, block ? InboundPolicy.BLOCK : InboundPolicy.ALLOW, null,
                filtering, String.join("; ", parts));
    }

    private static String nftKey(JsonNode n, String chain) {
        return n.path("family").asText() + "/" + n.path("table").asText() + "/" + chain;
    }

    /** A rule of {@code key}, or of a chain it jumps or goes to, drops or rejects (invalid packets aside). */
    private static boolean nftDrops(String key, Map<String, List<JsonNode>> rules, Set<String> seen) {
        if (!seen.add(key)) {
            return false;
        }
        String prefix = key.substring(0, key.lastIndexOf('/') + 1);
        for (JsonNode rule : rules.getOrDefault(key, List.of())) {
            JsonNode expr = rule.get("expr");
            if (expr == null) {
                continue;
            }
            if (hasKey(expr, "xt")) {
                // a rule written by iptables-nft with an iptables extension ("xt"): nft cannot show what it matches
                // (conntrack INVALID looks like any other match) nor its REJECT target; iptables-save reads it
                continue;
            }
            if ((hasKey(expr, "drop") || hasKey(expr, "reject")) && !nftInvalidOnly(expr)) {
                return true;
            }
            List<String> targets = new ArrayList<>();
            collectTargets(expr, targets);
            for (String t : targets) {
                if (nftDrops(prefix + t, rules, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasKey(JsonNode n, String key) {
        if (n.isObject()) {
            if (n.has(key)) {
                return true;
            }
            for (JsonNode v : n) {
                if (hasKey(v, key)) {
                    return true;
                }
            }
        } else if (n.isArray()) {
            for (JsonNode v : n) {
                if (hasKey(v, key)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collectTargets(JsonNode n, List<String> out) {
        if (n.isObject()) {
            for (String verb : List.of("jump", "goto")) {
                JsonNode j = n.get(verb);
                if (j != null && j.has("target")) {
                    out.add(j.get("target").asText());
                }
            }
            n.forEach(v -> collectTargets(v, out));
        } else if (n.isArray()) {
            n.forEach(v -> collectTargets(v, out));
        }
    }

    /** {@code ct state invalid drop}: drops broken packets, not new connections. */
    private static boolean nftInvalidOnly(JsonNode expr) {
        boolean invalid = false;
        for (JsonNode e : expr) {
            JsonNode m = e.get("match");
            if (m == null) {
                continue;
            }
            JsonNode right = m.get("right");
            boolean ctState = "state".equals(m.path("left").path("ct").path("key").asText());
            boolean onlyInvalid = right != null && (right.isTextual() && right.asText().equals("invalid")
                    || right.isArray() && right.size() == 1 && right.get(0).asText().equals("invalid"));
            if (!ctState || !onlyInvalid) {
                return false;
            }
            invalid = true;
        }
        return invalid;
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

    private static final Pattern TARGET = Pattern.compile("\\s-[jg]\\s+(\\S+)");
    private static final Pattern INVALID_ONLY = Pattern.compile("--(ct)?state\\s+INVALID(\\s|$)");

    /**
     * Pure: the filter table as {@code iptables-save} prints it ({@code *filter}, {@code :INPUT ACCEPT [0:0]},
     * {@code -A INPUT …}, {@code COMMIT}; format: iptables-save(8)), or {@code iptables -S} lines
     * ({@code -P INPUT DROP}). Enabled = a drop policy or at least one INPUT rule; a final
     * {@code -A INPUT -j DROP|REJECT} with no match also blocks by default. Filtering = a drop policy, or a rule
     * reachable from INPUT (through -j/-g to user chains) that drops or rejects, other than an INVALID-state drop.
     * Null when the filter table has no INPUT chain (e.g. no table exists: empty output).
     */
    static FirewallProfile parseIptables(String out, String name) {
        String table = "filter";
        Map<String, String> policy = new HashMap<>();
        Map<String, List<String>> rules = new HashMap<>();
        for (String line : out.split("\n")) {
            String t = line.strip();
            if (t.startsWith("*")) {
                table = t.substring(1).strip();
            } else if (!table.equals("filter") || t.isEmpty() || t.startsWith("#")) {
                continue;
            } else if (t.startsWith("-P ") || t.startsWith(":")) {
                String[] f = (t.startsWith(":") ? t.substring(1) : t.substring(3)).strip().split("\\s+");
                if (f.length >= 2) {
                    policy.put(f[0], f[1].toUpperCase(Locale.ROOT));
                }
            } else if (t.startsWith("-A ")) {
                String[] f = t.split("\\s+", 3);
                if (f.length >= 2) {
                    rules.computeIfAbsent(f[1], k -> new ArrayList<>()).add(t);
                }
            }
        }
        String pol = policy.get("INPUT");
        if (pol == null) {
            return null;
        }
        policy.keySet().forEach(c -> rules.putIfAbsent(c, new ArrayList<>())); // declared chains, even empty
        List<String> input = rules.getOrDefault("INPUT", List.of());
        String last = input.isEmpty() ? null : input.get(input.size() - 1);
        boolean dropPolicy = pol.equals("DROP") || pol.equals("REJECT");
        boolean block = dropPolicy || last != null && last.matches("-A INPUT -j (DROP|REJECT)( .*)?");
        boolean drops = iptDrops("INPUT", rules, new HashSet<>());
        boolean enabled = block || !input.isEmpty();
        String detail = "filter INPUT: policy " + pol + ", " + input.size() + (input.size() == 1 ? " rule" : " rules")
                + (drops ? ", some drop or reject" : ", none drops or rejects");
        return new FirewallProfile(name, enabled, block ? InboundPolicy.BLOCK : InboundPolicy.ALLOW, null,
                dropPolicy || drops, detail, dropPolicy ? iptAccepted(rules) : null);
    }

    private static final Pattern DPORT = Pattern.compile("--dports?\\s+(\\S+)");
    private static final Pattern PROTO = Pattern.compile("(?:^|\\s)-p\\s+(\\S+)");
    private static final Set<String> NEUTRAL_TARGETS = Set.of("DROP", "REJECT", "LOG", "NFLOG", "RETURN");

    /**
     * Pure: with a drop policy on INPUT, the ports whose new connections some rule reachable from INPUT accepts
     * ("22/tcp", "*&#47;udp"), or null when a rule is too complex to be sure (an accept that is neither for
     * loopback, established/related traffic, ICMP nor a protocol and port, or a target this reading does not know).
     * Conservative: rules that drop are ignored (they can only close more), and an accept reached through a jump
     * keeps the port of the rule that jumped.
     */
    static List<String> iptAccepted(Map<String, List<String>> rules) {
        Set<String> open = new java.util.TreeSet<>();
        return iptWalk("INPUT", null, null, rules, open, new HashSet<>()) ? List.copyOf(open) : null;
    }

    private static boolean iptWalk(String chain, String ctxProto, List<String> ctxPorts, Map<String, List<String>> rules,
                                   Set<String> open, Set<String> path) {
        if (!path.add(chain)) {
            return true; // a loop adds nothing new
        }
        try {
            for (String rule : rules.getOrDefault(chain, List.of())) {
                Matcher tm = TARGET.matcher(rule);
                if (!tm.find()) {
                    continue; // no target: counts packets only
                }
                String target = tm.group(1);
                if (NEUTRAL_TARGETS.contains(target)) {
                    continue;
                }
                if (rule.matches(".*\\s-i\\s+lo(\\s.*)?") || rule.matches(".*--(ct)?state\\s+(RELATED,ESTABLISHED|ESTABLISHED,RELATED|ESTABLISHED|RELATED)(\\s.*)?")) {
                    continue; // loopback, or replies to connections this machine opened
                }
                Matcher pm = PROTO.matcher(rule);
                String proto = pm.find() ? pm.group(1).toLowerCase(Locale.ROOT) : ctxProto;
                if (proto != null && (proto.equals("icmp") || proto.equals("ipv6-icmp") || proto.equals("icmpv6"))) {
                    continue;
                }
                Matcher dm = DPORT.matcher(rule);
                List<String> ports = dm.find() ? List.of(dm.group(1).split(",")) : ctxPorts;
                if (target.equals("ACCEPT")) {
                    if (proto == null || !(proto.equals("tcp") || proto.equals("udp"))) {
                        return false; // accepts more than one protocol's ports: cannot say which are closed
                    }
                    if (ports == null) {
                        open.add("*/" + proto);
                    } else {
                        ports.forEach(p -> open.add(p.replace(':', '-') + "/" + proto));
                    }
                } else if (rules.containsKey(target)) {
                    if (!iptWalk(target, proto, ports, rules, open, path)) {
                        return false;
                    }
                } else {
                    return false; // a target this reading does not know
                }
            }
            return true;
        } finally {
            path.remove(chain);
        }
    }

    private static boolean iptDrops(String chain, Map<String, List<String>> rules, Set<String> seen) {
        if (!seen.add(chain)) {
            return false;
        }
        for (String rule : rules.getOrDefault(chain, List.of())) {
            Matcher m = TARGET.matcher(rule);
            if (!m.find()) {
                continue;
            }
            String target = m.group(1);
            if ((target.equals("DROP") || target.equals("REJECT")) && !INVALID_ONLY.matcher(rule).find()) {
                return true;
            }
            if (rules.containsKey(target) && iptDrops(target, rules, seen)) {
                return true;
            }
        }
        return false;
    }
}

package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.SnmpAgent;
import io.vigie.checks.fact.SnmpCommunity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code snmp.agent}: net-snmp's {@code snmpd} (Linux; macOS ships the same agent) and its v1/v2c communities, from
 * its configuration files (snmpd.conf(5)): {@code /etc/snmp/snmpd.conf}, {@code snmpd.local.conf}, the persistent
 * {@code /var/lib/snmp/snmpd.conf}, and every {@code includeFile} / {@code includeDir} (files ending in
 * {@code .conf}) they name. A community is counted when it is usable over v1/v2c:
 * <ul>
 *   <li>{@code rocommunity}, {@code rocommunity6} (read), {@code rwcommunity}, {@code rwcommunity6} (write);</li>
 *   <li>{@code com2sec}, {@code com2sec6}, {@code com2secunix} only when a {@code group} line maps its security
 *       name to the v1 or v2c model (write when that group's {@code access} line has a write view).</li>
 * </ul>
 * {@code createUser} (SNMPv3, with a password) is counted apart and is not a default community. Community strings
 * are passwords: only {@code public} and {@code private} are reported by name. NOT_APPLICABLE when snmpd is not
 * installed; UNKNOWN ({@code needs_admin}) when a configuration file cannot be read (snmpd.conf is often 0600), and
 * UNKNOWN ({@code command_failed}) when one could not be read for another reason and no default community was found.
 */
public final class SnmpdCollector implements Collector {

    static final List<String> BINARIES = List.of("/usr/sbin/snmpd", "/usr/local/sbin/snmpd", "/usr/bin/snmpd");
    static final List<String> CONFIGS = List.of("/etc/snmp/snmpd.conf", "/etc/snmp/snmpd.local.conf",
            "/var/lib/snmp/snmpd.conf", "/usr/local/etc/snmp/snmpd.conf");
    static final Set<String> DEFAULTS = Set.of("public", "private");
    private static final int MAX_FILES = 64;

    /** One configuration file read, in the order snmpd reads it. */
    record ConfigFile(String path, String text) {
    }

    @Override
    public String name() {
        return "snmpd";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.SNMP_AGENT);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        var now = ctx.now();
        if (BINARIES.stream().noneMatch(b -> ctx.files().exists(b))) {
            return List.of(Fact.notApplicable(FactKeys.SNMP_AGENT, "snmpd", now,
                    Reason.of(Reason.NOT_INSTALLED, "no SNMP agent (snmpd) installed")));
        }
        List<ConfigFile> read = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String path : CONFIGS) {
            readWithIncludes(ctx, path, read, denied, unreadable, seen, 0);
        }
        if (!denied.isEmpty()) {
            return List.of(Fact.unknown(FactKeys.SNMP_AGENT, String.join(", ", denied), now,
                    Reason.of(Reason.NEEDS_ADMIN, "the SNMP agent's configuration can only be read as root: "
                            + String.join(", ", denied))));
        }
        String source = read.isEmpty() ? "snmpd (no configuration file)"
                : String.join(", ", read.stream().map(ConfigFile::path).toList());
        SnmpAgent agent = parse(read);
        if (!unreadable.isEmpty() && (agent.defaultCommunities() == null || agent.defaultCommunities().isEmpty())) {
            // communities add up across files: one found is a fact, but none found says nothing of a file not read
            return List.of(Fact.unknown(FactKeys.SNMP_AGENT, source, now, Reason.of(Reason.COMMAND_FAILED,
                    "SNMP agent configuration unreadable: " + String.join(", ", unreadable))));
        }
        return List.of(Fact.ok(FactKeys.SNMP_AGENT, source, now, agent));
    }

    private static void readWithIncludes(CollectContext ctx, String path, List<ConfigFile> out, List<String> denied,
                                         List<String> unreadable, Set<String> seen, int depth) {
        if (depth > 8 || out.size() >= MAX_FILES || !seen.add(path)) {
            return;
        }
        FileContent f = ctx.files().read(path);
        if (f.state() == FileContent.State.DENIED) {
            denied.add(path);
            return;
        }
        if (f.state() == FileContent.State.ERROR) {
            unreadable.add(path + (f.detail() == null ? "" : " (" + f.detail() + ")"));
            return;
        }
        if (!f.ok()) {
            return;
        }
        out.add(new ConfigFile(path, f.text()));
        for (String line : f.text().split("\n")) {
            String[] t = tokens(line);
            if (t.length < 2) {
                continue;
            }
            String d = t[0].toLowerCase(Locale.ROOT);
            if (d.equals("includefile")) {
                readWithIncludes(ctx, t[1], out, denied, unreadable, seen, depth + 1);
            } else if (d.equals("includedir")) {
                for (String name : ctx.files().list(t[1])) {
                    if (name.endsWith(".conf")) {
                        readWithIncludes(ctx, t[1] + "/" + name, out, denied, unreadable, seen, depth + 1);
                    }
                }
            }
        }
    }

    private static String[] tokens(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return new String[0];
        }
        return s.split("\\s+");
    }

    /** Pure: the communities, v3 users and listening addresses of these configuration files (snmpd.conf(5)). */
    static SnmpAgent parse(List<ConfigFile> files) {
        List<SnmpCommunity> defaults = new ArrayList<>();
        Set<String> others = new LinkedHashSet<>();
        int v3 = 0;
        List<String> addresses = new ArrayList<>();
        // com2sec: security name -> (community, where); group: security name -> groups (v1/v2c); access: group -> write
        List<String[]> com2sec = new ArrayList<>();
        Map<String, Set<String>> groupsOf = new HashMap<>();
        Set<String> writeGroups = new HashSet<>();
        for (ConfigFile f : files) {
            String[] lines = f.text().split("\n");
            for (int i = 0; i < lines.length; i++) {
                String[] t = tokens(lines[i]);
                if (t.length == 0) {
                    continue;
                }
                String d = t[0].toLowerCase(Locale.ROOT);
                String where = f.path() + ":" + (i + 1);
                switch (d) {
                    case "rocommunity", "rocommunity6", "rwcommunity", "rwcommunity6" -> {
                        if (t.length >= 2) {
                            String access = d.startsWith("rw") ? "write" : "read";
                            if (DEFAULTS.contains(t[1])) {
                                defaults.add(new SnmpCommunity(t[1], access, d + " (" + where + ")"));
                            } else {
                                others.add(t[1]);
                            }
                        }
                    }
                    case "com2sec", "com2sec6", "com2secunix" -> {
                        List<String> args = new ArrayList<>(List.of(t).subList(1, t.length));
                        if (args.size() >= 2 && args.get(0).equals("-Cn")) {
                            args = args.subList(2, args.size());
                        }
                        if (args.size() >= 3) {
                            com2sec.add(new String[]{args.get(0), args.get(2), d + " (" + where + ")"});
                        }
                    }
                    case "group" -> {
                        String model = t.length >= 4 ? t[2].toLowerCase(Locale.ROOT) : "";
                        if (model.equals("v1") || model.equals("v2c")) {
                            groupsOf.computeIfAbsent(t[3], k -> new HashSet<>()).add(t[1]);
                        }
                    }
                    case "access" -> {
                        // access GROUP CONTEXT MODEL LEVEL PREFX READ WRITE NOTIFY
                        if (t.length >= 8 && !t[7].equalsIgnoreCase("none") && !t[7].equals("\"\"")) {
                            writeGroups.add(t[1]);
                        }
                    }
                    case "createuser", "usmuser" -> v3++;
                    case "agentaddress" -> {
                        if (t.length >= 2) {
                            for (String a : String.join("", List.of(t).subList(1, t.length)).split(",")) {
                                if (!a.isBlank()) {
                                    addresses.add(a.strip());
                                }
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        for (String[] c : com2sec) {
            Set<String> groups = groupsOf.get(c[0]);
            if (groups == null) {
                continue; // no v1/v2c group for this security name: the community grants nothing
            }
            if (DEFAULTS.contains(c[1])) {
                boolean write = groups.stream().anyMatch(writeGroups::contains);
                defaults.add(new SnmpCommunity(c[1], write ? "write" : "read", c[2] + " + group v1/v2c"));
            } else {
                others.add(c[1]);
            }
        }
        return new SnmpAgent(defaults, others.size(), v3, addresses,
                files.stream().map(ConfigFile::path).toList());
    }
}

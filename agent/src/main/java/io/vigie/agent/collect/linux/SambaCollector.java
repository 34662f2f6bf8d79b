package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.SmbV1;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code smb.v1}: whether the Samba server accepts SMBv1. {@code testparm -s -v} prints every global parameter
 * with its effective value, defaults included (so Samba &lt; 4.11, whose default was LANMAN1, is judged right):
 * {@code server min protocol} of NT1, LANMAN1, LANMAN2, CORE or COREPLUS means SMBv1 is accepted;
 * {@code client min protocol} the same for the client. NOT_APPLICABLE when no smbd is installed.
 */
final class SambaCollector implements Collector {

    static final Set<String> SMB1_LEVELS = Set.of("NT1", "LANMAN1", "LANMAN2", "CORE", "COREPLUS");

    @Override
    public String name() {
        return "samba";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.SMB_V1);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        var now = ctx.now();
        if (LinuxHost.firstExisting(ctx, "/usr/sbin/smbd", "/usr/bin/smbd", "/usr/local/samba/sbin/smbd").isEmpty()) {
            return List.of(Fact.notApplicable(FactKeys.SMB_V1, "smbd", now,
                    Reason.of(Reason.NOT_INSTALLED, "no Samba server (smbd) installed")));
        }
        CommandResult r = LinuxHost.run(ctx, Duration.ofSeconds(5), "testparm", "-s", "-v");
        String src = "testparm -s -v";
        if (r.notFound()) {
            return List.of(Fact.unknown(FactKeys.SMB_V1, src, now, Reason.of(Reason.TOOL_ABSENT, r.describe())));
        }
        if (r.timedOut()) {
            return List.of(Fact.unknown(FactKeys.SMB_V1, src, now, Reason.of(Reason.COMMAND_TIMEOUT, r.describe())));
        }
        if (r.exitCode() != 0) {
            return List.of(Fact.unknown(FactKeys.SMB_V1, src, now, Reason.of(Reason.COMMAND_FAILED, r.describe())));
        }
        Map<String, String> global = globalSection(r.stdout());
        String server = global.get("server min protocol");
        if (server == null) {
            server = global.get("min protocol");
        }
        if (server == null) {
            return List.of(Fact.unknown(FactKeys.SMB_V1, src, now, Reason.of(
                    r.stdout().isBlank() ? Reason.EMPTY_OUTPUT : Reason.UNPARSABLE_OUTPUT, "no 'server min protocol' in testparm -v")));
        }
        String client = global.get("client min protocol");
        return List.of(Fact.ok(FactKeys.SMB_V1, src, now, judge(server, client)));
    }

    static SmbV1 judge(String server, String client) {
        Boolean c = client == null ? null : smb1(client);
        return new SmbV1(smb1(server), c, "server min protocol = " + server
                + (client == null ? "" : "; client min protocol = " + client));
    }

    static boolean smb1(String level) {
        return SMB1_LEVELS.contains(level.strip().toUpperCase(Locale.ROOT));
    }

    /** Pure: the {@code [global]} parameters of testparm output, keys lowercased. */
    static Map<String, String> globalSection(String out) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        boolean global = false;
        for (String raw : out.split("\n")) {
            String t = raw.strip();
            if (t.startsWith("[") && t.endsWith("]")) {
                global = t.equalsIgnoreCase("[global]");
                continue;
            }
            int eq = t.indexOf('=');
            if (global && eq > 0) {
                m.putIfAbsent(t.substring(0, eq).strip().toLowerCase(Locale.ROOT), t.substring(eq + 1).strip());
            }
        }
        return m;
    }
}

package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.checks.fact.AutoUpdate;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.LastInstall;
import io.vigie.checks.fact.PatchStatus;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code patch.status}, {@code patch.lastInstall} and {@code patch.auto} from the Windows Update COM API
 * (offline search of the last scan, update history) and the Windows Update policy keys.
 */
final class WindowsUpdateCollector extends ProbeCollector {

    static final String SECURITY_UPDATES = "0fa1201d-4330-4fa8-8ae9-b877473b6441";
    static final String DEFINITION_UPDATES = "e0789628-ce08-4437-be74-2495b842f43b";
    static final String POLICY_KEY = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";
    static final int MAX_EVIDENCE = 20;

    WindowsUpdateCollector() {
        super("windows-update", "windows-update",
                List.of(FactKeys.PATCH_STATUS, FactKeys.PATCH_LAST_INSTALL, FactKeys.PATCH_AUTO));
    }

    @Override
    List<Fact<?>> facts(CollectContext ctx, Probe p) {
        return List.of(status(p, ctx.now()), lastInstall(p, ctx.now()), auto(p, ctx.now()));
    }

    private static boolean hasCategory(JsonNode u, String guid) {
        for (String c : Nodes.texts(u, "CategoryIDs")) {
            if (c.toLowerCase(Locale.ROOT).equals(guid)) {
                return true;
            }
        }
        return false;
    }

    static Fact<PatchStatus> status(Probe p, Instant at) {
        String source = "Microsoft.Update.Session offline search (" + p.source() + ")";
        Probe.Section search = p.section("search");
        if (!search.ok()) {
            return Fact.unknown(FactKeys.PATCH_STATUS, source, at, search.failure());
        }
        Integer resultCode = Nodes.integer(search.node(), "ResultCode");
        if (resultCode != null && resultCode != 2 && resultCode != 3) {
            return Fact.unknown(FactKeys.PATCH_STATUS, source, at,
                    Reason.of(Reason.COMMAND_FAILED, "update search ended with OperationResultCode " + resultCode));
        }
        int pending = 0;
        List<String> security = new ArrayList<>();
        for (JsonNode u : Nodes.list(search.node(), "Updates")) {
            if (hasCategory(u, DEFINITION_UPDATES)) {
                continue; // antivirus signatures: not a patch
            }
            pending++;
            if (hasCategory(u, SECURITY_UPDATES)) {
                String title = Nodes.text(u, "Title");
                security.add(title == null ? String.join(",", Nodes.texts(u, "KBArticleIDs")) : title);
            }
        }
        Probe.Section results = p.section("results");
        Instant refreshed = results.ok() ? Nodes.instant(results.node(), "LastSearchSuccessDate") : null;
        return Fact.ok(FactKeys.PATCH_STATUS, source, at, new PatchStatus("windows-update", pending, security.size(),
                security.subList(0, Math.min(MAX_EVIDENCE, security.size())), refreshed, rebootRequired(p)));
    }

    /** True when the RebootRequired key exists or SystemInfo says so; false only when SystemInfo said false. */
    static Boolean rebootRequired(Probe p) {
        Probe.Section r = p.section("reboot");
        if (!r.ok()) {
            return null;
        }
        Boolean key = Nodes.bool(r.node(), "RebootRequiredKey");
        Boolean info = Nodes.bool(r.node(), "SystemInfoRebootRequired");
        if (Boolean.TRUE.equals(key) || Boolean.TRUE.equals(info)) {
            return true;
        }
        return Boolean.FALSE.equals(info) ? false : null;
    }

    static Fact<LastInstall> lastInstall(Probe p, Instant at) {
        Probe.Section history = p.section("history");
        if (history.ok()) {
            Instant last = null;
            int entries = 0;
            for (JsonNode h : Nodes.list(history.node(), "Entries")) {
                entries++;
                Integer op = Nodes.integer(h, "Operation");
                Integer rc = Nodes.integer(h, "ResultCode");
                Instant d = Nodes.instant(h, "Date");
                if (op != null && op == 1 && rc != null && rc == 2 && d != null && !hasCategory(h, DEFINITION_UPDATES)
                        && (last == null || d.isAfter(last))) {
                    last = d;
                }
            }
            String source = "IUpdateSearcher.QueryHistory (" + p.source() + ")";
            if (last != null) {
                return Fact.ok(FactKeys.PATCH_LAST_INSTALL, source, at, new LastInstall(last, "wu-history"));
            }
            return Fact.unknown(FactKeys.PATCH_LAST_INSTALL, source, at, Reason.of(Reason.EMPTY_OUTPUT,
                    "no successful update installation (other than antivirus signatures) among the " + entries
                            + " newest history entries"));
        }
        // The AutoUpdate result also counts antivirus signature installs: only used when the history is unreadable.
        Probe.Section results = p.section("results");
        Instant d = results.ok() ? Nodes.instant(results.node(), "LastInstallationSuccessDate") : null;
        String source = "Microsoft.Update.AutoUpdate Results (" + p.source() + ")";
        if (d != null) {
            return Fact.ok(FactKeys.PATCH_LAST_INSTALL, source, at, new LastInstall(d, "wu-autoupdate"));
        }
        return Fact.unknown(FactKeys.PATCH_LAST_INSTALL, source, at, history.failure());
    }

    static Fact<AutoUpdate> auto(Probe p, Instant at) {
        String source = POLICY_KEY + ", service wuauserv (" + p.source() + ")";
        Probe.Section s = p.section("policy");
        if (!s.ok()) {
            return Fact.unknown(FactKeys.PATCH_AUTO, source, at, s.failure());
        }
        JsonNode n = s.node();
        Long start = Nodes.number(n, "WuauservStart");
        Long noAuto = Nodes.number(n, "NoAutoUpdate");
        Long options = Nodes.number(n, "AUOptions");
        Long useWsus = Nodes.number(n, "UseWUServer");
        String wsus = Nodes.text(n, "WUServer");
        String type = Nodes.text(n, "InstallationType");
        boolean server = type != null && type.toLowerCase(Locale.ROOT).startsWith("server");
        List<String> detail = new ArrayList<>();
        Boolean enabled;
        if (start != null && start == 4) {
            enabled = false;
            detail.add("wuauserv Start=4 (disabled)");
        } else if (noAuto != null && noAuto == 1) {
            enabled = false;
            detail.add("NoAutoUpdate=1");
        } else if (options != null) {
            detail.add("AUOptions=" + options);
            enabled = options == 4 ? Boolean.TRUE : options == 5 ? null : Boolean.FALSE;
        } else if (server) {
            // Windows Server without policy: the behaviour depends on the edition and sconfig's choice.
            enabled = null;
            detail.add("no Windows Update policy (Windows Server default depends on sconfig)");
        } else {
            enabled = true;
            detail.add("no Windows Update policy (Windows default: automatic)");
        }
        if (useWsus != null && useWsus == 1 && wsus != null) {
            detail.add("WSUS " + wsus);
        }
        return Fact.ok(FactKeys.PATCH_AUTO, source, at, new AutoUpdate(enabled, "windows-update", String.join(", ", detail)));
    }
}

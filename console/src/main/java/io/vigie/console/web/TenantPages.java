package io.vigie.console.web;

import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.LanDevice;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.LanService;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.rule.lan.LanFindings;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;
import io.vigie.console.http.ApiException;
import io.vigie.console.intake.InvalidReport;
import io.vigie.console.intake.ReportImport;
import io.vigie.console.store.DeliveryStore;
import io.vigie.console.store.Device;
import io.vigie.console.store.ReportDelivery;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.ReportSummary;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Store;
import io.vigie.console.store.StoredReport;
import io.vigie.console.store.VerdictSet;
import io.vigie.console.web.view.Count;
import io.vigie.console.web.view.DeviceRow;
import io.vigie.console.web.view.DiagnosticCell;
import io.vigie.console.web.view.LanFindingRow;
import io.vigie.console.web.view.LanHostRow;
import io.vigie.console.web.view.LanScan;
import io.vigie.console.web.view.Notice;
import io.vigie.console.web.view.OrgRow;
import io.vigie.console.web.view.SilentRow;
import io.vigie.console.web.view.ThemeRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;

/** Dashboard and organisation pages, and the report file import. Every read goes through the scoped {@link Store}. */
final class TenantPages {

    private static final Logger LOG = Logger.getLogger("io.vigie.console.web");

    private final Web web;
    private final Store store;
    private final Texts texts;
    private final DeliveryStore delivery;
    private final ReportImport imports;
    private final DiagnosticPages diagnostics;

    TenantPages(Web web, DiagnosticPages diagnostics) {
        this.web = web;
        this.diagnostics = diagnostics;
        this.store = web.api().store();
        this.texts = web.texts();
        this.delivery = store.delivery();
        this.imports = web.api().imports();
    }

    private Instant now() {
        return web.api().clock().instant();
    }

    /** A device with its newest report and that report's console verdicts. */
    private record DeviceState(Device device, ReportSummary latest, VerdictSet verdicts, boolean silent) {
        Instant lastSeen() {
            return device.lastSeenAt();
        }
    }

    private List<DeviceState> states(Scope scope, UUID organisationId, Instant silentBefore) {
        List<DeviceState> out = new ArrayList<>();
        for (Device d : store.tenants().devices(scope, organisationId)) {
            List<ReportSummary> last = store.reports().reports(scope, d.id(), 1);
            ReportSummary latest = last.isEmpty() ? null : last.get(0);
            VerdictSet v = latest == null ? null : store.reports().consoleVerdicts(scope, latest.id()).orElse(null);
            Instant seen = d.lastSeenAt() != null ? d.lastSeenAt() : d.enrolledAt();
            boolean silent = d.revokedAt() == null && seen.isBefore(silentBefore);
            out.add(new DeviceState(d, latest, v, silent));
        }
        return out;
    }

    private static Map<Severity, Integer> fails(VerdictSet v) {
        Map<Severity, Integer> m = new EnumMap<>(Severity.class);
        if (v != null) {
            for (Finding f : v.findings()) {
                if (f.verdict() == Verdict.FAIL && f.severity() != null) {
                    m.merge(f.severity(), 1, Integer::sum);
                }
            }
        }
        return m;
    }

    private List<Count> counts(Map<Severity, Integer> m, Lang lang) {
        List<Count> out = new ArrayList<>();
        for (Severity s : Severity.values()) {
            Integer n = m.get(s);
            if (n != null && n > 0) {
                out.add(new Count(texts.severityLabel(s, lang), n, "sev-" + s.json()));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ dashboard

    Page dashboard(Req r) {
        Scope scope = r.scope();
        if (scope.role() == Role.CUSTOMER_VIEWER) {
            return Page.redirect(AccountPages.home(scope.role(), scope.organisationId()));
        }
        int days = web.store().silentAfterDays(scope);
        Instant silentBefore = now().minus(java.time.Duration.ofDays(days));
        List<OrgRow> orgs = new ArrayList<>();
        List<SilentRow> silent = new ArrayList<>();
        for (Organisation o : store.tenants().organisations(scope)) {
            List<DeviceState> states = states(scope, o.id(), silentBefore);
            Map<Severity, Integer> total = new EnumMap<>(Severity.class);
            Instant lastReport = null;
            int silentCount = 0;
            for (DeviceState s : states) {
                if (s.device().revokedAt() == null) {
                    fails(s.verdicts()).forEach((k, n) -> total.merge(k, n, Integer::sum));
                }
                if (s.latest() != null && (lastReport == null || s.latest().receivedAt().isAfter(lastReport))) {
                    lastReport = s.latest().receivedAt();
                }
                if (s.silent()) {
                    silentCount++;
                    silent.add(new SilentRow(s.device().id().toString(), DevicePages.name(s.device(), r.t()), o.name(),
                            r.t().dateTime(s.lastSeen())));
                }
            }
            DiagnosticCell diag = newestDiagnostic(scope, o, r.t());
            orgs.add(new OrgRow(o.id().toString(), o.name(), states.size(), r.t().dateTime(lastReport),
                    counts(total, r.t().lang()), silentCount, diag));
        }
        return Page.of("dashboard", "dashboard.title", "dashboard").with("organisations", orgs).with("silent", silent)
                .with("silentDays", days);
    }

    /**
     * The organisation's newest diagnostic for the dashboard: level and the six measures' progress ({@code vérifiée}
     * by the reports, {@code faite} by people); null when there is none, no level when it cannot be evaluated (a
     * referential this build does not carry).
     */
    private DiagnosticCell newestDiagnostic(Scope scope, Organisation o, I18n t) {
        List<io.vigie.console.store.DiagnosticStore.Diagnostic> list = web.diagnostics().diagnostics(scope, o.id());
        if (list.isEmpty()) {
            return null;
        }
        String id = list.get(0).id().toString();
        io.vigie.console.diagnostic.DiagnosticEvaluator.Summary sum;
        try {
            sum = web.api().evaluator().summary(scope, list.get(0).id(), now());
        } catch (io.vigie.console.store.StoreException e) {
            return new DiagnosticCell(id, t.get("none"), "", null);
        }
        String key = sum.level() == null ? null : sum.level().name().toLowerCase(java.util.Locale.ROOT);
        String plan = sum.priorities() == 0 ? t.get("dashboard.plan.none")
                : t.get(sum.signed() ? "dashboard.plan" : "dashboard.plan.open", sum.verified(), sum.done(), sum.priorities());
        if ("not_evaluated".equals(key)) { // too few answers yet for a level (issue 16 §3)
            return new DiagnosticCell(id, t.get("dashboard.inProgress"), "level-" + key, plan);
        }
        return new DiagnosticCell(id, key == null ? t.get("none") : t.get("autodiag.level." + key),
                key == null ? "" : "level-" + key, plan);
    }

    Page createOrganisation(Req r) {
        Organisation o = store.tenants().createOrganisation(r.scope(), r.field("name"), now());
        return Page.redirect("/organisations/" + o.id());
    }

    // ------------------------------------------------------------------ organisation

    Page organisation(Req r) {
        return organisationPage(r, null);
    }

    Page createCode(Req r) {
        UUID org = r.id("organisationId");
        IssuedSecret code = store.tenants().createEnrollmentCode(r.scope(), org, now(),
                web.api().config().limits().enrollmentCodeLifetime());
        return organisationPage(r, code).status(201).langPath("/organisations/" + org);
    }

    private Page organisationPage(Req r, IssuedSecret code) {
        Scope scope = r.scope();
        Organisation o = store.tenants().organisation(scope, r.id("organisationId")).orElseThrow(Req.NotFound::new);
        int days = web.store().silentAfterDays(scope);
        List<DeviceState> states = states(scope, o.id(), now().minus(java.time.Duration.ofDays(days)));
        Lang lang = r.t().lang();
        Map<Severity, Integer> total = new EnumMap<>(Severity.class);
        Map<String, Integer> byTheme = new TreeMap<>();
        List<DeviceRow> devices = new ArrayList<>();
        for (DeviceState s : states) {
            Map<Severity, Integer> f = fails(s.verdicts());
            int unknowns = 0;
            if (s.device().revokedAt() == null && s.verdicts() != null) {
                f.forEach((k, n) -> total.merge(k, n, Integer::sum));
                for (Finding x : s.verdicts().findings()) {
                    if (x.verdict() == Verdict.FAIL && x.theme() != null) {
                        byTheme.merge(x.theme(), 1, Integer::sum);
                    }
                    if (x.verdict() == Verdict.UNKNOWN) {
                        unknowns++;
                    }
                }
            }
            boolean unauthenticated = s.latest() != null && delivery.forReport(s.latest().id())
                    .map(d -> !d.authenticated()).orElse(false);
            devices.add(new DeviceRow(s.device().id().toString(), DevicePages.name(s.device(), r.t()),
                    s.device().platform() == null ? "" : s.device().platform(), r.t().dateTime(s.lastSeen()),
                    counts(f, lang), unknowns, s.silent(), s.device().revokedAt() != null, unauthenticated));
        }
        List<LanScan> lanScans = new ArrayList<>();
        for (DeviceState s : states) {
            LanScan scan = s.latest() == null ? null : lanScan(scope, s.device(), s.latest(), r.t());
            if (scan != null) {
                lanScans.add(scan);
            }
        }
        List<ThemeRow> themes = new ArrayList<>();
        byTheme.forEach((id, n) -> themes.add(new ThemeRow(DevicePages.theme(texts, id, lang), n)));
        String publicUrl = web.api().config().publicUrl() != null ? web.api().config().publicUrl() : r.origin();
        Page p = Page.of("organisation", "organisation.title", "dashboard").with("org", o.name())
                .with("orgId", o.id().toString()).with("devices", devices).with("severities", counts(total, lang))
                .with("themes", themes).with("silentDays", days).with("lanScans", lanScans)
                .with("diagnostics", diagnostics.rows(scope, o.id(), r.t()))
                .with("notice", code == null ? importNotice(r, o) : null)
                .with("maxMb", Math.max(1, web.api().config().limits().reportMaxBytes() / (1024 * 1024)));
        if (code != null) {
            p.with("code", code.secret())
                    .with("enrollCommand", "vigie enroll --console " + publicUrl + " --code " + code.secret())
                    .with("sendCommand", "vigie check --send")
                    .with("codeExpires", r.t().dateTime(code.expiresAt()));
        } else {
            p.with("code", null).with("enrollCommand", null).with("sendCommand", null).with("codeExpires", null);
        }
        return p;
    }

    // ------------------------------------------------------------------ report file import

    /**
     * {@code POST /organisations/{id}/imports}: a report file from {@code vigie check --out}, through
     * {@link ReportImport} (on this worker thread). Answers with a redirect to the organisation page, which shows
     * what happened: the imported report (read back through the scoped store) or the refusal's code.
     */
    Page importReport(Req r) {
        Scope scope = r.scope();
        UUID orgId = r.id("organisationId");
        // tenancy before role: another tenant's organisation is "not found", whoever asks
        store.tenants().organisation(scope, orgId).orElseThrow(Req.NotFound::new);
        if (!scope.role().canManage()) {
            return Web.error(403, "error.forbidden");
        }
        String back = "/organisations/" + orgId;
        byte[] file = r.files().get("file");
        if (file == null || file.length == 0) {
            return Page.redirect(back + "?importError=no_file#import-h");
        }
        try {
            ReportImport.Imported i = imports.importFile(scope, orgId, file);
            return Page.redirect(back + "?imported=" + i.reportId() + (i.alreadyStored() ? "&already=1" : "") + "#import-h");
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new Req.NotFound();
            }
            if (e.status() == 403) {
                return Web.error(403, "error.forbidden");
            }
            return Page.redirect(back + "?importError=" + e.code() + "#import-h");
        } catch (InvalidReport e) {
            return Page.redirect(back + "?importError=bad_report#import-h");
        }
    }

    /** The message after an import, from the redirect's query: only what the caller's scope may read. */
    private Notice importNotice(Req r, Organisation o) {
        I18n t = r.t();
        String error = r.query().get("importError");
        if (error != null) {
            String key = "import.error." + error;
            return new Notice("error", t.get(t.has(key) ? key : "import.error.other"));
        }
        String imported = r.query().get("imported");
        if (imported == null) {
            return null;
        }
        UUID reportId;
        try {
            reportId = UUID.fromString(imported);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Optional<StoredReport> rep = store.reports().report(r.scope(), reportId);
        if (rep.isEmpty() || !rep.get().summary().organisationId().equals(o.id())) {
            return null;
        }
        ReportSummary sum = rep.get().summary();
        boolean authenticated = delivery.forReport(reportId).map(ReportDelivery::authenticated).orElse(true);
        String host = sum.hostname() == null || sum.hostname().isBlank() ? t.get("device.unnamed") : sum.hostname();
        String key = r.query().containsKey("already") ? "import.already"
                : authenticated ? "import.done.authenticated" : "import.done.unauthenticated";
        return new Notice("notice", t.get(key, host, t.dateTime(sum.receivedAt())));
    }

    // ------------------------------------------------------------------ LAN on the organisation page

    /** The LAN discovery of a device's latest report, or null when it did not run (or cannot be read). */
    private LanScan lanScan(Scope scope, Device d, ReportSummary latest, I18n t) {
        Optional<StoredReport> body = store.reports().report(scope, latest.id());
        if (body.isEmpty()) {
            return null;
        }
        LanDiscovery l;
        try {
            l = Json.mapper().readValue(body.get().body(), Report.class).lan();
        } catch (Exception e) {
            LOG.warning("LAN section unreadable in report " + latest.id() + ": " + e);
            return null;
        }
        if (l == null || !l.performed()) {
            return null;
        }
        Lang lang = t.lang();
        LanFindings rules = LanFindings.defaults();
        List<LanHostRow> hosts = new ArrayList<>();
        for (LanDevice ld : l.devices() == null ? List.<LanDevice>of() : l.devices()) {
            List<String> services = new ArrayList<>();
            for (LanService s : ld.services() == null ? List.<LanService>of() : ld.services()) {
                services.add(s.port() + "/" + s.protocol() + (s.service() == null ? "" : " · " + s.service()));
            }
            List<LanFindingRow> findings = new ArrayList<>();
            for (Finding f : rules.judge(ld)) {
                findings.add(new LanFindingRow(f.ruleId(), texts.severityLabel(f.severity(), lang),
                        "sev-" + f.severity().json(), rules.text(f.ruleId(), lang).title(), rules.failText(f, lang)));
            }
            hosts.add(new LanHostRow(ld.address(), blank(ld.mac()), blank(ld.vendor()), blank(ld.deviceClass()),
                    services, snmp(ld.snmp(), t), findings));
        }
        Instant when = l.startedAt() != null ? l.startedAt() : latest.receivedAt();
        return new LanScan(d.id().toString(), DevicePages.name(d, t), t.dateTime(when), l.subnet() == null ? "" : l.subnet(), hosts);
    }

    private static String snmp(Map<String, String> snmp, I18n t) {
        if (snmp == null || snmp.isEmpty()) {
            return t.get("lan.noSnmp");
        }
        List<String> parts = new ArrayList<>();
        if (snmp.get("version") != null) {
            parts.add("SNMP v" + snmp.get("version"));
        }
        if (snmp.get("community") != null) {
            parts.add(t.get("lan.snmpCommunity", snmp.get("community")));
        }
        if (snmp.get("securityLevel") != null) {
            parts.add(snmp.get("securityLevel"));
        }
        if (snmp.get("sysName") != null) {
            parts.add(snmp.get("sysName"));
        }
        if (snmp.get("sysDescr") != null) {
            parts.add(snmp.get("sysDescr"));
        }
        return String.join(" · ", parts);
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}

package io.vigie.console.web;

import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.LanDevice;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.LanService;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.rule.RuleText;
import io.vigie.checks.rule.lan.LanFindings;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;
import io.vigie.console.api.AgentApi;
import io.vigie.console.api.ApiException;
import io.vigie.console.api.ReportImport;
import io.vigie.console.api.ReportValidator;
import io.vigie.console.store.Device;
import io.vigie.console.store.ReportDelivery;
import io.vigie.console.store.jdbc.DeliveryRecords;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.ReportSummary;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Store;
import io.vigie.console.store.StoredReport;
import io.vigie.console.store.VerdictSet;
import io.vigie.console.web.view.ChangeRow;
import io.vigie.console.web.view.Count;
import io.vigie.console.web.view.DeviceRow;
import io.vigie.console.web.view.DiagnosticCell;
import io.vigie.console.web.view.FindingRow;
import io.vigie.console.web.view.LanFindingRow;
import io.vigie.console.web.view.LanHostRow;
import io.vigie.console.web.view.LanRow;
import io.vigie.console.web.view.LanScan;
import io.vigie.console.web.view.Notice;
import io.vigie.console.web.view.OrgRow;
import io.vigie.console.web.view.ReportRow;
import io.vigie.console.web.view.SilentRow;
import io.vigie.console.web.view.ThemeRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Logger;

/** Dashboard, organisation and device pages. Every read goes through the scoped {@link Store}. */
final class TenantPages {

    private static final Logger LOG = Logger.getLogger("io.vigie.console.web");
    private static final int HISTORY = 50;

    private final Web web;
    private final Store store;
    private final Texts texts;
    private final DeliveryRecords delivery;
    private final ReportImport imports;
    private final DiagnosticPages diagnostics;

    TenantPages(Web web, DiagnosticPages diagnostics) {
        this.web = web;
        this.diagnostics = diagnostics;
        this.store = web.api().store();
        this.texts = web.texts();
        this.delivery = DeliveryRecords.of(store);
        this.imports = new ReportImport(store, delivery, web.api().judge(), new ReportValidator(), web.api().clock());
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
        for (Device d : store.devices(scope, organisationId)) {
            List<ReportSummary> last = store.reports(scope, d.id(), 1);
            ReportSummary latest = last.isEmpty() ? null : last.get(0);
            VerdictSet v = latest == null ? null : store.consoleVerdicts(scope, latest.id()).orElse(null);
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
        for (Organisation o : store.organisations(scope)) {
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
                    silent.add(new SilentRow(s.device().id().toString(), name(s.device(), r.t()), o.name(),
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
            sum = diagnostics.evaluator().summary(scope, list.get(0).id(), now());
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
        Organisation o = store.createOrganisation(r.scope(), r.field("name"), now());
        return Page.redirect("/organisations/" + o.id());
    }

    // ------------------------------------------------------------------ organisation

    Page organisation(Req r) {
        return organisationPage(r, null);
    }

    Page createCode(Req r) {
        UUID org = r.id("organisationId");
        IssuedSecret code = store.createEnrollmentCode(r.scope(), org, now(),
                web.api().config().limits().enrollmentCodeLifetime());
        return organisationPage(r, code).status(201).langPath("/organisations/" + org);
    }

    private Page organisationPage(Req r, IssuedSecret code) {
        Scope scope = r.scope();
        Organisation o = store.organisation(scope, r.id("organisationId")).orElseThrow(Req.NotFound::new);
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
            devices.add(new DeviceRow(s.device().id().toString(), name(s.device(), r.t()),
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
        byTheme.forEach((id, n) -> themes.add(new ThemeRow(theme(id, lang), n)));
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
        store.organisation(scope, orgId).orElseThrow(Req.NotFound::new);
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
        } catch (AgentApi.InvalidReport e) {
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
        Optional<StoredReport> rep = store.report(r.scope(), reportId);
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
        Optional<StoredReport> body = store.report(scope, latest.id());
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
        return new LanScan(d.id().toString(), name(d, t), t.dateTime(when), l.subnet() == null ? "" : l.subnet(), hosts);
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

    // ------------------------------------------------------------------ device

    Page device(Req r) {
        Scope scope = r.scope();
        Lang lang = r.t().lang();
        Device d = store.device(scope, r.id("deviceId")).orElseThrow(Req.NotFound::new);
        Organisation o = store.organisation(scope, d.organisationId()).orElseThrow(Req.NotFound::new);
        List<ReportSummary> history = store.reports(scope, d.id(), HISTORY);
        int index = 0;
        if (r.pathParams().containsKey("reportId")) {
            UUID wanted = r.id("reportId");
            index = -1;
            for (int i = 0; i < history.size(); i++) {
                if (history.get(i).id().equals(wanted)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new Req.NotFound();
            }
        }
        ReportSummary current = history.isEmpty() ? null : history.get(index);
        ReportSummary previous = index + 1 < history.size() ? history.get(index + 1) : null;
        List<FindingRow> findings = new ArrayList<>();
        List<ChangeRow> changes = new ArrayList<>();
        List<LanRow> lan = new ArrayList<>();
        List<String> lanFindings = new ArrayList<>();
        boolean lanPerformed = false;
        String lanSubnet = null;
        if (current != null) {
            VerdictSet v = store.consoleVerdicts(scope, current.id()).orElse(null);
            List<Finding> now = v == null ? List.of() : v.findings();
            now.stream().sorted(ORDER).forEach(f -> findings.add(row(f, lang)));
            if (previous != null) {
                List<Finding> before = store.consoleVerdicts(scope, previous.id()).map(VerdictSet::findings).orElse(List.of());
                changes = changes(before, now, r.t());
            }
            Optional<StoredReport> body = store.report(scope, current.id());
            if (body.isPresent()) {
                try {
                    LanDiscovery l = Json.mapper().readValue(body.get().body(), Report.class).lan();
                    if (l != null && l.performed()) {
                        lanPerformed = true;
                        lanSubnet = l.subnet();
                        for (LanDevice ld : l.devices()) {
                            lan.add(lanRow(ld, r.t()));
                        }
                        for (Finding f : LanFindings.defaults().judge(l.devices())) {
                            if (f.verdict() == Verdict.FAIL) {
                                lanFindings.add(LanFindings.defaults().text(f.ruleId(), lang).title() + " — "
                                        + LanFindings.defaults().failText(f, lang));
                            }
                        }
                    }
                } catch (Exception e) {
                    LOG.warning("LAN section unreadable in report " + current.id() + ": " + e);
                }
            }
        }
        Set<UUID> unauthenticated = delivery.unauthenticatedReports(d.id());
        List<ReportRow> reports = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            ReportSummary s = history.get(i);
            reports.add(new ReportRow("/devices/" + d.id() + "/reports/" + s.id(), r.t().dateTime(s.receivedAt()),
                    s.failCount() == null ? 0 : s.failCount(), s.unknownCount() == null ? 0 : s.unknownCount(), i == index,
                    unauthenticated.contains(s.id())));
        }
        long failCount = findings.stream().filter(f -> f.verdictCss().equals("v-fail")).count();
        List<FindingRow> passed = findings.stream().filter(f -> f.verdictCss().equals("v-pass")
                || f.verdictCss().equals("v-not-applicable")).toList();
        List<FindingRow> toShow = findings.stream().filter(f -> !passed.contains(f)).toList();
        return Page.of("device", "device.title", "dashboard").with("device", name(d, r.t()))
                .with("deviceId", d.id().toString()).with("org", o.name()).with("orgId", o.id().toString())
                .with("platform", d.platform() == null ? "" : d.platform())
                .with("agentVersion", current == null || current.agentVersion() == null ? "" : current.agentVersion())
                .with("lastSeen", r.t().dateTime(d.lastSeenAt())).with("revoked", d.revokedAt() != null)
                .with("reportDate", current == null ? null : r.t().dateTime(current.receivedAt()))
                .with("latest", index == 0).with("failCount", (int) failCount)
                .with("unauthenticated", current != null && unauthenticated.contains(current.id()))
                .with("findings", toShow).with("passed", passed).with("hasPrevious", previous != null).with("changes", changes)
                .with("reports", reports).with("lanPerformed", lanPerformed).with("lanSubnet", lanSubnet)
                .with("lan", lan).with("lanFindings", lanFindings);
    }

    /** FAIL first (most severe first), then UNKNOWN, PASS, NOT_APPLICABLE; by rule id inside. */
    private static final Comparator<Finding> ORDER = Comparator
            .comparingInt((Finding f) -> f.verdict() == Verdict.FAIL ? 0 : f.verdict() == Verdict.UNKNOWN ? 1
                    : f.verdict() == Verdict.PASS ? 2 : 3)
            .thenComparingInt(f -> f.severity() == null ? 9 : f.severity().ordinal())
            .thenComparing(Finding::ruleId);

    private FindingRow row(Finding f, Lang lang) {
        String title = f.ruleId();
        String why = null;
        String fix = null;
        if (texts != null && web.api().judge().catalogue().metadata(f.ruleId()).isPresent()) {
            try {
                RuleText t = texts.rule(f.ruleId(), lang);
                title = t.title();
                why = t.why();
                fix = t.fix();
            } catch (IllegalArgumentException e) {
                // a rule without text: its id stands in
            }
        }
        String explanation;
        try {
            explanation = texts.explain(f, lang);
        } catch (RuntimeException e) {
            explanation = f.reason();
        }
        return new FindingRow(f.ruleId(), title, texts.verdictLabel(f.verdict(), lang),
                "v-" + f.verdict().name().toLowerCase().replace('_', '-'),
                f.verdict() == Verdict.FAIL && f.severity() != null ? texts.severityLabel(f.severity(), lang) : null,
                f.severity() == null ? null : "sev-" + f.severity().json(),
                f.theme() == null ? null : theme(f.theme(), lang), explanation,
                f.verdict() == Verdict.FAIL ? why : null, f.verdict() == Verdict.FAIL ? fix : null);
    }

    private String theme(String id, Lang lang) {
        try {
            return id + " · " + texts.themeName(id, lang);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private String title(String ruleId, Lang lang) {
        try {
            return texts.rule(ruleId, lang).title();
        } catch (IllegalArgumentException e) {
            return ruleId;
        }
    }

    /** New FAILs, fixed FAILs, then other verdict changes, between two verdict sets of one device. */
    private List<ChangeRow> changes(List<Finding> before, List<Finding> now, I18n t) {
        Map<String, Verdict> b = new LinkedHashMap<>();
        before.forEach(f -> b.put(f.ruleId(), f.verdict()));
        Map<String, Verdict> a = new LinkedHashMap<>();
        now.forEach(f -> a.put(f.ruleId(), f.verdict()));
        List<ChangeRow> added = new ArrayList<>();
        List<ChangeRow> fixed = new ArrayList<>();
        List<ChangeRow> other = new ArrayList<>();
        Lang lang = t.lang();
        for (Map.Entry<String, Verdict> e : a.entrySet()) {
            Verdict old = b.get(e.getKey());
            Verdict cur = e.getValue();
            if (old == cur) {
                continue;
            }
            String from = old == null ? t.get("change.absent") : texts.verdictLabel(old, lang);
            String to = texts.verdictLabel(cur, lang);
            ChangeRow row;
            if (cur == Verdict.FAIL) {
                added.add(new ChangeRow(t.get("change.newFail"), title(e.getKey(), lang), from, to));
            } else if (old == Verdict.FAIL) {
                fixed.add(new ChangeRow(t.get("change.fixed"), title(e.getKey(), lang), from, to));
            } else {
                other.add(new ChangeRow(t.get("change.other"), title(e.getKey(), lang), from, to));
            }
        }
        for (Map.Entry<String, Verdict> e : b.entrySet()) {
            if (!a.containsKey(e.getKey()) && e.getValue() == Verdict.FAIL) {
                fixed.add(new ChangeRow(t.get("change.fixed"), title(e.getKey(), lang),
                        texts.verdictLabel(Verdict.FAIL, lang), t.get("change.absent")));
            }
        }
        List<ChangeRow> out = new ArrayList<>(added);
        out.addAll(fixed);
        out.addAll(other);
        return out;
    }

    private static LanRow lanRow(LanDevice d, I18n t) {
        List<String> services = new ArrayList<>();
        if (d.services() != null) {
            for (LanService s : d.services()) {
                services.add(s.protocol() + "/" + s.port() + (s.service() == null ? "" : " " + s.service()));
            }
        }
        return new LanRow(d.address(), d.hostname() == null ? "" : d.hostname(), d.vendor() == null ? "" : d.vendor(),
                d.deviceClass() == null ? "" : d.deviceClass(),
                services.isEmpty() ? t.get("lan.noService") : String.join(", ", services));
    }

    private static String name(Device d, I18n t) {
        return d.hostname() == null || d.hostname().isBlank() ? t.get("device.unnamed") : d.hostname();
    }
}

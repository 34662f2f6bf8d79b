package io.vigie.console.web;

import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.ReportClock;
import io.vigie.checks.report.LanDevice;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.LanService;
import io.vigie.checks.report.Report;
import io.vigie.checks.rule.RuleText;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.rule.lan.LanFindings;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;
import io.vigie.console.store.DeliveryStore;
import io.vigie.console.store.Device;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.ReportSummary;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Store;
import io.vigie.console.store.StoredReport;
import io.vigie.console.store.VerdictSet;
import io.vigie.console.web.view.ChangeRow;
import io.vigie.console.web.view.FindingRow;
import io.vigie.console.web.view.LanRow;
import io.vigie.console.web.view.ReportRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * A device's page: its newest (or a chosen) report's findings, what changed since the report before, the LAN it
 * saw, and its report history. Every read goes through the scoped stores.
 */
final class DevicePages {

    private static final Logger LOG = Logger.getLogger("io.vigie.console.web");
    private static final int HISTORY = 50;

    private final Web web;
    private final Store store;
    private final Texts texts;
    private final DeliveryStore delivery;

    DevicePages(Web web) {
        this.web = web;
        this.store = web.api().store();
        this.texts = web.texts();
        this.delivery = store.delivery();
    }

    Page device(Req r) {
        Scope scope = r.scope();
        Lang lang = r.t().lang();
        Device d = store.tenants().device(scope, r.id("deviceId")).orElseThrow(Req.NotFound::new);
        Organisation o = store.tenants().organisation(scope, d.organisationId()).orElseThrow(Req.NotFound::new);
        List<ReportSummary> history = store.reports().reports(scope, d.id(), HISTORY);
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
            VerdictSet v = store.reports().consoleVerdicts(scope, current.id()).orElse(null);
            List<Finding> now = v == null ? List.of() : v.findings();
            now.stream().sorted(ORDER).forEach(f -> findings.add(row(f, lang)));
            if (previous != null) {
                List<Finding> before = store.reports().consoleVerdicts(scope, previous.id()).map(VerdictSet::findings).orElse(List.of());
                changes = changes(before, now, r.t());
            }
            Optional<StoredReport> body = store.reports().report(scope, current.id());
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
                .with("reenrollAllowed", "allowed".equals(r.query().get("reenroll")))
                .with("reportDate", current == null ? null : r.t().dateTime(current.receivedAt()))
                .with("collectedAt", current == null ? null : collected(current, r.t()))
                .with("receivedAt", current == null ? null : r.t().dateTime(current.receivedAt()))
                .with("clockWarning", current == null ? null : clockWarning(current.clock(), r.t()))
                .with("latest", index == 0).with("failCount", (int) failCount)
                .with("unauthenticated", current != null && unauthenticated.contains(current.id()))
                .with("findings", toShow).with("passed", passed).with("hasPrevious", previous != null).with("changes", changes)
                .with("reports", reports).with("lanPerformed", lanPerformed).with("lanSubnet", lanSubnet)
                .with("lan", lan).with("lanFindings", lanFindings);
    }

    /**
     * {@code POST /devices/:deviceId/allow-reenrollment}: a manager lets one enrollment code of the device's
     * organisation bind it again during the enrollment-code lifetime (re-installed machine); audited.
     */
    Page allowReenrollment(Req r) {
        UUID id = r.id("deviceId");
        java.time.Instant now = web.api().clock().instant();
        store.tenants().allowReenrollment(r.scope(), id, now, now.plus(web.api().config().limits().enrollmentCodeLifetime()));
        return Page.redirect("/devices/" + id + "?reenroll=allowed");
    }

    /** The agent's collection time as it wrote it (its finish time, else its start), or « non indiquée ». */
    static String collected(ReportSummary s, I18n t) {
        Instant at = s.finishedAt() != null ? s.finishedAt() : s.startedAt();
        return at == null ? t.get("device.times.none") : t.dateTime(at);
    }

    /**
     * What to tell the reader when the agent's clock is implausible ({@link ReportClock}): its times are shown as
     * written, but freshness and "since" count from the time given here. Null when the times are plausible.
     */
    static String clockWarning(ReportClock clock, I18n t) {
        return switch (clock.flag()) {
            case OK -> null;
            case FUTURE -> t.get("device.clock.future", t.dateTime(clock.effectiveEnd()));
            case FAR_BEHIND -> t.get("device.clock.behind", String.valueOf(java.time.Duration.between(
                    clock.agentEnd() != null ? clock.agentEnd() : clock.agentStart(), clock.arrivedAt()).toDays()),
                    t.dateTime(clock.effectiveEnd()));
            case MISSING -> t.get("device.clock.missing");
        };
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
                f.theme() == null ? null : theme(texts, f.theme(), lang), explanation,
                f.verdict() == Verdict.FAIL ? why : null, f.verdict() == Verdict.FAIL ? fix : null);
    }

    static String theme(Texts texts, String id, Lang lang) {
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

    static String name(Device d, I18n t) {
        return d.hostname() == null || d.hostname().isBlank() ? t.get("device.unnamed") : d.hostname();
    }
}

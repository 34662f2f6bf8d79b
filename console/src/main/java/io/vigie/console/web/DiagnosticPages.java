package io.vigie.console.web;

import io.vigie.checks.plan.Recommendations;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.referential.Theme;
import io.vigie.checks.referential.SignalDef;
import io.vigie.checks.referential.UrgenceDef;
import io.vigie.checks.scoring.Conflict;
import io.vigie.checks.scoring.QuestionResult;
import io.vigie.checks.scoring.Signal;
import io.vigie.checks.scoring.Urgence;
import io.vigie.checks.scoring.Grades;
import io.vigie.checks.scoring.ThemeScore;
import io.vigie.checks.text.GradeFormat;
import io.vigie.checks.text.Lang;
import io.vigie.console.diagnostic.DiagnosticEvaluator;
import io.vigie.console.diagnostic.Evaluation;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.DiagnosticStore.AuditEntry;
import io.vigie.console.store.DiagnosticStore.Diagnostic;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Store;
import io.vigie.console.store.StoreException;
import io.vigie.console.web.view.Alert;
import io.vigie.console.web.view.AuditRow;
import io.vigie.console.web.view.DiagnosticRow;
import io.vigie.console.web.view.ReviewDevice;
import io.vigie.console.web.view.ThemeGrade;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Diagnostics: the section of the organisation page and the diagnostic page (staff and viewers of the
 * organisation); the owner's questionnaire is {@link OwnerPages}.
 */
final class DiagnosticPages {

    private final Web web;
    private final Store store;
    private final DiagnosticStore diagnostics;
    private final Referential ref = Referential.builtin();
    private final Recommendations recs = Recommendations.builtin();
    private final DiagnosticEvaluator evaluator;
    private final OwnerPages owner;

    DiagnosticPages(Web web, DiagnosticStore diagnostics, OwnerPages owner) {
        this.web = web;
        this.store = web.api().store();
        this.diagnostics = diagnostics;
        this.evaluator = web.api().evaluator();
        this.owner = owner;
    }

    private Instant now() {
        return web.api().clock().instant();
    }

    // ------------------------------------------------------------------ staff pages

    /** The organisation page's « Diagnostics » list. */
    List<DiagnosticRow> rows(Scope scope, UUID organisationId, I18n t) {
        List<DiagnosticRow> out = new ArrayList<>();
        for (Diagnostic d : diagnostics.diagnostics(scope, organisationId)) {
            out.add(new DiagnosticRow(d.id().toString(), t.dateTime(d.createdAt()), d.workstations(), d.servers(),
                    d.referentialId() + " " + d.referentialVersion()));
        }
        return out;
    }

    /** {@code POST /organisations/:organisationId/diagnostics}: tenancy, then role, then the counts. */
    Page create(Req r) {
        Scope scope = r.scope();
        UUID orgId = r.id("organisationId");
        store.tenants().organisation(scope, orgId).orElseThrow(Req.NotFound::new);
        if (!scope.role().canManage()) {
            return Web.error(403, "error.forbidden");
        }
        int workstations = count(r.field("workstations"));
        int servers = count(r.field("servers"));
        Diagnostic d = diagnostics.createDiagnostic(scope, orgId, ref.id(), ref.version(), workstations, servers, now());
        return Page.redirect("/diagnostics/" + d.id());
    }

    private static int count(String s) {
        String v = s == null ? "" : s.trim();
        if (!v.matches("[0-9]{1,6}") || Integer.parseInt(v) > 100_000) {
            throw new StoreException(StoreException.Kind.INVALID, "bad_count", "a count from 0 to 100000");
        }
        return Integer.parseInt(v);
    }

    Page diagnostic(Req r) {
        return diagnosticPage(r, null);
    }

    /** {@code POST /diagnostics/:diagnosticId/owner-links}: shows the full link once. */
    Page createOwnerLink(Req r) {
        Scope scope = r.scope();
        UUID id = r.id("diagnosticId");
        diagnostics.diagnostic(scope, id).orElseThrow(Req.NotFound::new);
        if (!scope.role().canManage()) {
            return Web.error(403, "error.forbidden");
        }
        IssuedSecret link = diagnostics.createOwnerLink(scope, id, now());
        return diagnosticPage(r, link).status(201).langPath("/diagnostics/" + id);
    }

    /** {@code POST /diagnostics/:diagnosticId/owner-links/revoke}: ends every live owner's link at once. */
    Page revokeOwnerLinks(Req r) {
        Scope scope = r.scope();
        UUID id = r.id("diagnosticId");
        diagnostics.diagnostic(scope, id).orElseThrow(Req.NotFound::new);
        if (!scope.role().canManage()) {
            return Web.error(403, "error.forbidden");
        }
        int n = diagnostics.revokeOwnerLinks(scope, id, now());
        return Page.redirect("/diagnostics/" + id + "?revoked=" + n);
    }

    private Page diagnosticPage(Req r, IssuedSecret link) {
        Scope scope = r.scope();
        I18n t = r.t();
        Lang lang = t.lang();
        Diagnostic d = diagnostics.diagnostic(scope, r.id("diagnosticId")).orElseThrow(Req.NotFound::new);
        Organisation o = store.tenants().organisation(scope, d.organisationId()).orElseThrow(Req.NotFound::new);
        Evaluation ev = null;
        try {
            ev = evaluator.evaluate(scope, d.id(), now());
        } catch (StoreException e) {
            if (e.kind() != StoreException.Kind.GONE) {
                throw e;
            }
        }
        int declared = d.workstations() + d.servers();
        Map<String, String> answers = diagnostics.ownerAnswers(scope, d.id());
        OwnerPages.Progress progress = owner.progress(answers);
        Page p = Page.of("diagnostic", "diag.title", "dashboard").with("org", o.name()).with("orgId", o.id().toString())
                .with("diagId", d.id().toString()).with("created", t.dateTime(d.createdAt()))
                .with("workstations", d.workstations()).with("servers", d.servers())
                .with("answered", progress.answered()).with("total", progress.total());

        // the result: coverage, grades, urgences, signals, devices, conflicts
        int reporting = 0;
        String coverage = t.get("none");
        boolean capped = true;
        List<ThemeGrade> grades = new ArrayList<>();
        List<Alert> urgences = new ArrayList<>();
        List<Alert> signals = new ArrayList<>();
        List<ReviewDevice> devices = new ArrayList<>();
        String global = null;
        String level = null;
        String levelCss = "";
        String guard = null;
        String guardThemes = null;
        int conflicts = 0;
        int optimistic = 0;
        int unsigned = 0;
        if (ev != null) {
            Referential ref = ev.referential();
            Map<String, String> names = new HashMap<>();
            for (Evaluation.DeviceEvidence de : ev.devices()) {
                names.put(de.device().id().toString(), ReviewPages.hostname(de));
                if (de.freshness() == Evaluation.Freshness.FRESH || de.freshness() == Evaluation.Freshness.STALE) {
                    reporting++;
                }
                devices.add(new ReviewDevice(de.device().id().toString(), ReviewPages.hostname(de),
                        ReviewPages.freshness(de.freshness(), t), "fresh-" + de.freshness().name().toLowerCase(Locale.ROOT),
                        t.dateTime(de.reportedAt()), List.of(), 0));
            }
            if (declared > 0) {
                double c = Math.min(1.0, (double) reporting / declared);
                coverage = Math.round(100 * c) + " %";
                capped = c < ref.scoring().minCoverage();
            }
            Grades g = ev.score().grades();
            for (ThemeScore ts : g.themes()) {
                Theme th = ref.theme(ts.themeId()).orElseThrow();
                String lv = ts.level() == null ? null : ts.level().name().toLowerCase(Locale.ROOT); // « non évalué » too
                grades.add(new ThemeGrade(th.id(), th.name().in(lang), th.socle(),
                        !ts.evaluated() ? null : grade(ts.grade(), lang), // no number before enough answers
                        lv == null ? t.get("diag.notApplicable") : t.get("autodiag.level." + lv),
                        lv == null ? "" : "level-" + lv, Math.round(100 * ts.confidence()) + " %"));
            }
            if (g.global() != null && g.evaluated()) { // else « pas encore assez de réponses » (issue 16 §3)
                global = grade(g.global(), lang);
                String lv = g.level().name().toLowerCase(Locale.ROOT);
                level = t.get("autodiag.level." + lv);
                levelCss = "level-" + lv;
            }
            if (!g.cappedBy().isEmpty()) {
                List<String> socle = new ArrayList<>();
                for (String id : g.cappedBy()) {
                    socle.add(ref.theme(id).map(th -> th.name().in(lang)).orElse(id));
                }
                guardThemes = String.join(", ", socle);
                guard = g.capped() ? "diag.guard.applied" : "diag.guard.low";
            }
            for (Urgence u : ev.score().urgences()) {
                UrgenceDef def = ref.urgences().stream().filter(x -> x.id().equals(u.id())).findFirst().orElse(null);
                String note = null;
                if (!u.observedIn().isEmpty()) {
                    note = t.get("diag.urgence.observed", String.join(", ", u.observedIn()));
                } else if (u.stale()) {
                    note = t.get("diag.urgence.stale");
                }
                urgences.add(new Alert(u.id(), def == null ? u.id() : def.text().in(lang), hosts(u.devices(), names), note));
            }
            for (Signal s : ev.score().signals()) {
                SignalDef def = ref.signals().stream().filter(x -> x.id().equals(s.id())).findFirst().orElse(null);
                signals.add(new Alert(s.id(), def == null ? s.id() : def.text().in(lang), hosts(s.devices(), names), null));
            }
            for (QuestionResult qr : ev.score().questions().values()) {
                if (qr.conflict() != null) {
                    conflicts++;
                }
                if (qr.conflict() == Conflict.OPTIMISTE) {
                    optimistic++;
                }
                if (ReviewPages.needsSignOff(ev, qr)) {
                    unsigned++;
                }
            }
        }
        p.with("evaluated", ev != null).with("referential", d.referentialId() + " " + d.referentialVersion())
                .with("reporting", reporting).with("declared", declared).with("coverage", coverage)
                .with("capped", capped).with("grades", grades).with("global", global).with("level", level)
                .with("levelCss", levelCss).with("guard", guard).with("guardThemes", guardThemes)
                .with("urgences", urgences).with("signals", signals).with("devices", devices)
                .with("conflicts", conflicts).with("optimistic", optimistic).with("unsigned", unsigned);

        // signature, audit, owner's links
        String signedBy = null;
        List<AuditRow> audit = new ArrayList<>();
        for (AuditEntry e : diagnostics.audit(scope, d.id())) {
            String who = DiagnosticStore.OWNER_LINK.equals(e.whoKind()) ? t.get("diag.audit.owner")
                    : e.whoEmail() == null ? t.get("none") : e.whoEmail();
            if ("signature".equals(e.kind()) && signedBy == null) {
                signedBy = who;
            }
            audit.add(auditRow(e, who, ev == null ? null : ev.referential(), t));
        }
        String publicUrl = web.api().config().publicUrl() != null ? web.api().config().publicUrl() : r.origin();
        Optional<Instant> expiry = diagnostics.ownerLinkExpiry(scope, d.id());
        String revoked = r.query().get("revoked");
        return p.with("signed", d.signed()).with("signedAt", t.dateTime(d.signedAt()))
                .with("signedBy", signedBy == null ? t.get("none") : signedBy)
                .with("audit", audit).with("link", link == null ? null : publicUrl + "/autodiag/" + link.secret())
                .with("linkExpires", link == null ? null : t.dateTime(link.expiresAt()))
                .with("lastExpiry", expiry.map(t::dateTime).orElse(null))
                .with("revoked", revoked != null && revoked.matches("[0-9]{1,4}") ? revoked : null);
    }

    private static String hosts(List<String> deviceIds, Map<String, String> names) {
        List<String> out = new ArrayList<>();
        for (String id : deviceIds) {
            out.add(names.getOrDefault(id, id));
        }
        return String.join(", ", out);
    }

    /** An audit entry in words: the kind of change, answer ids as their texts, decisions as words. */
    private static AuditRow auditRow(AuditEntry e, String who, Referential ref, I18n t) {
        String kind = e.kind() == null ? "answer" : e.kind();
        String kindText = t.has("diag.audit.kind." + kind) ? t.get("diag.audit.kind." + kind) : kind;
        String before = auditValue(kind, e.what(), e.before(), ref, t);
        String after = auditValue(kind, e.what(), e.after(), ref, t);
        String detail = e.detail() == null || e.detail().isBlank() ? t.get("none") : e.detail();
        return new AuditRow(t.dateTime(e.at()), who, kindText, e.what(), before, after, detail);
    }

    private static String auditValue(String kind, String what, String v, Referential ref, I18n t) {
        if (v == null) {
            return t.get("none");
        }
        switch (kind) {
            case "finding":
                return t.has("review.decision." + v) ? t.get("review.decision." + v) : v;
            case "signature":
                return t.get("diag.audit.signed");
            case "link":
                return t.get("diag.audit.linksRevoked", v);
            case "signoff":
                if ("accepted".equals(v)) {
                    return t.get("diag.audit.accepted");
                }
                // fall through: an answer id
            case "answer":
            case "observation":
                if (ref != null) {
                    Optional<Question> q = ref.question(what);
                    if (q.isPresent()) {
                        return v + " · " + ReviewPages.answerLabel(ref, q.get(), v, t.lang());
                    }
                }
                return v;
            default:
                return v;
        }
    }

    /** A grade on 5 with one decimal, in the page's language (2,5 / 2.5): the one format of {@link GradeFormat}. */
    static String grade(double g, Lang lang) {
        return GradeFormat.format(g, lang);
    }
}

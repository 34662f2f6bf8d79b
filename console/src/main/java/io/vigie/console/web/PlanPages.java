package io.vigie.console.web;

import io.vigie.checks.plan.ActionPlan;
import io.vigie.checks.plan.PlanItem;
import io.vigie.checks.plan.Recommendations;
import io.vigie.checks.plan.Status;
import io.vigie.checks.plan.Verification;
import io.vigie.checks.referential.LocalText;
import io.vigie.checks.referential.Question;
import io.vigie.checks.text.Lang;
import io.vigie.console.diagnostic.DiagnosticEvaluator;
import io.vigie.console.diagnostic.Evaluation;
import io.vigie.console.diagnostic.ReportAssembler;
import io.vigie.console.report.DiagnosticReport;
import io.vigie.console.report.ReportRenderer;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.DiagnosticStore.PlanSwap;
import io.vigie.console.store.DiagnosticStore.Tracking;
import io.vigie.console.store.Scope;
import io.vigie.console.store.StoreException;
import io.vigie.console.web.view.Choice;
import io.vigie.console.web.view.Notice;
import io.vigie.console.web.view.PlanLink;
import io.vigie.console.web.view.PlanMeasure;
import io.vigie.console.web.view.PlanProof;
import io.vigie.console.web.view.PlanSwapRow;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The action plan of a diagnostic and its report: the « 6 mesures en 6 mois », the full plan, each measure's
 * owner, due date and status (set by staff or the organisation's own viewers: the owner follows the plan), its
 * proof from the agents' reports (« vérifié »), the swaps of the six; the report as a page and as a PDF.
 *
 * <p>Every handler reads the diagnostic through the scoped store first (another tenant's id answers 404), then
 * evaluates it ({@link DiagnosticEvaluator}); handlers run on a worker thread, so the PDF is rendered there too.
 */
final class PlanPages {

    private static final Pattern MONTHS = Pattern.compile("M\\+(\\d+)");

    private final Web web;
    private final DiagnosticStore diagnostics;
    private final DiagnosticEvaluator evaluator;
    private final ReportAssembler assembler;
    private final ReportRenderer renderer;

    PlanPages(Web web, DiagnosticStore diagnostics) {
        this.web = web;
        this.diagnostics = diagnostics;
        this.evaluator = web.api().evaluator();
        this.assembler = new ReportAssembler(diagnostics, evaluator);
        this.renderer = new ReportRenderer(web.texts());
    }

    private Instant now() {
        return web.api().clock().instant();
    }

    static String path(UUID id) {
        return "/diagnostics/" + id + "/plan";
    }

    /** The diagnostic evaluated at now; 404 outside the caller's tenant. */
    private Evaluation evaluate(Req r) {
        UUID id = r.id("diagnosticId");
        diagnostics.diagnostic(r.scope(), id).orElseThrow(Req.NotFound::new);
        try {
            return evaluator.evaluate(r.scope(), id, now());
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.GONE) {
                throw new Gone();
            }
            throw e;
        }
    }

    /** The diagnostic started with a referential this build no longer carries. */
    static final class Gone extends RuntimeException {
        Gone() {
            super("referential gone", null, false, false);
        }
    }

    private static Page gone() {
        return Web.error(409, "plan.referentialGone");
    }

    // ------------------------------------------------------------------ the plan page

    /** {@code GET /diagnostics/:diagnosticId/plan}. */
    Page plan(Req r) {
        try {
            Evaluation ev = evaluate(r);
            Notice n = r.query().containsKey("enregistre") ? new Notice("notice", r.t().get("plan.saved")) : null;
            return planPage(r, ev, n);
        } catch (Gone g) {
            return gone();
        }
    }

    /** {@code POST /diagnostics/:diagnosticId/plan/items}: owner, due date, status of one measure. */
    Page track(Req r) {
        Evaluation ev;
        try {
            ev = evaluate(r);
        } catch (Gone g) {
            return gone();
        }
        I18n t = r.t();
        UUID id = ev.diagnostic().id();
        String question = r.field("question").trim();
        if (!ev.plan().order().contains(question)) {
            return refused(r, ev, t.get("plan.error.question"));
        }
        String owner = r.field("owner").strip();
        if (owner.length() > DiagnosticStore.MAX_NAME || owner.chars().anyMatch(ch -> ch < 0x20)) {
            return refused(r, ev, t.get("plan.error.owner", DiagnosticStore.MAX_NAME));
        }
        String dueText = r.field("due").trim();
        LocalDate due = null;
        if (!dueText.isEmpty()) {
            try {
                due = LocalDate.parse(dueText);
            } catch (DateTimeParseException e) {
                return refused(r, ev, t.get("plan.error.date"));
            }
            if (due.getYear() < 2000 || due.getYear() > 2100) {
                return refused(r, ev, t.get("plan.error.date"));
            }
        }
        Status status = declarable(r.field("status").trim());
        if (status == null) {
            return refused(r, ev, t.get("plan.error.status"));
        }
        diagnostics.track(r.scope(), id, question, owner.isEmpty() ? null : owner, due, status, now());
        return Page.redirect(path(id) + "?enregistre=1#mesure-" + anchor(question));
    }

    /** {@code POST /diagnostics/:diagnosticId/plan/swaps}: checked against the plan first, then logged. */
    Page swap(Req r) {
        Evaluation ev;
        try {
            ev = evaluate(r);
        } catch (Gone g) {
            return gone();
        }
        I18n t = r.t();
        if (ev.signed()) {
            return refused(r, ev, t.get("plan.error.signed")).status(409);
        }
        ActionPlan plan = ev.plan();
        String out = r.field("out").trim();
        String in = r.field("in").trim();
        String reason = r.field("reason").strip();
        if (Math.max(ev.swaps().size(), plan.swaps().size()) >= ActionPlan.MAX_SWAPS) {
            return refused(r, ev, t.get("plan.error.tooManySwaps", ActionPlan.MAX_SWAPS));
        }
        if (!plan.priorities().contains(out)) {
            return refused(r, ev, t.get("plan.error.swapOut"));
        }
        if (!plan.order().contains(in) || plan.priorities().contains(in)) {
            return refused(r, ev, t.get("plan.error.swapIn"));
        }
        if (reason.isEmpty()) {
            return refused(r, ev, t.get("plan.error.reason"));
        }
        if (reason.length() > DiagnosticStore.MAX_TEXT) {
            return refused(r, ev, t.get("plan.error.reasonLength", DiagnosticStore.MAX_TEXT));
        }
        try {
            plan.swap(out, in, r.session().email(), now(), reason);
        } catch (IllegalStateException e) {
            return refused(r, ev, t.get("plan.error.projects", ActionPlan.MAX_PROJECTS));
        } catch (IllegalArgumentException e) {
            return refused(r, ev, t.get("plan.error.swapIn"));
        }
        diagnostics.addSwap(r.scope(), ev.diagnostic().id(), out, in, reason, now());
        return Page.redirect(path(ev.diagnostic().id()) + "?enregistre=1#echanges");
    }

    /** The plan page again with the refusal on top; nothing was stored. */
    private Page refused(Req r, Evaluation ev, String message) {
        return planPage(r, ev, new Notice("error", message)).status(400).langPath(path(ev.diagnostic().id()));
    }

    private Page planPage(Req r, Evaluation ev, Notice notice) {
        I18n t = r.t();
        Lang lang = t.lang();
        Recommendations recs = evaluator.recommendations();
        ActionPlan plan = ev.plan();
        Map<String, Tracking> tracking = ev.tracking();
        List<PlanMeasure> six = new ArrayList<>();
        List<PlanMeasure> all = new ArrayList<>();
        for (PlanItem it : plan.items()) {
            PlanMeasure m = measure(ev, it, tracking.get(it.questionId()), recs, t);
            all.add(m);
        }
        for (String q : plan.priorities()) {
            all.stream().filter(m -> m.questionId().equals(q)).findFirst().ifPresent(six::add);
        }
        List<Choice> outs = six.stream().map(m -> new Choice(m.questionId(), m.questionId() + " — " + m.title())).toList();
        List<Choice> ins = all.stream().filter(m -> !m.priority())
                .map(m -> new Choice(m.questionId(), m.questionId() + " — " + m.title()
                        + (m.project() ? " (" + t.get("plan.effort.3") + ")" : ""))).toList();
        List<PlanSwapRow> swaps = new ArrayList<>();
        for (PlanSwap s : ev.swaps()) {
            swaps.add(new PlanSwapRow(t.dateTime(s.at()), s.whoEmail() == null ? t.get("none") : s.whoEmail(),
                    title(recs, plan, s.out(), lang), title(recs, plan, s.in(), lang), s.reason(),
                    !ev.refusedSwaps().contains(s.seq())));
        }
        List<Choice> statuses = new ArrayList<>();
        for (String s : List.of("A_FAIRE", "EN_COURS", "FAIT")) {
            statuses.add(new Choice(s, t.get("plan.status." + s)));
        }
        var level = ev.score().grades().level();
        String id = ev.diagnostic().id().toString();
        return Page.of("plan", "plan.title", "dashboard").with("org", ev.organisation().name())
                .with("orgId", ev.organisation().id().toString()).with("diagId", id)
                .with("created", t.dateTime(ev.diagnostic().createdAt()))
                .with("level", level == null ? t.get("plan.level.none") : t.get("plan.level." + level.name()))
                .with("signed", ev.signed()).with("six", six).with("all", all).with("outs", outs).with("ins", ins)
                .with("swaps", swaps).with("swapsLeft", Math.max(0, ActionPlan.MAX_SWAPS - ev.swaps().size()))
                .with("statuses", statuses).with("notice", notice)
                .with("reportUrl", "/diagnostics/" + id + "/report").with("pdfUrl", "/diagnostics/" + id + "/report.pdf");
    }

    private static String title(Recommendations recs, ActionPlan plan, String q, Lang lang) {
        int level = plan.items().stream().filter(i -> i.questionId().equals(q)).findFirst().map(PlanItem::level).orElse(1);
        return recs.forQuestion(q).map(rec -> rec.text(level, lang.code())).map(Recommendations.MeasureText::title)
                .orElse(q);
    }

    static String anchor(String questionId) {
        return questionId.replace('.', '-');
    }

    private PlanMeasure measure(Evaluation ev, PlanItem it, Tracking tr, Recommendations recs, I18n t) {
        Lang lang = t.lang();
        String q = it.questionId();
        Recommendations.Recommendation rec = recs.forQuestion(q).orElse(null);
        Recommendations.MeasureText text = rec == null ? null : rec.text(it.level(), lang.code());
        String title = text == null ? ev.referential().question(q).map(x -> x.text().in(lang)).orElse(q) : text.title();
        String theme = ev.referential().question(q).map(Question::theme).map(th -> th + " " + web.texts().themeName(th, lang))
                .orElse("");
        List<PlanLink> links = new ArrayList<>();
        if (rec != null) {
            for (String lid : rec.links()) {
                Recommendations.Link l = recs.links().get(lid);
                if (l != null) {
                    String label = lang == Lang.EN && l.en() != null ? l.en() : l.fr();
                    links.add(new PlanLink(l.url(), label == null ? l.url() : label));
                }
            }
        }
        // owner: the name people typed, else the plan's default role
        String owner;
        if (tr != null && tr.ownerName() != null) {
            owner = tr.ownerName();
        } else {
            LocalText role = it.owner() == null ? null : recs.owners().get(it.owner());
            owner = role != null ? role.in(lang) : it.owner() == null ? t.get("none") : it.owner();
        }
        String deadline;
        if (tr != null && tr.due() != null) {
            deadline = web.texts().date(tr.due(), lang);
        } else if (it.deadline() != null && MONTHS.matcher(it.deadline()).matches()) {
            Matcher m = MONTHS.matcher(it.deadline());
            m.matches();
            deadline = t.get("plan.deadline.months", m.group(1));
        } else {
            deadline = t.get("plan.deadline.none");
        }
        String declared = (tr != null && tr.status() != null && DiagnosticStore.DECLARABLE.contains(tr.status())
                ? tr.status() : Status.A_FAIRE).name();
        PlanProof proof = null;
        Verification.Result v = ev.proofs().get(q);
        if (rec != null && rec.proof() != null && !rec.proof().rules().isEmpty()) {
            String rules = rec.proof().rules().stream().map(id -> ruleTitle(id, lang)).collect(Collectors.joining(" ; "));
            proof = new PlanProof(rules, rec.proof().days(), it.status() == Status.VERIFIE,
                    v == null || v.provenSince() == null ? null : day(v.provenSince(), lang),
                    v == null || v.contradictedAt() == null ? null : day(v.contradictedAt(), lang));
        }
        return new PlanMeasure(q, anchor(q), it.rank(), title, text == null ? null : text.why(),
                text == null ? null : text.how(), theme, t.get("plan.effort." + it.effort()),
                rec == null ? "" : rec.cost(), it.effort() == 3, it.urgent(),
                ev.plan().priorities().contains(q), owner, tr == null || tr.ownerName() == null ? "" : tr.ownerName(),
                deadline, tr == null || tr.due() == null ? "" : tr.due().toString(),
                t.get("plan.status." + it.status().name()), declared, it.status() == Status.VERIFIE, links, proof,
                it.risk() == null ? null : io.vigie.checks.scoring.RiskModel.builtin().explain(it.risk(), it.urgent(), lang));
    }

    private String day(Instant i, Lang lang) {
        return web.texts().date(LocalDate.ofInstant(i, I18n.ZONE), lang);
    }

    private String ruleTitle(String ruleId, Lang lang) {
        try {
            return "« " + web.texts().rule(ruleId, lang).title() + " »";
        } catch (IllegalArgumentException unknown) {
            return ruleId;
        }
    }

    // ------------------------------------------------------------------ the report

    private DiagnosticReport assemble(Req r) {
        UUID id = r.id("diagnosticId");
        diagnostics.diagnostic(r.scope(), id).orElseThrow(Req.NotFound::new);
        return assembler.report(r.scope(), id, r.t().lang(), now());
    }

    /** {@code GET /diagnostics/:diagnosticId/report}: the renderer's page, with a policy allowing its own style only. */
    Page report(Req r) {
        DiagnosticReport rep;
        try {
            rep = assemble(r);
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.GONE) {
                return gone();
            }
            throw e;
        }
        return Page.raw("text/html; charset=utf-8", renderer.html(rep).getBytes(StandardCharsets.UTF_8))
                .header("Content-Security-Policy", ReportRenderer.CSP);
    }

    /** {@code GET /diagnostics/:diagnosticId/report.pdf}: a download named after the organisation and the date. */
    Page reportPdf(Req r) {
        DiagnosticReport rep;
        try {
            rep = assemble(r);
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.GONE) {
                return gone();
            }
            throw e;
        }
        String name = "vigie-" + slug(rep.organisation()) + "-" + rep.date() + (rep.lang() == Lang.FR ? "" : "-" + rep.lang().code())
                + ".pdf";
        return Page.raw("application/pdf", renderer.pdf(rep))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    /** « Boulangerie Martin » → {@code boulangerie-martin}: ASCII letters and digits only. */
    static String slug(String s) {
        String a = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (a.length() > 40) {
            a = a.substring(0, 40).replaceAll("-+$", "");
        }
        return a.isEmpty() ? "rapport" : a;
    }

    /** A status a person may declare, by name; null for anything else (VERIFIE comes only from proofs). */
    static Status declarable(String name) {
        for (Status s : DiagnosticStore.DECLARABLE) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}

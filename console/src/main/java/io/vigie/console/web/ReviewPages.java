package io.vigie.console.web;

import io.vigie.checks.referential.Answer;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.referential.Theme;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.scoring.Conflict;
import io.vigie.checks.scoring.Measured;
import io.vigie.checks.scoring.QuestionResult;
import io.vigie.checks.scoring.ThemeScore;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;
import io.vigie.console.diagnostic.DiagnosticEvaluator;
import io.vigie.console.diagnostic.Evaluation;
import io.vigie.console.diagnostic.Evaluation.DeviceEvidence;
import io.vigie.console.diagnostic.Evaluation.Freshness;
import io.vigie.console.diagnostic.Evaluation.ReviewedFinding;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.DiagnosticStore.Decision;
import io.vigie.console.store.DiagnosticStore.Diagnostic;
import io.vigie.console.store.DiagnosticStore.ExpertAnswer;
import io.vigie.console.store.DiagnosticStore.FindingReview;
import io.vigie.console.store.Scope;
import io.vigie.console.store.StoreException;
import io.vigie.console.web.view.Choice;
import io.vigie.console.web.view.ReviewDevice;
import io.vigie.console.web.view.ReviewFinding;
import io.vigie.console.web.view.ReviewQuestion;
import io.vigie.console.web.view.ReviewTheme;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The expert review of a diagnostic ({@code /diagnostics/:id/review}): every device's automated findings with the
 * expert's decisions, and every question with its declared, measured and observed answers, the proposal, the final
 * answer and the conflicts; the forms that record observations, sign-offs and decisions, and the closing signature.
 *
 * <p>Staff and the organisation's viewers read it; only staff write. Every write checks, in this order: the
 * diagnostic belongs to the caller's tenant (404), the role (403), the diagnostic is still open (409), then the
 * input against the diagnostic's referential and its current evaluation (400), before anything is stored; then
 * Post/Redirect/Get back to the page.
 */
final class ReviewPages {

    private final Web web;
    private final DiagnosticStore diagnostics;
    private final DiagnosticEvaluator evaluator;
    private final Texts texts;

    ReviewPages(Web web, DiagnosticStore diagnostics, DiagnosticEvaluator evaluator) {
        this.web = web;
        this.diagnostics = diagnostics;
        this.evaluator = evaluator;
        this.texts = web.texts();
    }

    private Instant now() {
        return web.api().clock().instant();
    }

    // ------------------------------------------------------------------ the page

    /** {@code GET /diagnostics/:diagnosticId/review}. */
    Page review(Req r) {
        Scope scope = r.scope();
        UUID id = r.id("diagnosticId");
        Diagnostic d = diagnostics.diagnostic(scope, id).orElseThrow(Req.NotFound::new);
        I18n t = r.t();
        Evaluation ev;
        try {
            ev = evaluator.evaluate(scope, id, now());
        } catch (StoreException e) {
            if (e.kind() != StoreException.Kind.GONE) {
                throw e;
            }
            return Page.of("review-unavailable", "review.title", "dashboard").with("diagId", id.toString())
                    .with("referential", d.referentialId() + " " + d.referentialVersion());
        }
        Lang lang = t.lang();
        Referential ref = ev.referential();

        List<ReviewDevice> devices = new ArrayList<>();
        int toReview = 0;
        for (DeviceEvidence de : ev.devices()) {
            List<ReviewFinding> rows = new ArrayList<>();
            int others = 0;
            for (ReviewedFinding rf : de.findings()) {
                Finding f = rf.finding();
                boolean relevant = f.verdict() == Verdict.FAIL || f.verdict() == Verdict.UNKNOWN || rf.review() != null;
                if (!relevant) {
                    others++;
                    continue;
                }
                if (rf.review() == null) {
                    toReview++;
                }
                rows.add(finding(de, rf, t));
            }
            devices.add(new ReviewDevice(de.device().id().toString(), hostname(de), freshness(de.freshness(), t),
                    "fresh-" + de.freshness().name().toLowerCase(Locale.ROOT), t.dateTime(de.reportedAt()), rows, others));
        }

        List<ReviewTheme> themes = new ArrayList<>();
        int unsigned = 0;
        int optimistic = 0;
        for (Theme th : ref.themes()) {
            List<ReviewQuestion> qs = new ArrayList<>();
            for (Question q : ref.questionsOf(th.id())) {
                QuestionResult qr = ev.score().question(q.id());
                if (needsSignOff(ev, qr)) {
                    unsigned++;
                }
                if (qr.conflict() == Conflict.OPTIMISTE) {
                    optimistic++;
                }
                qs.add(question(ev, q, qr, t));
            }
            ThemeScore ts = ev.score().grades().theme(th.id());
            themes.add(new ReviewTheme(th.id(), th.name().in(lang), th.socle(),
                    ts.grade() == null ? null : DiagnosticPages.grade(ts.grade(), lang), qs));
        }
        return Page.of("review", "review.title", "dashboard").with("org", ev.organisation().name())
                .with("orgId", ev.organisation().id().toString()).with("diagId", id.toString())
                .with("created", t.dateTime(d.createdAt())).with("signed", d.signed())
                .with("signedAt", t.dateTime(d.signedAt())).with("devices", devices).with("toReview", toReview)
                .with("themes", themes).with("unsigned", unsigned).with("optimistic", optimistic)
                .with("stale", ev.staleSignOffs().size())
                .with("canWrite", scope.role().canManage() && !d.signed());
    }

    private ReviewFinding finding(DeviceEvidence de, ReviewedFinding rf, I18n t) {
        Lang lang = t.lang();
        Finding f = rf.finding();
        String title = f.ruleId();
        try {
            if (web.api().judge().catalogue().metadata(f.ruleId()).isPresent()) {
                title = texts.rule(f.ruleId(), lang).title();
            }
        } catch (IllegalArgumentException e) {
            // a rule without text: its id stands in
        }
        String evidence;
        try {
            evidence = texts.explain(f, lang);
        } catch (RuntimeException e) {
            evidence = f.reason() == null ? t.get("none") : f.reason();
        }
        FindingReview rv = rf.review();
        return new ReviewFinding(de.device().id().toString(), f.ruleId(), title, texts.verdictLabel(f.verdict(), lang),
                "v-" + f.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'), evidence,
                rv == null ? null : t.get("review.decision." + rv.decision().name()),
                rv == null ? null : "decision-" + rv.decision().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                rv == null ? null : rv.reason(), rv == null ? null : rv.reviewerEmail(), rv == null ? null : t.dateTime(rv.at()));
    }

    static String hostname(DeviceEvidence de) {
        String h = de.device().hostname();
        return h == null || h.isBlank() ? de.device().id().toString() : h;
    }

    static String freshness(Freshness f, I18n t) {
        return t.get("diag.fresh." + f.name());
    }

    /** An applicable question without a valid sign-off (or whose sign-off must be given again). */
    static boolean needsSignOff(Evaluation ev, QuestionResult qr) {
        return qr.applicable() && (!qr.signedOff() || ev.staleSignOffs().contains(qr.questionId()));
    }

    private ReviewQuestion question(Evaluation ev, Question q, QuestionResult qr, I18n t) {
        Lang lang = t.lang();
        Referential ref = ev.referential();
        ExpertAnswer ea = ev.expert().get(q.id());
        String declaredId = qr.declaredAnswer();
        String declared = declaredId == null ? null : answerLabel(ref, q, declaredId, lang);
        Measured m = qr.measured();
        String measured = null;
        String flags = null;
        if (m != null) {
            long pct = Math.round(100.0 * m.share());
            measured = t.get("review.measuredShare", m.compliant(), m.counted(), pct) + " → "
                    + (m.value() == null ? t.get("review.measuredUndecided") : valueLabel(q, m.value(), lang));
            List<String> f = new ArrayList<>();
            if (m.capped()) {
                f.add(t.get("review.flag.capped", m.coverage() == null ? t.get("none") : Math.round(100 * m.coverage()) + " %"));
            }
            if (m.stale()) {
                f.add(t.get("review.flag.stale", m.staleDevices().size()));
            }
            flags = f.isEmpty() ? null : String.join(" · ", f);
        }
        String observedId = ea == null ? null : ea.observed();
        String observed = observedId == null ? null : answerLabel(ref, q, observedId, lang);
        String proposal = qr.proposal() == null ? null : valueLabel(q, qr.proposal(), lang);
        String finalAnswer = null;
        if (qr.signedOff() && ea != null && ea.signOffAnswer() != null) {
            finalAnswer = answerLabel(ref, q, ea.signOffAnswer(), lang);
        } else if (qr.value() != null && qr.source() != null) {
            finalAnswer = valueLabel(q, qr.value(), lang);
        } else if (qr.excluded() && qr.applicable()) {
            finalAnswer = ref.specialAnswers().notConcerned().text().in(lang);
        }
        List<Choice> choices = new ArrayList<>();
        for (Answer a : q.answers()) {
            choices.add(new Choice(a.id(), a.text().in(lang)));
        }
        choices.add(new Choice(ref.specialAnswers().dontKnow().id(), ref.specialAnswers().dontKnow().text().in(lang)));
        choices.add(new Choice(ref.specialAnswers().notConcerned().id(), ref.specialAnswers().notConcerned().text().in(lang)));
        return new ReviewQuestion(q.id(), "q-" + q.id().replace('.', '-'), q.text().in(lang),
                q.audience() == Question.Audience.E, qr.applicable(), declared, measured, flags, observed, observedId,
                proposal, qr.proposalSource() == null ? null : t.get("review.source." + qr.proposalSource().name()),
                finalAnswer, qr.source() == null ? null : t.get("review.source." + qr.source().name()),
                qr.signedOff() && !ev.staleSignOffs().contains(q.id()),
                ea != null && ea.signedOff() ? ea.signOffAnswer() : null, qr.overridden(), qr.overrideReason(),
                qr.conflict() == null ? null : qr.conflict().name().toLowerCase(Locale.ROOT), qr.toVerify(),
                ev.staleSignOffs().contains(q.id()), qr.proposal() != null, choices);
    }

    /** An answer id in words: the option's text, « Je ne sais pas » or « Non concerné ». */
    static String answerLabel(Referential ref, Question q, String answerId, Lang lang) {
        if (answerId.equals(ref.specialAnswers().dontKnow().id())) {
            return ref.specialAnswers().dontKnow().text().in(lang);
        }
        if (answerId.equals(ref.specialAnswers().notConcerned().id())) {
            return ref.specialAnswers().notConcerned().text().in(lang);
        }
        return q.answer(answerId).map(a -> a.text().in(lang)).orElse(answerId);
    }

    /** A value on 0–3 in words: the option with that value, else the number (« 1,5 sur 3 »). */
    static String valueLabel(Question q, double v, Lang lang) {
        for (Answer a : q.answers()) {
            if (a.value() == v) {
                return a.text().in(lang);
            }
        }
        return DiagnosticPages.grade(v, lang) + (lang == Lang.EN ? " out of 3" : " sur 3");
    }

    // ------------------------------------------------------------------ writes

    /** Tenancy (404), role (403), open (409): the diagnostic a write may change. */
    private Diagnostic writable(Req r) {
        Scope scope = r.scope();
        Diagnostic d = diagnostics.diagnostic(scope, r.id("diagnosticId")).orElseThrow(Req.NotFound::new);
        if (!scope.role().canManage()) {
            throw new Refused(403, "error.forbidden");
        }
        if (d.signed()) {
            throw new Refused(409, "review.error.signed");
        }
        return d;
    }

    /** A refusal answered with a page saying why, with a way back to the review. */
    static final class Refused extends RuntimeException {
        final int status;
        final String key;
        final Object[] args;

        Refused(int status, String key, Object... args) {
            super(key, null, false, false);
            this.status = status;
            this.key = key;
            this.args = args;
        }
    }

    /** Runs a write; a refusal becomes its page. */
    Page write(Req r, java.util.function.Function<Diagnostic, Page> work) {
        try {
            Diagnostic d = writable(r);
            try {
                return work.apply(d);
            } catch (StoreException e) {
                throw switch (e.kind()) {
                    case NOT_FOUND, FORBIDDEN -> e;
                    case CONFLICT -> new Refused(409, "review.error.signed");
                    case GONE -> new Refused(400, "review.error.referential");
                    default -> new Refused(400, "reason_required".equals(e.code()) ? "review.error.reasonRequired"
                            : e.code() != null && e.code().startsWith("bad_reason") ? "review.error.reasonTooLong"
                            : "error.invalid");
                };
            }
        } catch (Refused e) {
            String diagId = r.pathParams().get("diagnosticId");
            return Page.of("review-error", "error.title." + e.status, "dashboard").status(e.status)
                    .with("message", e.key).with("args", e.args).with("diagId", e.status == 403 ? null : diagId)
                    .langPath("/diagnostics/" + diagId + "/review");
        }
    }

    private Evaluation evaluation(Req r, Diagnostic d) {
        return evaluator.evaluate(r.scope(), d.id(), now());
    }

    private static Question question(Referential ref, String id) {
        return ref.question(id == null ? "" : id.trim()).orElseThrow(() -> new Refused(400, "review.error.badQuestion"));
    }

    private static String back(Diagnostic d, String anchor) {
        return "/diagnostics/" + d.id() + "/review" + (anchor == null ? "" : "#" + anchor);
    }

    private static String anchor(Question q) {
        return "q-" + q.id().replace('.', '-');
    }

    private static String reason(Req r) {
        String s = r.field("reason").strip();
        return s.isEmpty() ? null : s;
    }

    /** {@code POST /diagnostics/:id/findings}: device, rule, decision, reason. */
    Page reviewFinding(Req r) {
        return write(r, d -> {
            Evaluation ev = evaluation(r, d);
            UUID deviceId;
            try {
                deviceId = UUID.fromString(r.field("device").trim());
            } catch (IllegalArgumentException e) {
                throw new Refused(400, "review.error.badFinding");
            }
            String rule = r.field("rule").trim();
            DeviceEvidence de = ev.devices().stream().filter(x -> x.device().id().equals(deviceId)).findFirst()
                    .orElseThrow(() -> new Refused(400, "review.error.badFinding"));
            if (de.findings().stream().noneMatch(f -> f.finding().ruleId().equals(rule))) {
                throw new Refused(400, "review.error.badFinding");
            }
            Decision decision;
            try {
                decision = Decision.valueOf(r.field("decision").trim());
            } catch (IllegalArgumentException e) {
                throw new Refused(400, "review.error.badDecision");
            }
            String why = reason(r);
            if (decision == Decision.DISMISSED && why == null) {
                throw new Refused(400, "review.error.reasonRequired");
            }
            diagnostics.reviewFinding(r.scope(), d.id(), deviceId, rule, decision, why, now());
            return Page.redirect(back(d, "dev-" + deviceId));
        });
    }

    /** {@code POST /diagnostics/:id/observations}: question, answer (empty clears). */
    Page observe(Req r) {
        return write(r, d -> {
            Referential ref = evaluator.referential(d);
            Question q = question(ref, r.field("question"));
            String answer = r.field("answer").trim();
            if (answer.isEmpty()) {
                answer = null;
            } else if (!validAnswer(ref, q, answer)) {
                throw new Refused(400, "review.error.badAnswer");
            }
            diagnostics.setObservation(r.scope(), d.id(), q.id(), answer, now());
            return Page.redirect(back(d, anchor(q)));
        });
    }

    static boolean validAnswer(Referential ref, Question q, String answerId) {
        return answerId.equals(ref.specialAnswers().dontKnow().id())
                || answerId.equals(ref.specialAnswers().notConcerned().id()) || q.answer(answerId).isPresent();
    }

    /**
     * {@code POST /diagnostics/:id/signoffs}: question, answer (empty: accept the proposal), reason. Replacing the
     * measured answer needs a reason: checked on the current evaluation before anything is written.
     */
    Page signOff(Req r) {
        return write(r, d -> {
            Evaluation ev = evaluation(r, d);
            Referential ref = ev.referential();
            Question q = question(ref, r.field("question"));
            QuestionResult qr = ev.score().question(q.id());
            if (!qr.applicable()) {
                throw new Refused(400, "review.error.notApplicable");
            }
            String answer = r.field("answer").trim();
            if (answer.isEmpty()) {
                answer = null;
                if (qr.proposal() == null) {
                    throw new Refused(400, "review.error.nothingToAccept");
                }
            } else if (!validAnswer(ref, q, answer)) {
                throw new Refused(400, "review.error.badAnswer");
            }
            String why = reason(r);
            if (why == null && overridesMeasure(ref, q, qr, answer)) {
                throw new Refused(400, "review.error.overrideReason",
                        valueLabel(q, qr.measured().value(), r.t().lang()));
            }
            diagnostics.signOff(r.scope(), d.id(), q.id(), answer, why, now());
            return Page.redirect(back(d, anchor(q)));
        });
    }

    /**
     * Whether signing {@code answerId} off (null: the proposal) replaces the measured answer — the rule
     * {@link io.vigie.checks.scoring.Scoring} enforces: a measured value exists and the final value differs from it
     * (or leaves the grade).
     */
    static boolean overridesMeasure(Referential ref, Question q, QuestionResult qr, String answerId) {
        Measured m = qr.measured();
        if (m == null || m.value() == null) {
            return false;
        }
        Double fin;
        if (answerId == null) {
            fin = qr.proposal();
        } else if (answerId.equals(ref.specialAnswers().notConcerned().id())) {
            fin = null;
        } else if (answerId.equals(ref.specialAnswers().dontKnow().id())) {
            Double v = ref.specialAnswers().dontKnow().value();
            fin = v == null ? 0.0 : v;
        } else {
            fin = q.answer(answerId).map(Answer::value).orElse(null);
        }
        return fin == null || !m.value().equals(fin);
    }

    /** {@code POST /diagnostics/:id/signoffs/withdraw}: question. */
    Page withdraw(Req r) {
        return write(r, d -> {
            Question q = question(evaluator.referential(d), r.field("question"));
            diagnostics.withdrawSignOff(r.scope(), d.id(), q.id(), now());
            return Page.redirect(back(d, anchor(q)));
        });
    }

    /** {@code POST /diagnostics/:id/sign}: refused while applicable questions are not signed off. */
    Page sign(Req r) {
        return write(r, d -> {
            Evaluation ev = evaluation(r, d);
            long open = ev.score().questions().values().stream().filter(qr -> needsSignOff(ev, qr)).count();
            if (open > 0) {
                throw new Refused(409, "review.error.unsigned", open);
            }
            diagnostics.sign(r.scope(), d.id(), now());
            return Page.redirect("/diagnostics/" + d.id());
        });
    }
}

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
 * answer and the conflicts. Staff and the organisation's viewers read it; the forms on it post to
 * {@link ReviewWrites}.
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
}

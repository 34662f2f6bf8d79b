package io.vigie.console.web;

import io.vigie.checks.referential.Answer;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.scoring.Measured;
import io.vigie.checks.scoring.QuestionResult;
import io.vigie.console.diagnostic.DiagnosticEvaluator;
import io.vigie.console.diagnostic.Evaluation;
import io.vigie.console.diagnostic.Evaluation.DeviceEvidence;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.DiagnosticStore.Decision;
import io.vigie.console.store.DiagnosticStore.Diagnostic;
import io.vigie.console.store.Scope;
import io.vigie.console.store.StoreException;

import java.time.Instant;
import java.util.UUID;

/**
 * The writes of the expert review: observations, sign-offs and their withdrawal, decisions on findings, and the
 * closing signature. Only staff write. Every write checks, in this order: the diagnostic belongs to the caller's
 * tenant (404), the role (403), the diagnostic is still open (409), then the input against the diagnostic's
 * referential and its current evaluation (400), before anything is stored; then Post/Redirect/Get back to the
 * review page ({@link ReviewPages}).
 */
final class ReviewWrites {

    private final Web web;
    private final DiagnosticStore diagnostics;
    private final DiagnosticEvaluator evaluator;

    ReviewWrites(Web web, DiagnosticStore diagnostics, DiagnosticEvaluator evaluator) {
        this.web = web;
        this.diagnostics = diagnostics;
        this.evaluator = evaluator;
    }

    private Instant now() {
        return web.api().clock().instant();
    }

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
                        ReviewPages.valueLabel(q, qr.measured().value(), r.t().lang()));
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
            long open = ev.score().questions().values().stream().filter(qr -> ReviewPages.needsSignOff(ev, qr)).count();
            if (open > 0) {
                throw new Refused(409, "review.error.unsigned", open);
            }
            diagnostics.sign(r.scope(), d.id(), now());
            return Page.redirect("/diagnostics/" + d.id());
        });
    }
}

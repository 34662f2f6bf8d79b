package io.vigie.console.web;

import io.vigie.checks.plan.ActionPlan;
import io.vigie.checks.plan.PlanItem;
import io.vigie.checks.plan.Recommendations;
import io.vigie.checks.referential.Answer;
import io.vigie.checks.referential.ContextQuestion;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.referential.Theme;
import io.vigie.checks.scoring.Assessment;
import io.vigie.checks.scoring.Grades;
import io.vigie.checks.scoring.ScoreResult;
import io.vigie.checks.scoring.Scoring;
import io.vigie.checks.scoring.ThemeScore;
import io.vigie.checks.text.Lang;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.DiagnosticStore.OwnerAccess;
import io.vigie.console.store.StoreException;
import io.vigie.console.web.view.Choice;
import io.vigie.console.web.view.GradeRow;
import io.vigie.console.web.view.MeasureRow;
import io.vigie.console.web.view.OwnerQuestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The owner's questionnaire through a link, without an account ({@code /autodiag/:token}): the context questions,
 * then one step per theme, then the declarative summary. The link's secret is the only key.
 */
final class OwnerPages {

    static final String CONTEXT_STEP = "contexte";
    static final String END_STEP = "fin";
    static final int FIRST_MEASURES = 3;

    private final Web web;
    private final DiagnosticStore diagnostics;
    private final Referential ref = Referential.builtin();
    private final Recommendations recs = Recommendations.builtin();

    OwnerPages(Web web, DiagnosticStore diagnostics) {
        this.web = web;
        this.diagnostics = diagnostics;
    }

    private Instant now() {
        return web.api().clock().instant();
    }

    /** Owner's D questions answered, of those that apply (with the context answers given so far). */
    record Progress(int answered, int total) {
    }

    Progress progress(Map<String, String> answers) {
        Map<String, String> context = context(answers);
        int answered = 0;
        int total = 0;
        for (Question q : ref.questions()) {
            if (q.audience() == Question.Audience.D && q.applicable(context)) {
                total++;
                if (answers.containsKey(q.id())) {
                    answered++;
                }
            }
        }
        return new Progress(answered, total);
    }

    private Map<String, String> context(Map<String, String> answers) {
        Map<String, String> out = new HashMap<>();
        for (ContextQuestion c : ref.context()) {
            if (answers.containsKey(c.id())) {
                out.put(c.id(), answers.get(c.id()));
            }
        }
        return out;
    }

    /** The steps: the context, then each theme with at least one owner's question that applies, then the end. */
    List<String> steps(Map<String, String> answers) {
        Map<String, String> context = context(answers);
        List<String> out = new ArrayList<>();
        out.add(CONTEXT_STEP);
        for (Theme th : ref.themes()) {
            if (!ownerQuestions(th.id(), context).isEmpty()) {
                out.add(th.id());
            }
        }
        out.add(END_STEP);
        return out;
    }

    private List<Question> ownerQuestions(String themeId, Map<String, String> context) {
        List<Question> out = new ArrayList<>();
        for (Question q : ref.questionsOf(themeId)) {
            if (q.audience() == Question.Audience.D && q.applicable(context)) {
                out.add(q);
            }
        }
        return out;
    }

    private OwnerAccess access(Req r) {
        return diagnostics.ownerAccess(r.pathParams().get("token"), now()).orElseThrow(OwnerPages::invalid);
    }

    private static RuntimeException invalid() {
        return new InvalidLink();
    }

    /** An unknown or expired link: the same page for both, nothing about why. */
    static final class InvalidLink extends RuntimeException {
        InvalidLink() {
            super("invalid link", null, false, false);
        }
    }

    static Page invalidPage() {
        return Page.of("autodiag-invalid", "autodiag.invalid.title", null).status(404);
    }

    /**
     * A signed diagnostic's link: it opens only to say that the diagnostic is signed and no longer changes (a new
     * diagnostic is the way to change it); nothing is shown or written.
     */
    static Page signedPage(OwnerAccess a, I18n t) {
        return Page.of("autodiag-signed", "autodiag.signed.title", null).with("org", a.organisationName())
                .with("signedAt", t.dateTime(a.signedAt()));
    }

    /** {@code GET /autodiag/:token?etape=…}. */
    Page ownerPage(Req r) {
        OwnerAccess a;
        try {
            a = access(r);
        } catch (InvalidLink e) {
            return invalidPage();
        }
        if (a.signed()) {
            return signedPage(a, r.t()).langPath("/autodiag/" + r.pathParams().get("token"));
        }
        String token = r.pathParams().get("token");
        Map<String, String> answers = diagnostics.ownerAnswers(token, now());
        List<String> steps = steps(answers);
        String step = r.query().getOrDefault("etape", CONTEXT_STEP);
        if (!steps.contains(step)) {
            step = CONTEXT_STEP;
        }
        I18n t = r.t();
        Lang lang = t.lang();
        String base = "/autodiag/" + token;
        Page p;
        if (step.equals(END_STEP)) {
            p = summary(answers, t).with("org", a.organisationName()).with("base", base);
        } else {
            List<OwnerQuestion> questions = new ArrayList<>();
            String title;
            if (step.equals(CONTEXT_STEP)) {
                title = t.get("autodiag.context.title");
                for (ContextQuestion c : ref.context()) {
                    boolean numeric = ContextQuestion.NUMBER.equals(c.type());
                    List<Choice> choices = new ArrayList<>();
                    if (!numeric) {
                        for (ContextQuestion.Option o : c.options()) {
                            choices.add(new Choice(o.id(), lang == Lang.EN ? o.en() : o.fr()));
                        }
                        choices.add(new Choice(dontKnow(), ref.specialAnswers().dontKnow().text().in(lang)));
                    }
                    questions.add(new OwnerQuestion(c.id(), field(c.id()), c.text().in(lang), choices,
                            answers.get(c.id()), numeric));
                }
            } else {
                Theme th = ref.theme(step).orElseThrow();
                title = th.name().in(lang);
                for (Question q : ownerQuestions(step, context(answers))) {
                    List<Choice> choices = new ArrayList<>();
                    for (Answer ans : q.answers()) {
                        choices.add(new Choice(ans.id(), ans.text().in(lang)));
                    }
                    choices.add(new Choice(dontKnow(), ref.specialAnswers().dontKnow().text().in(lang)));
                    choices.add(new Choice(notConcerned(), ref.specialAnswers().notConcerned().text().in(lang)));
                    questions.add(new OwnerQuestion(q.id(), field(q.id()), q.text().in(lang), choices,
                            answers.get(q.id()), false));
                }
            }
            int index = steps.indexOf(step);
            Progress progress = progress(answers);
            p = Page.of("autodiag", "autodiag.title", null).with("org", a.organisationName()).with("base", base)
                    .with("step", step).with("stepTitle", title).with("questions", questions)
                    .with("stepNumber", index + 1).with("stepCount", steps.size() - 1)
                    .with("answered", progress.answered()).with("total", progress.total())
                    .with("previous", index > 0 ? steps.get(index - 1) : null);
        }
        // the language link reloads the same step
        return p.with("expires", t.dateTime(a.expiresAt())).langPath(base + "?etape=" + step);
    }

    /** {@code POST /autodiag/:token}: saves one page's answers, then the next page. */
    Page saveOwnerPage(Req r) {
        OwnerAccess a;
        try {
            a = access(r);
        } catch (InvalidLink e) {
            return invalidPage();
        }
        if (a.signed()) {
            return signedPage(a, r.t()).status(409).langPath("/autodiag/" + r.pathParams().get("token"));
        }
        String token = r.pathParams().get("token");
        Map<String, String> before = diagnostics.ownerAnswers(token, now());
        String step = r.field("etape");
        if (!steps(before).contains(step) || step.equals(END_STEP)) {
            throw new StoreException(StoreException.Kind.INVALID, "bad_step", "unknown step");
        }
        Map<String, String> save = new LinkedHashMap<>();
        if (step.equals(CONTEXT_STEP)) {
            for (ContextQuestion c : ref.context()) {
                String v = r.field(field(c.id())).trim();
                if (v.isEmpty()) {
                    continue;
                }
                boolean ok = ContextQuestion.NUMBER.equals(c.type()) ? v.matches("[0-9]{1,6}")
                        : v.equals(dontKnow()) || c.options().stream().anyMatch(o -> o.id().equals(v));
                if (!ok) {
                    throw new StoreException(StoreException.Kind.INVALID, "bad_answer", "not an option");
                }
                save.put(c.id(), ContextQuestion.NUMBER.equals(c.type()) ? String.valueOf(Integer.parseInt(v)) : v);
            }
        } else {
            for (Question q : ownerQuestions(step, context(before))) {
                String v = r.field(field(q.id())).trim();
                if (v.isEmpty()) {
                    continue;
                }
                if (!v.equals(dontKnow()) && !v.equals(notConcerned()) && q.answer(v).isEmpty()) {
                    throw new StoreException(StoreException.Kind.INVALID, "bad_answer", "not an option");
                }
                save.put(q.id(), v);
            }
        }
        diagnostics.saveOwnerAnswers(token, save, now());
        Map<String, String> after = new HashMap<>(before);
        after.putAll(save);
        List<String> steps = steps(after);
        int i = steps.indexOf(step);
        String next = i < 0 || i + 1 >= steps.size() ? END_STEP : steps.get(i + 1);
        return Page.redirect("/autodiag/" + token + "?etape=" + next);
    }

    /** The declarative score of the owner's answers, and the first measures of the plan built from them. */
    ScoreResult declarative(Map<String, String> answers, Instant now) {
        Map<String, String> declared = new HashMap<>();
        for (Question q : ref.questions()) {
            if (q.audience() == Question.Audience.D && answers.containsKey(q.id())) {
                declared.put(q.id(), answers.get(q.id()));
            }
        }
        return Scoring.score(ref, new Assessment(context(answers), declared, Map.of(), Map.of(), List.of(), now));
    }

    private Page summary(Map<String, String> answers, I18n t) {
        Lang lang = t.lang();
        ScoreResult score = declarative(answers, now());
        Grades g = score.declarative();
        List<GradeRow> themes = new ArrayList<>();
        for (ThemeScore ts : g.themes()) {
            if (!ts.applicable()) {
                continue;
            }
            String level = ts.level().name().toLowerCase(Locale.ROOT); // « non évalué » below the answered share
            themes.add(new GradeRow(ref.theme(ts.themeId()).map(th -> th.name().in(lang)).orElse(ts.themeId()),
                    ts.evaluated() ? DiagnosticPages.grade(ts.grade(), lang) : null, t.get("autodiag.level." + level),
                    "level-" + level));
        }
        List<MeasureRow> measures = new ArrayList<>();
        ActionPlan plan = ActionPlan.build(ref, recs, score);
        for (PlanItem it : plan.items()) {
            if (measures.size() == FIRST_MEASURES) {
                break;
            }
            Question q = ref.question(it.questionId()).orElseThrow();
            if (q.audience() != Question.Audience.D || !answers.containsKey(q.id())) {
                continue; // measures the owner said nothing about wait for the expert
            }
            Recommendations.MeasureText m = recs.forQuestion(q.id()).map(rec -> rec.text(it.level(), lang.code())).orElse(null);
            if (m != null) {
                measures.add(new MeasureRow(m.title(), m.why(), m.how()));
            }
        }
        String globalLevel = g.level() == null || !g.evaluated() ? null : g.level().name().toLowerCase(Locale.ROOT);
        return Page.of("autodiag-summary", "autodiag.summary.title", null)
                .with("global", g.global() == null || !g.evaluated() ? null : DiagnosticPages.grade(g.global(), lang))
                .with("level", globalLevel == null ? null : t.get("autodiag.level." + globalLevel))
                .with("levelCss", globalLevel == null ? "" : "level-" + globalLevel)
                .with("themes", themes).with("measures", measures);
    }

    private String dontKnow() {
        return ref.specialAnswers().dontKnow().id();
    }

    private String notConcerned() {
        return ref.specialAnswers().notConcerned().id();
    }

    static String field(String questionId) {
        return "q_" + questionId.replace('.', '_');
    }
}

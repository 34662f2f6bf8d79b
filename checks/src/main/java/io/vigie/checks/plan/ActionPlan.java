package io.vigie.checks.plan;

import io.vigie.checks.referential.Answer;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.scoring.QuestionResult;
import io.vigie.checks.scoring.RiskModel;
import io.vigie.checks.scoring.ScoreResult;
import io.vigie.checks.scoring.Scoring;
import io.vigie.checks.scoring.Urgence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The action plan: every measure in a total order, the « 6 mesures en 6 mois », and the owner's swaps. Pure and
 * immutable; {@link #swap} returns a new plan.
 *
 * <p>Order: urgences first, then the measure's risk from the {@link RiskModel} descending (severity × extent × the
 * referential's weight × X, X = 1.5 when a fact shows live exposure), then lower Ef, then question id (numerically:
 * 9.1 before 10.1). The same model raises the urgences ({@link Scoring}) and orders the owner's « par où
 * commencer », which is the head of this order. Until issue 16 the order was P = C × (3 − v)/3 × X / Ef, which
 * ignored the agent's severities and put every criticality-5 quick win (accounts, leavers) before backups. The top six are taken in that order, skipping a
 * project (Ef = 3) once two are in, except for urgences. Default deadlines by rank among the six: M+1, M+1, M+3,
 * M+3, M+6, M+6.
 */
public record ActionPlan(List<PlanItem> items, List<String> priorities, List<Swap> swaps) {

    public static final int PRIORITY_COUNT = 6;
    public static final int MAX_PROJECTS = 2;
    public static final int MAX_SWAPS = 2;
    private static final String[] DEADLINES = {"M+1", "M+1", "M+3", "M+3", "M+6", "M+6"};

    public ActionPlan {
        items = List.copyOf(items);
        priorities = List.copyOf(priorities);
        swaps = List.copyOf(swaps);
    }

    /** Builds the plan with the shipped {@link RiskModel}. */
    public static ActionPlan build(Referential ref, Recommendations recs, ScoreResult score) {
        return build(ref, recs, RiskModel.builtin(), score);
    }

    /** Builds the plan from a scored diagnostic. Every question not excluded and below its best answer yields a measure. */
    public static ActionPlan build(Referential ref, Recommendations recs, RiskModel model, ScoreResult score) {
        Set<String> urgentQuestions = new HashSet<>();
        for (Urgence u : score.urgences()) {
            urgentQuestions.addAll(u.questions());
        }
        List<PlanItem> items = new ArrayList<>();
        for (Question q : ref.questions()) {
            QuestionResult r = score.question(q.id());
            RiskModel.Risk risk = model.risk(q, r);
            if (risk == null) {
                continue;
            }
            Recommendations.Recommendation rec = recs.forQuestion(q.id())
                    .orElseThrow(() -> new IllegalStateException("no recommendation for question " + q.id()));
            double v = r.value();
            int level = v <= 1 ? 1 : 2;
            for (Answer a : q.answers()) {
                if (a.value() == v && rec.levelByAnswer().containsKey(a.id())) {
                    level = rec.levelByAnswer().get(a.id());
                }
            }
            items.add(new PlanItem(q.id(), level, v, urgentQuestions.contains(q.id()), risk.value(), rec.criticality(),
                    rec.effort(), r.liveExposure(), 0, rec.owner(), null, Status.A_FAIRE, risk));
        }
        items.sort(ORDER);
        List<PlanItem> ranked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            PlanItem it = items.get(i);
            ranked.add(new PlanItem(it.questionId(), it.level(), it.value(), it.urgent(), it.priority(), it.criticality(),
                    it.effort(), it.exposure(), i + 1, it.owner(), null, it.status(), it.risk()));
        }
        List<String> top = new ArrayList<>();
        int projects = 0;
        for (PlanItem it : ranked) {
            if (top.size() == PRIORITY_COUNT) {
                break;
            }
            if (it.effort() == 3 && !it.urgent()) {
                if (projects >= MAX_PROJECTS) {
                    continue;
                }
            }
            if (it.effort() == 3) {
                projects++;
            }
            top.add(it.questionId());
        }
        return new ActionPlan(withDeadlines(ranked, top), top, List.of());
    }

    /** The total order of measures. */
    public static final Comparator<PlanItem> ORDER = Comparator
            .comparing((PlanItem i) -> !i.urgent())
            .thenComparing(PlanItem::priority, Comparator.reverseOrder())
            .thenComparingInt(PlanItem::effort)
            .thenComparing(i -> questionKey(i.questionId()));

    static String questionKey(String id) {
        String[] p = id.split("\\.");
        return String.format("%03d.%03d", Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    private static List<PlanItem> withDeadlines(List<PlanItem> items, List<String> top) {
        List<PlanItem> out = new ArrayList<>();
        for (PlanItem it : items) {
            int pos = top.indexOf(it.questionId());
            out.add(it.withDeadline(pos >= 0 ? DEADLINES[pos] : null));
        }
        return out;
    }

    /**
     * The owner swaps priority measure {@code out} for {@code in}, which takes its place (and deadline). Refused
     * ({@link IllegalStateException}) beyond {@value #MAX_SWAPS} swaps or when it would put more than
     * {@value #MAX_PROJECTS} projects in the six; {@link IllegalArgumentException} for a blank who/why or items
     * not where they should be.
     */
    public ActionPlan swap(String out, String in, String who, Instant when, String why) {
        if (who == null || who.isBlank() || why == null || why.isBlank() || when == null) {
            throw new IllegalArgumentException("a swap is logged with who, when and why");
        }
        if (swaps.size() >= MAX_SWAPS) {
            throw new IllegalStateException("at most " + MAX_SWAPS + " swaps; this would be the " + (swaps.size() + 1) + "th");
        }
        int pos = priorities.indexOf(out);
        if (pos < 0) {
            throw new IllegalArgumentException(out + " is not among the priority measures");
        }
        if (priorities.contains(in)) {
            throw new IllegalArgumentException(in + " is already a priority measure");
        }
        PlanItem incoming = item(in);
        PlanItem outgoing = item(out);
        long projects = priorities.stream().filter(q -> item(q).effort() == 3).count()
                - (outgoing.effort() == 3 ? 1 : 0) + (incoming.effort() == 3 ? 1 : 0);
        if (projects > MAX_PROJECTS) {
            throw new IllegalStateException("at most " + MAX_PROJECTS + " projects (effort 3) among the six measures");
        }
        List<String> top = new ArrayList<>(priorities);
        top.set(pos, in);
        List<Swap> log = new ArrayList<>(swaps);
        log.add(new Swap(out, in, who, when, why));
        return new ActionPlan(withDeadlines(items, top), top, log);
    }

    /** The item of a question; {@link IllegalArgumentException} when the plan has none. */
    public PlanItem item(String questionId) {
        return items.stream().filter(i -> i.questionId().equals(questionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no measure for question " + questionId));
    }

    /** Question ids in plan order. */
    public List<String> order() {
        return items.stream().map(PlanItem::questionId).toList();
    }

    /** Sets an item's owner or status (null keeps the current one). */
    public ActionPlan update(String questionId, String owner, Status status) {
        return track(questionId, owner, null, status);
    }

    /**
     * Sets an item's owner (a person's name or a role), deadline (a date or {@code M+n}) or status; null keeps the
     * current value. {@link IllegalArgumentException} when the plan has no such measure.
     */
    public ActionPlan track(String questionId, String owner, String deadline, Status status) {
        List<PlanItem> out = new ArrayList<>();
        for (PlanItem it : items) {
            if (it.questionId().equals(questionId)) {
                it = new PlanItem(it.questionId(), it.level(), it.value(), it.urgent(), it.priority(), it.criticality(),
                        it.effort(), it.exposure(), it.rank(), owner != null ? owner : it.owner(),
                        deadline != null ? deadline : it.deadline(), status != null ? status : it.status(), it.risk());
            }
            out.add(it);
        }
        item(questionId);
        return new ActionPlan(out, priorities, swaps);
    }
}

package io.vigie.checks.scoring;

import io.vigie.checks.referential.Answer;
import io.vigie.checks.referential.EvidenceLink;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.referential.ScoringParams;
import io.vigie.checks.referential.SignalDef;
import io.vigie.checks.referential.SpecialAnswers;
import io.vigie.checks.referential.Theme;
import io.vigie.checks.referential.UrgenceDef;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Evidence resolution and grades (referential.md §5). Pure and deterministic: the same referential and
 * {@link Assessment} always give the same {@link ScoreResult}; no I/O, no clock (the assessment carries {@code now}).
 *
 * <ul>
 * <li><b>Measured answer M</b> (questions with an active evidence link): each device's latest report, if not older
 * than {@code ignoredAfterDays}, is compliant when none of the linked rules FAILs and at least one PASSes; a device
 * with only UNKNOWN / NOT_APPLICABLE verdicts is left out of r. r = compliant ÷ counted gives M through the
 * thresholds. Coverage c = devices reporting ÷ devices declared (context C2 computers + C3 servers); when c is
 * below {@code minCoverage} or unknown, M is capped at {@code lowCoverageCap}. A report older than
 * {@code staleAfterDays} still counts but marks M stale.</li>
 * <li><b>Proposal</b>: technical questions M &gt; E &gt; D, organisational E &gt; D.</li>
 * <li><b>Final answer</b>: the expert's sign-off when given, else the proposal. A sign-off whose value differs from
 * a measured M is an override and must carry a reason ({@link IllegalArgumentException} otherwise).</li>
 * <li><b>Conflict</b>: D − M (or, without M, D − E) ≥ gap: optimiste; ≤ −gap: pessimiste. « Je ne sais pas » is
 * not a declaration and raises no conflict.</li>
 * <li><b>Grades</b>: S_t = 5/3 × Σ(w·v)/Σ(w) over the theme's questions not excluded (« je ne sais pas » and
 * unanswered count 0, « non concerné » and context-excluded leave); G = mean of applicable S_t; levels and guard
 * rule from the referential's {@link ScoringParams}.</li>
 * <li><b>Confidence</b> of a theme = weight resolved by M (stale: × {@code staleConfidenceFactor}) or by the
 * expert (observation or sign-off) ÷ weight of its questions not excluded.</li>
 * </ul>
 */
public final class Scoring {

    private Scoring() {
    }

    /** Scores {@code a} against {@code ref} with the shipped {@link RiskModel}. */
    public static ScoreResult score(Referential ref, Assessment a) {
        return score(ref, RiskModel.builtin(), a);
    }

    /** Scores {@code a} against {@code ref}; {@code risk} decides which FAIL severities raise an urgence. */
    public static ScoreResult score(Referential ref, RiskModel risk, Assessment a) {
        Objects.requireNonNull(ref, "referential");
        Objects.requireNonNull(risk, "risk model");
        Objects.requireNonNull(a, "assessment");
        ScoringParams p = ref.scoring();
        Map<String, Report> latest = latestReports(a, p);
        Integer declaredDevices = declaredDevices(a.context());

        Map<String, QuestionResult> results = new LinkedHashMap<>();
        for (Question q : ref.questions()) {
            results.put(q.id(), resolve(ref, risk, q, a, latest, declaredDevices));
        }
        Grades grades = grades(ref, results, r -> r.excluded() ? null : r.value(), Scoring::evidenceWeight,
                r -> r.source() != null);
        Grades declarative = grades(ref, results, r -> declarativeValue(ref, r), r -> 0.0,
                r -> r.declaredAnswer() != null);
        return new ScoreResult(ref.id(), ref.version(), Collections.unmodifiableMap(results), grades, declarative,
                urgences(ref, risk, a, latest), signals(ref, latest));
    }

    // ---- devices -------------------------------------------------------------------------------------------

    /** A device's latest usable report and whether it is stale. */
    private record Report(DeviceReport report, boolean stale) {
    }

    private static Map<String, Report> latestReports(Assessment a, ScoringParams p) {
        Map<String, DeviceReport> newest = new java.util.TreeMap<>();
        for (DeviceReport d : a.devices()) {
            DeviceReport prev = newest.get(d.deviceId());
            if (prev == null || d.reportedAt().isAfter(prev.reportedAt())) {
                newest.put(d.deviceId(), d);
            }
        }
        Map<String, Report> out = new java.util.TreeMap<>();
        for (DeviceReport d : newest.values()) {
            Duration age = Duration.between(d.reportedAt(), a.now());
            if (age.compareTo(Duration.ofDays(p.ignoredAfterDays())) > 0) {
                continue;
            }
            out.put(d.deviceId(), new Report(d, age.compareTo(Duration.ofDays(p.staleAfterDays())) > 0));
        }
        return out;
    }

    /** Computers (C2) + servers (C3) declared in the context; null when neither is answered as a number. */
    static Integer declaredDevices(Map<String, String> context) {
        Integer computers = count(context.get("C2"));
        Integer servers = count(context.get("C3"));
        if (computers == null && servers == null) {
            return null;
        }
        return (computers == null ? 0 : computers) + (servers == null ? 0 : servers);
    }

    private static Integer count(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- one question --------------------------------------------------------------------------------------

    /** An answer id turned into a value; {@code excluded} for « non concerné ». */
    private record Value(Double value, boolean excluded, boolean dontKnow) {
    }

    private static Value value(Referential ref, Question q, String answerId) {
        if (answerId == null) {
            return null;
        }
        SpecialAnswers s = ref.specialAnswers();
        if (answerId.equals(s.notConcerned().id())) {
            return new Value(null, true, false);
        }
        if (answerId.equals(s.dontKnow().id())) {
            return new Value(s.dontKnow().value() == null ? 0.0 : s.dontKnow().value(), false, true);
        }
        Answer ans = q.answer(answerId).orElseThrow(
                () -> new IllegalArgumentException("question " + q.id() + " has no answer '" + answerId + "'"));
        return new Value(ans.value(), false, false);
    }

    private static QuestionResult resolve(Referential ref, RiskModel risk, Question q, Assessment a,
                                          Map<String, Report> latest, Integer declaredDevices) {
        ScoringParams p = ref.scoring();
        boolean applicable = q.applicable(a.context());
        Value d = value(ref, q, a.declared().get(q.id()));
        Value e = value(ref, q, a.observed().get(q.id()));
        Measured m = q.activeEvidence().map(l -> measure(risk, l, latest, declaredDevices, p)).orElse(null);
        boolean live = liveExposure(q, latest);

        // proposal
        Value proposal = null;
        Source proposalSource = null;
        if (q.nature() == Question.Nature.TECHNICAL && m != null && m.value() != null) {
            proposal = new Value(m.value(), false, false);
            proposalSource = Source.MEASURED;
        } else if (e != null) {
            proposal = e;
            proposalSource = Source.OBSERVED;
        } else if (d != null) {
            proposal = d;
            proposalSource = Source.DECLARED;
        }

        // final answer
        SignOff so = a.signOffs().get(q.id());
        Value fin = proposal;
        Source source = proposalSource;
        boolean overridden = false;
        String reason = null;
        if (so != null) {
            if (so.answerId() != null) {
                Value chosen = value(ref, q, so.answerId());
                if (!sameValue(chosen, proposal)) {
                    source = Source.OBSERVED;
                }
                fin = chosen;
            }
            if (m != null && m.value() != null && (fin == null || fin.excluded() || !m.value().equals(fin.value()))) {
                overridden = true;
                reason = so.reason();
                if (reason == null || reason.isBlank()) {
                    throw new IllegalArgumentException("question " + q.id()
                            + ": replacing the measured answer needs a written reason");
                }
            }
        }

        boolean excluded = !applicable || (fin != null && fin.excluded());
        boolean unanswered = fin == null;
        Double finalValue = excluded ? null : (unanswered ? 0.0 : fin.value());
        boolean toVerify = !excluded && (unanswered || fin.dontKnow());

        Conflict conflict = null;
        if (d != null && !d.excluded() && !d.dontKnow()) {
            if (m != null && m.value() != null) {
                conflict = conflict(d.value(), m.value(), p.conflictGap());
            }
            if (conflict == null && e != null && !e.excluded() && !e.dontKnow()) {
                conflict = conflict(d.value(), e.value(), p.conflictGap());
            }
        }
        return new QuestionResult(q.id(), q.theme(), applicable,
                d == null || d.excluded() || d.dontKnow() ? null : d.value(), a.declared().get(q.id()),
                e == null || e.excluded() ? null : e.value(), m,
                proposal == null || proposal.excluded() ? null : proposal.value(), proposalSource,
                finalValue, excluded, unanswered ? null : source, so != null, overridden, reason,
                conflict, toVerify, live);
    }

    private static boolean sameValue(Value a, Value b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.excluded() == b.excluded() && Objects.equals(a.value(), b.value());
    }

    private static Conflict conflict(double declared, double evidence, double gap) {
        double diff = declared - evidence;
        if (diff >= gap) {
            return Conflict.OPTIMISTE;
        }
        if (-diff >= gap) {
            return Conflict.PESSIMISTE;
        }
        return null;
    }

    private static Measured measure(RiskModel risk, EvidenceLink link, Map<String, Report> latest,
                                    Integer declaredDevices, ScoringParams p) {
        Severity worst = null;
        int compliant = 0;
        int counted = 0;
        List<String> stale = new ArrayList<>();
        for (Report r : latest.values()) {
            boolean fail = false;
            boolean pass = false;
            for (String rule : link.rules()) {
                Verdict v = r.report().verdict(rule);
                fail |= v == Verdict.FAIL;
                pass |= v == Verdict.PASS;
                if (v == Verdict.FAIL) {
                    Severity s = risk.recorded(r.report().severity(rule));
                    worst = worst == null || s.atLeast(worst) ? s : worst;
                }
            }
            if (!fail && !pass) {
                continue;
            }
            counted++;
            if (!fail) {
                compliant++;
            }
            if (r.stale()) {
                stale.add(r.report().deviceId());
            }
        }
        if (counted == 0) {
            return null;
        }
        double share = (double) compliant / counted;
        int reporting = latest.size();
        Double coverage = declaredDevices == null || declaredDevices == 0
                ? null : Math.min(1.0, (double) reporting / declaredDevices);
        Double value = link.valueFor(share);
        boolean capped = false;
        if (value != null && (coverage == null || coverage < p.minCoverage()) && value > p.lowCoverageCap()) {
            value = p.lowCoverageCap();
            capped = true;
        }
        return new Measured(value, share, coverage, compliant, counted, reporting, capped, !stale.isEmpty(), stale,
                worst);
    }

    private static boolean liveExposure(Question q, Map<String, Report> latest) {
        for (Report r : latest.values()) {
            for (String rule : q.liveExposureRules()) {
                if (r.report().verdict(rule) == Verdict.FAIL) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- grades --------------------------------------------------------------------------------------------

    private static double evidenceWeight(QuestionResult r) {
        if (r.toVerify()) {
            return 0.0; // « je ne sais pas », even signed off by the expert, is not evidence
        }
        if (r.signedOff() || r.source() == Source.OBSERVED) {
            return 1.0;
        }
        if (r.source() == Source.MEASURED) {
            return r.measured() != null && r.measured().stale() ? -1.0 : 1.0; // -1: stale, factor applied below
        }
        return 0.0;
    }

    /** The owner's value for the declarative score: D questions only; null = excluded. */
    private static Double declarativeValue(Referential ref, QuestionResult r) {
        Question q = ref.question(r.questionId()).orElseThrow();
        if (q.audience() != Question.Audience.D || !r.applicable()) {
            return null;
        }
        String id = r.declaredAnswer();
        if (id == null) {
            return 0.0; // unanswered counts like « je ne sais pas »
        }
        Value v = value(ref, q, id);
        return v.excluded() ? null : v.value();
    }

    private static Grades grades(Referential ref, Map<String, QuestionResult> results,
                                 Function<QuestionResult, Double> valueOf, Function<QuestionResult, Double> evidenceOf,
                                 java.util.function.Predicate<QuestionResult> answeredOf) {
        ScoringParams p = ref.scoring();
        List<ThemeScore> themes = new ArrayList<>();
        double sum = 0;
        int n = 0;
        double allWeight = 0;
        double allAnswered = 0;
        List<String> cappedBy = new ArrayList<>();
        for (Theme t : ref.themes()) {
            double wv = 0;
            double w = 0;
            double resolved = 0;
            double answered = 0;
            for (Question q : ref.questionsOf(t.id())) {
                QuestionResult r = results.get(q.id());
                Double v = valueOf.apply(r);
                if (v == null) {
                    continue;
                }
                wv += q.weight() * v;
                w += q.weight();
                double ev = evidenceOf.apply(r);
                resolved += q.weight() * (ev < 0 ? p.staleConfidenceFactor() : ev);
                if (answeredOf.test(r)) {
                    answered += q.weight();
                }
            }
            if (w == 0) {
                themes.add(new ThemeScore(t.id(), t.socle(), null, 0, 0, null));
                continue;
            }
            allWeight += w;
            allAnswered += answered;
            double grade = 5.0 / 3.0 * wv / w;
            themes.add(new ThemeScore(t.id(), t.socle(), grade, resolved / w, answered / w,
                    answered / w < p.minAnsweredShare() ? Level.NOT_EVALUATED : level(grade, p)));
            sum += grade;
            n++;
            if (t.socle() && grade < p.guardSocleBelow()) {
                cappedBy.add(t.id());
            }
        }
        if (n == 0) {
            return new Grades(themes, null, null, false, cappedBy, 0);
        }
        double g = sum / n;
        Level level = level(g, p);
        boolean capped = false;
        if (level == Level.SATISFAISANT && !cappedBy.isEmpty()) {
            level = Level.MOYEN;
            capped = true;
        }
        double answered = allAnswered / allWeight;
        if (answered < p.minAnsweredShare()) {
            level = Level.NOT_EVALUATED;
        }
        return new Grades(themes, g, level, capped, cappedBy, answered);
    }

    /** The level of a grade (0–5) by the referential's thresholds, ignoring how much was answered. */
    public static Level level(double grade, ScoringParams p) {
        return grade < p.levels().faibleBelow() ? Level.FAIBLE
                : grade < p.levels().satisfaisantFrom() ? Level.MOYEN : Level.SATISFAISANT;
    }

    // ---- urgences and signals ------------------------------------------------------------------------------

    /**
     * Urgences: a device raises one by a FAIL of its rules that the agent rated at least the risk model's
     * {@code urgentFrom} (high); a lower FAIL is a measure ranked by its risk, not an urgence. The expert raises one
     * by an answer at most the trigger's value.
     */
    private static List<Urgence> urgences(Referential ref, RiskModel risk, Assessment a, Map<String, Report> latest) {
        List<Urgence> out = new ArrayList<>();
        for (UrgenceDef u : ref.urgences()) {
            TreeSet<String> devices = new TreeSet<>();
            boolean allStale = true;
            for (Report r : latest.values()) {
                if (u.rules().stream().anyMatch(rule -> r.report().verdict(rule) == Verdict.FAIL
                        && risk.urgent(r.report().severity(rule)))) {
                    devices.add(r.report().deviceId());
                    allStale &= r.stale();
                }
            }
            TreeSet<String> observedIn = new TreeSet<>(java.util.Comparator.comparing(Scoring::questionOrder));
            for (UrgenceDef.Trigger t : u.observations()) {
                Question q = ref.question(t.question()).orElseThrow();
                for (String answerId : expertAnswers(a, q.id())) {
                    if (answerId.equals(ref.specialAnswers().dontKnow().id())) {
                        continue; // « je ne sais pas » is not an observation
                    }
                    Value v = value(ref, q, answerId);
                    if (!v.excluded() && v.value() <= t.atMost()) {
                        observedIn.add(q.id());
                    }
                }
            }
            if (!devices.isEmpty() || !observedIn.isEmpty()) {
                out.add(new Urgence(u.id(), u.questions(), List.copyOf(devices), List.copyOf(observedIn),
                        observedIn.isEmpty() && allStale));
            }
        }
        return out;
    }

    private static Collection<String> expertAnswers(Assessment a, String questionId) {
        List<String> ids = new ArrayList<>();
        if (a.observed().get(questionId) != null) {
            ids.add(a.observed().get(questionId));
        }
        SignOff s = a.signOffs().get(questionId);
        if (s != null && s.answerId() != null) {
            ids.add(s.answerId());
        }
        return ids;
    }

    private static List<Signal> signals(Referential ref, Map<String, Report> latest) {
        List<Signal> out = new ArrayList<>();
        for (SignalDef s : ref.signals()) {
            TreeSet<String> devices = new TreeSet<>();
            for (Report r : latest.values()) {
                if (anyFail(r.report(), s.rules())) {
                    devices.add(r.report().deviceId());
                }
            }
            if (!devices.isEmpty()) {
                out.add(new Signal(s.id(), List.copyOf(devices)));
            }
        }
        return out;
    }

    private static boolean anyFail(DeviceReport r, List<String> rules) {
        return rules.stream().anyMatch(rule -> r.verdict(rule) == Verdict.FAIL);
    }

    /** Sort key of a question id: "9.1" before "10.1". */
    static String questionOrder(String id) {
        String[] parts = id.split("\\.");
        return String.format("%03d.%03d", Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }
}

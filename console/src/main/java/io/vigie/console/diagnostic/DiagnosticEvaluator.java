package io.vigie.console.diagnostic;

import io.vigie.checks.plan.ActionPlan;
import io.vigie.checks.plan.PlanItem;
import io.vigie.checks.plan.Recommendations;
import io.vigie.checks.plan.Status;
import io.vigie.checks.plan.Verification;
import io.vigie.checks.referential.ContextQuestion;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.report.Finding;
import io.vigie.checks.scoring.Assessment;
import io.vigie.checks.scoring.DeviceReport;
import io.vigie.checks.scoring.ScoreResult;
import io.vigie.checks.scoring.Scoring;
import io.vigie.checks.scoring.SignOff;
import io.vigie.console.diagnostic.Evaluation.DeviceEvidence;
import io.vigie.console.diagnostic.Evaluation.Freshness;
import io.vigie.console.diagnostic.Evaluation.ReviewedFinding;
import io.vigie.console.store.Device;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.DiagnosticStore.Decision;
import io.vigie.console.store.DiagnosticStore.Diagnostic;
import io.vigie.console.store.DiagnosticStore.ExpertAnswer;
import io.vigie.console.store.DiagnosticStore.FindingReview;
import io.vigie.console.store.DiagnosticStore.PlanSwap;
import io.vigie.console.store.DiagnosticStore.Tracking;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.ReportFindings;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Store;
import io.vigie.console.store.StoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Gathers a diagnostic from the stores and scores it: the owner's answers, the expert's observations, sign-offs
 * and decisions on findings, and the organisation's device reports, into {@link Scoring} and {@link ActionPlan}.
 *
 * <ul>
 * <li>The diagnostic is scored with the referential version it started with (refused, never silently replaced,
 * when this build does not carry it).</li>
 * <li>Context: the owner's context answers, with the expert's count of workstations and servers as C2 and C3 (so
 * coverage = devices reporting ÷ devices the expert counted).</li>
 * <li>Evidence: each unrevoked device's newest report up to {@code asOf} (the signature for a signed diagnostic,
 * so a signed score no longer moves) by its collection time (the agent's, clamped by {@code ReportClock}) and by
 * its arrival at the console (a report collected before the signature but received after it stays out), with the console's findings; a finding the expert dismissed or marked not
 * applicable is left out. Staleness and the ignore limit are applied by {@link Scoring}.</li>
 * <li>A sign-off that replaced a measured answer without a reason (the measure changed after it was signed) is left
 * out and reported in {@link Evaluation#staleSignOffs()} so the expert signs it off again.</li>
 * <li>Plan: built from the score, then the logged swaps (none after the signature: the six measures are fixed), the tracking (owner, due date, status), and the proofs:
 * a measure resting on agent evidence is « vérifié » once reports after the diagnostic (after its signature, or
 * its creation while open) prove it for the rule's duration — a device that was failing then must pass since — and
 * falls back when a later report contradicts it.</li>
 * </ul>
 *
 * <p>Calls block (store reads): not on an event loop.
 */
public final class DiagnosticEvaluator {

    private final Store store;
    private final DiagnosticStore diagnostics;
    private final Map<String, Referential> referentials = new HashMap<>();
    private final Recommendations recommendations;

    public DiagnosticEvaluator(Store store, DiagnosticStore diagnostics) {
        this(store, diagnostics, List.of(Referential.builtin()), Recommendations.builtin());
    }

    public DiagnosticEvaluator(Store store, DiagnosticStore diagnostics, List<Referential> referentials,
                               Recommendations recommendations) {
        this.store = Objects.requireNonNull(store);
        this.diagnostics = Objects.requireNonNull(diagnostics);
        for (Referential r : referentials) {
            this.referentials.put(key(r.id(), r.version()), r);
        }
        this.recommendations = Objects.requireNonNull(recommendations);
    }

    private static String key(String id, String version) {
        return id + "@" + version;
    }

    public Recommendations recommendations() {
        return recommendations;
    }

    /** The referential a diagnostic started with; GONE when this build no longer carries that version. */
    public Referential referential(Diagnostic d) {
        Referential r = referentials.get(key(d.referentialId(), d.referentialVersion()));
        if (r == null) {
            throw new StoreException(StoreException.Kind.GONE, "referential_unavailable", "referential "
                    + d.referentialId() + " " + d.referentialVersion() + " is not available in this version of Vigie");
        }
        return r;
    }

    /**
     * What a page listing many diagnostics shows of one (the dashboard): its level, whether it is signed, and how the
     * six priority measures move.
     *
     * @param level      null when nothing could be graded
     * @param verified   priority measures proven by the reports (« vérifié »)
     * @param done       priority measures people marked done (« fait »), not yet proven
     * @param priorities how many priority measures the plan has (up to six)
     */
    public record Summary(io.vigie.checks.scoring.Level level, boolean signed, int verified, int done, int priorities) {

        static Summary of(Evaluation e) {
            int verified = 0;
            int done = 0;
            for (String q : e.plan().priorities()) {
                Status s = e.plan().item(q).status();
                if (s == Status.VERIFIE) {
                    verified++;
                } else if (s == Status.FAIT) {
                    done++;
                }
            }
            return new Summary(e.score().grades().level(), e.signed(), verified, done, e.plan().priorities().size());
        }
    }

    /** Signed diagnostics' summaries by id, with the version they were made at; the least recently used go first. */
    private final Map<UUID, Cached> cache = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Cached> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    /** Signed diagnostics whose summary is kept (a few hundred bytes each). */
    public static final int CACHE_SIZE = 10_000;

    private record Cached(String version, Summary summary) {
    }

    /**
     * The {@link Summary} of a diagnostic at {@code now}. A signed diagnostic's summary is kept and served again while
     * nothing its evaluation reads has changed ({@link DiagnosticStore#evaluationVersion}: one query instead of the
     * whole evaluation); an open diagnostic, scored at {@code now}, is always evaluated afresh. Not found outside the
     * caller's tenant (the version query carries the tenant predicate).
     */
    public Summary summary(Scope scope, UUID diagnosticId, Instant now) {
        String version = diagnostics.evaluationVersion(scope, diagnosticId)
                .orElseThrow(() -> StoreException.notFound("diagnostic"));
        if (version.startsWith("null/")) {
            return Summary.of(evaluate(scope, diagnosticId, now));
        }
        Cached c = cache.get(diagnosticId);
        if (c != null && c.version().equals(version)) {
            return c.summary();
        }
        Summary s = Summary.of(evaluate(scope, diagnosticId, now));
        cache.put(diagnosticId, new Cached(version, s));
        return s;
    }

    /** The diagnostic at {@code now}; not found outside the caller's tenant. */
    public Evaluation evaluate(Scope scope, UUID diagnosticId, Instant now) {
        Diagnostic d = diagnostics.diagnostic(scope, diagnosticId).orElseThrow(() -> StoreException.notFound("diagnostic"));
        Organisation org = store.tenants().organisation(scope, d.organisationId()).orElseThrow(() -> StoreException.notFound("organisation"));
        Referential ref = referential(d);
        Instant asOf = d.signed() ? d.signedAt() : now;

        Map<String, String> owner = diagnostics.ownerAnswers(scope, d.id());
        Map<String, String> context = new LinkedHashMap<>();
        for (ContextQuestion c : ref.context()) {
            if (owner.containsKey(c.id())) {
                context.put(c.id(), owner.get(c.id()));
            }
        }
        context.put("C2", String.valueOf(d.workstations()));
        context.put("C3", String.valueOf(d.servers()));
        Map<String, String> declared = new LinkedHashMap<>();
        for (Question q : ref.questions()) {
            if (q.audience() == Question.Audience.D && owner.containsKey(q.id())) {
                declared.put(q.id(), owner.get(q.id()));
            }
        }
        Map<String, ExpertAnswer> expert = diagnostics.expertAnswers(scope, d.id());
        Map<String, String> observed = new LinkedHashMap<>();
        Map<String, SignOff> signOffs = new LinkedHashMap<>();
        for (ExpertAnswer e : expert.values()) {
            if (ref.question(e.questionId()).isEmpty()) {
                continue;
            }
            if (e.observed() != null) {
                observed.put(e.questionId(), e.observed());
            }
            if (e.signedOff()) {
                signOffs.put(e.questionId(), new SignOff(e.signOffAnswer(), e.signOffReason()));
            }
        }
        List<FindingReview> reviews = diagnostics.findingReviews(scope, d.id());
        Map<String, FindingReview> byFinding = new HashMap<>();
        for (FindingReview r : reviews) {
            byFinding.put(r.deviceId() + "/" + r.ruleId(), r);
        }

        // one read of the reports serves both windows: the evidence at asOf (from the ignore limit before it) and
        // the proofs' timeline (from the ignore limit before the plan's start, where each device stood, to now)
        Duration ignoredAfter = Duration.ofDays(ref.scoring().ignoredAfterDays());
        Duration staleAfter = Duration.ofDays(ref.scoring().staleAfterDays());
        Instant since = d.signed() ? d.signedAt() : d.createdAt();
        Instant evidenceFrom = asOf.minus(ignoredAfter);
        Instant timelineFrom = since.minus(ignoredAfter);
        List<ReportFindings> window = store.reports().reportFindings(scope, org.id(),
                evidenceFrom.isBefore(timelineFrom) ? evidenceFrom : timelineFrom, asOf.isAfter(now) ? asOf : now);
        Map<UUID, ReportFindings> newest = new HashMap<>();
        for (ReportFindings r : window) {
            // by the console's arrival too: a report collected before the signature but received after it is not
            // part of what was signed
            if (!r.reportedAt().isBefore(evidenceFrom) && !r.reportedAt().isAfter(asOf) && !r.receivedAt().isAfter(asOf)) {
                newest.put(r.deviceId(), r); // oldest first: the last one wins
            }
        }
        List<DeviceEvidence> devices = new ArrayList<>();
        List<DeviceReport> reports = new ArrayList<>();
        for (Device dev : store.tenants().devices(scope, org.id())) {
            if (dev.revokedAt() != null) {
                continue;
            }
            ReportFindings r = newest.get(dev.id());
            if (r == null) {
                boolean old = dev.lastSeenAt() != null && !dev.lastSeenAt().isAfter(asOf);
                devices.add(new DeviceEvidence(dev, old ? dev.lastSeenAt() : null, old ? Freshness.IGNORED : Freshness.NONE,
                        List.of()));
                continue;
            }
            Freshness f = Duration.between(r.reportedAt(), asOf).compareTo(staleAfter) > 0 ? Freshness.STALE : Freshness.FRESH;
            List<ReviewedFinding> findings = new ArrayList<>();
            for (Finding fi : r.findings()) {
                findings.add(new ReviewedFinding(fi, byFinding.get(dev.id() + "/" + fi.ruleId())));
            }
            devices.add(new DeviceEvidence(dev, r.reportedAt(), f, findings));
            reports.add(deviceReport(r, byFinding));
        }

        // score; a sign-off whose override lost its ground is set aside
        Set<String> staleSignOffs = new LinkedHashSet<>();
        ScoreResult score = null;
        while (score == null) {
            try {
                score = Scoring.score(ref, new Assessment(context, declared, observed, signOffs, reports, asOf));
            } catch (IllegalArgumentException e) {
                String q = overriddenQuestion(e, signOffs);
                if (q == null) {
                    throw e;
                }
                signOffs.remove(q);
                staleSignOffs.add(q);
            }
        }

        // plan: swaps, tracking, proofs
        ActionPlan plan = ActionPlan.build(ref, recommendations, score);
        List<PlanSwap> swaps = diagnostics.swaps(scope, d.id());
        List<Integer> refused = new ArrayList<>();
        for (PlanSwap s : swaps) {
            if (d.signed() && s.at() != null && s.at().isAfter(d.signedAt())) {
                refused.add(s.seq()); // the six measures are fixed at signature (the store refuses such swaps)
                continue;
            }
            try {
                plan = plan.swap(s.out(), s.in(), s.whoEmail() == null ? "?" : s.whoEmail(), s.at(), s.reason());
            } catch (IllegalArgumentException | IllegalStateException e) {
                refused.add(s.seq());
            }
        }
        Map<String, Tracking> tracking = diagnostics.planTracking(scope, d.id());
        for (Tracking t : tracking.values()) {
            if (plan.items().stream().anyMatch(i -> i.questionId().equals(t.questionId()))) {
                plan = plan.track(t.questionId(), t.ownerName(), t.due() == null ? null : t.due().toString(),
                        t.status());
            }
        }
        List<DeviceReport> timeline = new ArrayList<>();
        if (!now.isBefore(since)) {
            for (ReportFindings r : window) {
                if (!r.reportedAt().isBefore(timelineFrom) && !r.reportedAt().isAfter(now)) {
                    timeline.add(deviceReport(r, byFinding));
                }
            }
        }
        Map<String, Verification.Result> proofs = new LinkedHashMap<>();
        for (PlanItem it : plan.items()) {
            Recommendations.Proof proof = recommendations.forQuestion(it.questionId())
                    .map(Recommendations.Recommendation::proof).orElse(null);
            if (proof == null || proof.rules().isEmpty()) {
                continue;
            }
            Verification.Result v = Verification.status(proof, it.status(), timeline, since, now);
            proofs.put(it.questionId(), v);
            if (v.status() != it.status()) {
                plan = plan.track(it.questionId(), null, null, v.status());
            }
        }
        return new Evaluation(d, org, ref, asOf, owner, Collections.unmodifiableMap(context), expert, reviews, devices,
                score, Collections.unmodifiableSet(staleSignOffs), plan, Collections.unmodifiableMap(proofs), tracking,
                swaps, refused);
    }

    /** A report's verdicts without the findings the expert dismissed or marked not applicable. */
    private static DeviceReport deviceReport(ReportFindings r, Map<String, FindingReview> reviews) {
        List<Finding> kept = new ArrayList<>();
        for (Finding f : r.findings()) {
            FindingReview review = reviews.get(r.deviceId() + "/" + f.ruleId());
            if (review != null && review.decision() != Decision.CONFIRMED) {
                continue;
            }
            kept.add(f);
        }
        return DeviceReport.of(r.deviceId().toString(), r.reportedAt(), kept); // with each FAIL's severity (risk model)
    }

    /** The question named by Scoring's « replacing the measured answer needs a written reason » refusal. */
    private static String overriddenQuestion(IllegalArgumentException e, Map<String, SignOff> signOffs) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        for (String q : signOffs.keySet()) {
            if (m.startsWith("question " + q + ":") && m.contains("reason")) {
                return q;
            }
        }
        return null;
    }
}

package io.vigie.console.diagnostic;

import io.vigie.checks.plan.ActionPlan;
import io.vigie.checks.plan.Verification;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.report.Finding;
import io.vigie.checks.scoring.ScoreResult;
import io.vigie.console.store.Device;
import io.vigie.console.store.DiagnosticStore.Diagnostic;
import io.vigie.console.store.DiagnosticStore.ExpertAnswer;
import io.vigie.console.store.DiagnosticStore.FindingReview;
import io.vigie.console.store.DiagnosticStore.PlanSwap;
import io.vigie.console.store.DiagnosticStore.Tracking;
import io.vigie.console.store.Organisation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A diagnostic as the console sees it at one instant: what was declared, observed and measured, the score, and the
 * plan with its tracking and proofs. Made by {@link DiagnosticEvaluator}; read by the pages and the report.
 *
 * @param asOf            the instant the score is computed at: the signature for a signed diagnostic, else now
 * @param context         context answers used (the owner's, with the expert's counts as C2 and C3)
 * @param devices         every enrolled, unrevoked device of the organisation with its evidence at {@code asOf}
 * @param score           the scored diagnostic
 * @param staleSignOffs   questions whose sign-off replaced a measured answer that has changed since, without a
 *                        reason: they were left out of the score and must be signed off again
 * @param plan            the plan with swaps, owners, deadlines and statuses applied (« vérifié » included)
 * @param proofs          by question id, the proof reading of measures resting on agent evidence
 * @param refusedSwaps    logged swaps the current plan cannot apply (the score moved since), by sequence number
 */
public record Evaluation(
        Diagnostic diagnostic,
        Organisation organisation,
        Referential referential,
        Instant asOf,
        Map<String, String> ownerAnswers,
        Map<String, String> context,
        Map<String, ExpertAnswer> expert,
        List<FindingReview> reviews,
        List<DeviceEvidence> devices,
        ScoreResult score,
        Set<String> staleSignOffs,
        ActionPlan plan,
        Map<String, Verification.Result> proofs,
        Map<String, Tracking> tracking,
        List<PlanSwap> swaps,
        List<Integer> refusedSwaps) {

    /** Freshness of a device's newest report at {@link #asOf}. */
    public enum Freshness {
        /** Young enough to count fully. */
        FRESH,
        /** Older than the stale limit: counts with lower confidence. */
        STALE,
        /** Older than the ignore limit: left out. */
        IGNORED,
        /** No report at all. */
        NONE
    }

    /**
     * One device: its newest report at {@code asOf} and that report's findings, each with the expert's decision.
     *
     * @param reportedAt when its newest report was made (null: none)
     */
    public record DeviceEvidence(Device device, Instant reportedAt, Freshness freshness, List<ReviewedFinding> findings) {
    }

    /** A finding with the expert's decision on it (null: not reviewed). */
    public record ReviewedFinding(Finding finding, FindingReview review) {
    }

    public boolean signed() {
        return diagnostic.signed();
    }
}

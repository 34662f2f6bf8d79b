package io.vigie.checks.referential;

/**
 * Numbers of the scoring model (referential.md §5), kept with the referential so that a diagnostic scored with a
 * given referential version can be re-scored identically.
 *
 * @param staleAfterDays        a device report older than this is stale (used, lower confidence, flagged)
 * @param ignoredAfterDays      a device report older than this is ignored
 * @param minCoverage           below this share of declared devices reporting, the measured answer is capped
 * @param lowCoverageCap        the cap applied to a measured answer under low coverage
 * @param conflictGap           a gap |D−M| or |D−E| at least this large is a conflict
 * @param levels                level thresholds on the global grade (0–5)
 * @param guardSocleBelow       a socle theme graded below this caps the level at « moyen »
 * @param staleConfidenceFactor share of a question's weight a stale measured answer adds to the theme's confidence
 * @param minAnsweredShare      share of a theme's (or the whole diagnostic's) applicable weight that must have an
 *                              answer or evidence before a level is shown; below, « non évalué ». Unanswered
 *                              questions count 0 in the grade, so below half the weight the grade mostly measures
 *                              what nobody answered yet (issue 16 §3). Absent in older data: 0.5.
 */
public record ScoringParams(
        int staleAfterDays,
        int ignoredAfterDays,
        double minCoverage,
        double lowCoverageCap,
        double conflictGap,
        Levels levels,
        double guardSocleBelow,
        double staleConfidenceFactor,
        Double minAnsweredShare) {

    public ScoringParams {
        if (minAnsweredShare == null) {
            minAnsweredShare = 0.5;
        }
    }

    /** faible when G &lt; {@code faibleBelow}; satisfaisant when G ≥ {@code satisfaisantFrom}; moyen between. */
    public record Levels(double faibleBelow, double satisfaisantFrom) {
    }
}

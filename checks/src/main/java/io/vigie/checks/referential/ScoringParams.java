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
 */
public record ScoringParams(
        int staleAfterDays,
        int ignoredAfterDays,
        double minCoverage,
        double lowCoverageCap,
        double conflictGap,
        Levels levels,
        double guardSocleBelow,
        double staleConfidenceFactor) {

    /** faible when G &lt; {@code faibleBelow}; satisfaisant when G ≥ {@code satisfaisantFrom}; moyen between. */
    public record Levels(double faibleBelow, double satisfaisantFrom) {
    }
}

package io.vigie.checks.scoring;

/**
 * A theme's grade on 0–5 ({@code null} when no question of the theme applies), the share of its weight resolved by
 * evidence (measured or expert), 0–1, the share of its weight that has an answer or evidence at all ({@code answered},
 * 0–1; « je ne sais pas » is an answer), and its level: {@link Level#NOT_EVALUATED} while {@code answered} is below
 * the referential's {@code minAnsweredShare}, else from the grade (null when not applicable).
 */
public record ThemeScore(String themeId, boolean socle, Double grade, double confidence, double answered, Level level) {

    public boolean applicable() {
        return grade != null;
    }

    /** Enough answers or evidence to show a level. */
    public boolean evaluated() {
        return level != null && level != Level.NOT_EVALUATED;
    }
}

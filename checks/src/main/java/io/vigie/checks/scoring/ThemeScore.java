package io.vigie.checks.scoring;

/**
 * A theme's grade on 0–5 ({@code null} when no question of the theme applies) and the share of its weight
 * resolved by evidence (measured or expert), 0–1.
 */
public record ThemeScore(String themeId, boolean socle, Double grade, double confidence) {

    public boolean applicable() {
        return grade != null;
    }
}

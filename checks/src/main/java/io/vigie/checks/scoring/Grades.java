package io.vigie.checks.scoring;

import java.util.List;

/**
 * Theme grades and the global grade G (mean of the applicable theme grades), with its level. {@code capped}: the
 * guard rule lowered the level to « moyen » because of the socle themes in {@code cappedBy} (graded below the
 * guard); {@code cappedBy} lists them even when the level was not high enough to be lowered.
 */
public record Grades(List<ThemeScore> themes, Double global, Level level, boolean capped, List<String> cappedBy) {

    public Grades {
        themes = List.copyOf(themes);
        cappedBy = List.copyOf(cappedBy);
    }

    public ThemeScore theme(String themeId) {
        return themes.stream().filter(t -> t.themeId().equals(themeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown theme " + themeId));
    }
}

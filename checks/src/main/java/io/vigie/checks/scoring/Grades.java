package io.vigie.checks.scoring;

import java.util.List;

/**
 * Theme grades and the global grade G (mean of the applicable theme grades), with its level. {@code capped}: the
 * guard rule lowered the level to « moyen » because of the socle themes in {@code cappedBy} (graded below the
 * guard); {@code cappedBy} lists them even when the level was not high enough to be lowered. {@code answered}: share
 * of the applicable weight with an answer or evidence; below the referential's {@code minAnsweredShare} the level is
 * {@link Level#NOT_EVALUATED} (G is still computed, for the record, but not shown as a verdict).
 */
public record Grades(List<ThemeScore> themes, Double global, Level level, boolean capped, List<String> cappedBy,
                     double answered) {

    public Grades {
        themes = List.copyOf(themes);
        cappedBy = List.copyOf(cappedBy);
    }

    /** Enough answers or evidence to show the global level. */
    public boolean evaluated() {
        return level != null && level != Level.NOT_EVALUATED;
    }

    public ThemeScore theme(String themeId) {
        return themes.stream().filter(t -> t.themeId().equals(themeId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown theme " + themeId));
    }
}

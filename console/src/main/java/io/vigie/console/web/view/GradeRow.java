package io.vigie.console.web.view;

/** A theme's grade in the owner's summary: grade on 5 (text), level label, level css. */
public record GradeRow(String theme, String grade, String level, String css) {
}

package io.vigie.console.web.view;

/** What changed for one rule since the previous report. */
public record ChangeRow(String kind, String title, String before, String after) {
}

package io.vigie.console.web.view;

/** FAIL count of one referential theme. */
public record ThemeRow(String theme, int fails) {
}

package io.vigie.console.web.view;

/** One option of a select list. */
public record Choice(String value, String label) {
}

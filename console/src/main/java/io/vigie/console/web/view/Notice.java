package io.vigie.console.web.view;

/** A message shown at the top of a page after a form post; {@code css}: {@code notice} (done) or {@code error} (refused). */
public record Notice(String css, String text) {
}

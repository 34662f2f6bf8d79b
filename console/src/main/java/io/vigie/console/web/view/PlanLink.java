package io.vigie.console.web.view;

/** A public guidance page for a measure (a tutorial): its address and its name in the page's language. */
public record PlanLink(String url, String label) {
}

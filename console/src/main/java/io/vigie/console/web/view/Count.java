package io.vigie.console.web.view;

/** A count shown as a labelled badge; {@code css} names its colour class (sev-critical, sev-high…). */
public record Count(String label, int n, String css) {
}

package io.vigie.console.web.view;

/** A personal API token in the list (never its secret). */
public record TokenRow(String id, String label, String created, boolean revoked) {
}

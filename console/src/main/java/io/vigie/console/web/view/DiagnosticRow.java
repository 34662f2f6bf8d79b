package io.vigie.console.web.view;

/** A diagnostic in the organisation page's list. */
public record DiagnosticRow(String id, String createdAt, int workstations, int servers, String referential) {
}

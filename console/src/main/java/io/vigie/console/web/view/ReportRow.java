package io.vigie.console.web.view;

/** One report in a device history; {@code unauthenticated}: imported from a checksum-only file. */
public record ReportRow(String href, String received, int fails, int unknowns, boolean current, boolean unauthenticated) {
}

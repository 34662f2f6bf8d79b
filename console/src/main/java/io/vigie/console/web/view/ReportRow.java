package io.vigie.console.web.view;

/** One report in a device history. */
public record ReportRow(String href, String received, int fails, int unknowns, boolean current) {
}

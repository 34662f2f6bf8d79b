package io.vigie.console.store;

/** A stored report and its body exactly as received (JSON, decompressed). */
public record StoredReport(ReportSummary summary, String body) {
}

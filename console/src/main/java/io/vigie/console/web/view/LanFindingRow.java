package io.vigie.console.web.view;

/** A LAN finding: severity label and colour class, rule title and the sentence with its evidence. */
public record LanFindingRow(String ruleId, String severity, String severityCss, String title, String text) {
}

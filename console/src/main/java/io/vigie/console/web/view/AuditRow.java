package io.vigie.console.web.view;

/**
 * One row of a diagnostic's audit log, in words: when, who, what kind of change, its subject (a question, a rule,
 * a link), the value before and after, and the detail (a reason, a device name); dashes for nothing.
 */
public record AuditRow(String when, String who, String kind, String what, String before, String after, String detail) {
}

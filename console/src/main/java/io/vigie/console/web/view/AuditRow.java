package io.vigie.console.web.view;

/** One answer write of a diagnostic's audit log: when, who, which question, before → after. */
public record AuditRow(String when, String who, String what, String before, String after) {
}

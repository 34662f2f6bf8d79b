package io.vigie.checks.report;


import java.util.List;
import java.util.Map;

/**
 * One rule's verdict on one snapshot. Texts are not stored: they come from the rule catalogue in the
 * reader's language, filled with {@code evidence}.
 *
 * @param ruleId   {@code VIG-<AREA>-<NNN>}
 * @param verdict  PASS, FAIL, UNKNOWN, NOT_APPLICABLE
 * @param severity severity of a FAIL (null otherwise)
 * @param theme    referential theme, T01…T15
 * @param reason   machine-readable reason code (e.g. {@code security_updates_pending}, {@code fact_unknown})
 * @param evidence what the rule used, as plain values (strings, numbers, booleans, lists)
 * @param facts    keys of the facts it read
 */
public record Finding(
        String ruleId,
        Verdict verdict,
        Severity severity,
        String theme,
        String reason,
        Map<String, Object> evidence,
        List<String> facts) {
}

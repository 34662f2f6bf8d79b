package io.vigie.checks.rule;

import io.vigie.checks.report.Severity;
import java.util.List;
import java.util.Map;

/**
 * A rule's catalogue entry: everything but the logic.
 *
 * @param id         {@code VIG-<AREA>-<NNN>}
 * @param theme      T01…T15
 * @param severity   default severity of a FAIL
 * @param facts      fact keys it reads
 * @param params     thresholds (e.g. {@code maxAdmins}, {@code maxAgeDays}); logic stays in code
 * @param references ANSSI / CIS references
 * @param text       texts by language code ({@code fr}, {@code en})
 */
public record RuleMetadata(
        String id,
        String theme,
        Severity severity,
        List<String> facts,
        Map<String, Object> params,
        References references,
        Map<String, RuleText> text) {
}

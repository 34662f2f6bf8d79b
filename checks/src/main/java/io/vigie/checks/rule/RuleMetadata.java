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
 * @param paramSources where each parameter's value comes from (documentation, vendor default, standard): one
 *                   entry per parameter, checked by the catalogue's content test
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
        Map<String, RuleText> text,
        Map<String, String> paramSources) {

    /** Metadata without parameter sources (e.g. LAN rules, whose parameters are no thresholds). */
    public RuleMetadata(String id, String theme, Severity severity, List<String> facts, Map<String, Object> params,
                        References references, Map<String, RuleText> text) {
        this(id, theme, severity, facts, params, references, text, Map.of());
    }

    public RuleMetadata {
        paramSources = paramSources == null ? Map.of() : Map.copyOf(paramSources);
    }
}

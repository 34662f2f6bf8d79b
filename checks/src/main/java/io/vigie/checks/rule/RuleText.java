package io.vigie.checks.rule;

import io.vigie.checks.report.Verdict;
import java.util.Map;

/**
 * A rule's texts in one language. {@code fail} and {@code pass} are templates filled with the finding's
 * evidence ({@code {name}} placeholders).
 *
 * @param title    short title ("Mises à jour de sécurité en attente")
 * @param why      plain-language explanation of the risk for the business
 * @param fix      what to do, in steps an owner or their IT provider can follow
 * @param fail     what was seen when the check fails
 * @param pass     what was seen when it passes
 * @param variants optional templates by reason code, used instead of {@code fail}/{@code pass} when a rule has
 *                 several kinds of FAIL or PASS (e.g. end of life vs. community extended support); may be empty
 */
public record RuleText(String title, String why, String fix, String fail, String pass, Map<String, String> variants) {

    public RuleText {
        variants = variants == null ? Map.of() : Map.copyOf(variants);
    }

    public RuleText(String title, String why, String fix, String fail, String pass) {
        this(title, why, fix, fail, pass, Map.of());
    }

    /** The template for a finding with this reason: its variant if any, else {@code fail} or {@code pass}. */
    public String template(Verdict verdict, String reason) {
        String v = reason == null ? null : variants.get(reason);
        if (v != null) {
            return v;
        }
        return verdict == Verdict.FAIL ? fail : verdict == Verdict.PASS ? pass : null;
    }
}

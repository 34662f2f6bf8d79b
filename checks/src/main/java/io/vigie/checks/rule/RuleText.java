package io.vigie.checks.rule;

/**
 * A rule's texts in one language. {@code fail} and {@code pass} are templates filled with the finding's
 * evidence ({@code {name}} placeholders).
 *
 * @param title short title ("Mises à jour de sécurité en attente")
 * @param why   plain-language explanation of the risk for the business
 * @param fix   what to do, in steps an owner or their IT provider can follow
 * @param fail  what was seen when the check fails
 * @param pass  what was seen when it passes
 */
public record RuleText(String title, String why, String fix, String fail, String pass) {
}

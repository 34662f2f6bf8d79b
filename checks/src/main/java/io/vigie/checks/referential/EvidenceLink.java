package io.vigie.checks.referential;

import java.util.List;

/**
 * What can answer a question from evidence. {@code active}: the verdicts of {@code rules} (rule ids of the
 * catalogue) on each device, turned into an answer value by {@code thresholds}. {@code planned}: evidence Vigie
 * does not collect yet ({@code facts} are the planned fact keys); the question stays declared or observed.
 */
public record EvidenceLink(String status, List<String> rules, List<Threshold> thresholds, List<String> facts,
                           LocalText note) {

    public static final String ACTIVE = "active";
    public static final String PLANNED = "planned";

    public EvidenceLink {
        rules = rules == null ? List.of() : List.copyOf(rules);
        thresholds = thresholds == null ? List.of() : thresholds.stream()
                .sorted((a, b) -> Double.compare(b.minShare(), a.minShare())).toList();
        facts = facts == null ? List.of() : List.copyOf(facts);
    }

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** The answer value for share {@code r}, or null when no threshold decides. */
    public Double valueFor(double r) {
        for (Threshold t : thresholds) {
            if (r >= t.minShare()) {
                return t.value();
            }
        }
        return null;
    }
}

package io.vigie.checks.referential;

import java.util.List;

/**
 * An urgent issue shown whatever the grade. Raised by a FAIL of any of {@code rules} on a device, or by an
 * expert's answer at most {@code atMost} on one of the {@code observations} questions. {@code questions} are the
 * questions whose measures fix it. {@code plannedFacts}: evidence that will also raise it once collected.
 */
public record UrgenceDef(String id, List<String> questions, List<Trigger> observations, List<String> rules,
                         List<String> plannedFacts, String fr, String en) {

    public UrgenceDef {
        questions = questions == null ? List.of() : List.copyOf(questions);
        observations = observations == null ? List.of() : List.copyOf(observations);
        rules = rules == null ? List.of() : List.copyOf(rules);
        plannedFacts = plannedFacts == null ? List.of() : List.copyOf(plannedFacts);
    }

    public record Trigger(String question, double atMost) {
    }

    public LocalText text() {
        return new LocalText(fr, en);
    }
}

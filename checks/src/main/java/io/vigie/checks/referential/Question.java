package io.vigie.checks.referential;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scored question of the questionnaire.
 *
 * @param id                {@code <theme>.<n>}, e.g. {@code 9.1}
 * @param theme             T01…T15
 * @param audience          D: the owner answers (Autodiag) and the expert re-checks; E: the expert only
 * @param weight            0.5, 1, 2 or 3
 * @param nature            technical (proposal order fact &gt; expert &gt; owner) or organisational (expert &gt; owner)
 * @param answers           the options, each with its value
 * @param evidence          links to evidence (active rule links, planned facts)
 * @param applicableIf      the question applies when any of these holds (empty: always)
 * @param liveExposureRules rules whose FAIL shows the weakness is exposed right now (priority factor X)
 */
public record Question(
        String id,
        String theme,
        Audience audience,
        double weight,
        Nature nature,
        String fr,
        String en,
        List<Answer> answers,
        List<EvidenceLink> evidence,
        List<Condition> applicableIf,
        List<String> liveExposureRules) {

    public enum Audience { D, E }

    public enum Nature {
        @JsonProperty("technical") TECHNICAL,
        @JsonProperty("organisational") ORGANISATIONAL
    }

    public Question {
        answers = answers == null ? List.of() : List.copyOf(answers);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        applicableIf = applicableIf == null ? List.of() : List.copyOf(applicableIf);
        liveExposureRules = liveExposureRules == null ? List.of() : List.copyOf(liveExposureRules);
    }

    public LocalText text() {
        return new LocalText(fr, en);
    }

    public Optional<Answer> answer(String answerId) {
        return answers.stream().filter(a -> a.id().equals(answerId)).findFirst();
    }

    /** The highest value among the options (3 for every question of the shipped referential). */
    public double best() {
        return answers.stream().mapToDouble(Answer::value).max().orElse(3);
    }

    /** The one active evidence link, if any. */
    public Optional<EvidenceLink> activeEvidence() {
        return evidence.stream().filter(EvidenceLink::active).findFirst();
    }

    /**
     * Whether the question applies given the context answers: false only when every condition is answered and
     * false. An unanswered context question keeps the question (better asked than silently dropped).
     */
    public boolean applicable(Map<String, String> context) {
        if (applicableIf.isEmpty()) {
            return true;
        }
        for (Condition c : applicableIf) {
            Boolean r = c.test(context);
            if (r == null || r) {
                return true;
            }
        }
        return false;
    }
}

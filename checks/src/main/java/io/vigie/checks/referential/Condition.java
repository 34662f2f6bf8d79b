package io.vigie.checks.referential;

import java.util.Map;

/**
 * A condition on a context answer: either {@code equals} (a choice id) or {@code atLeast} (a count).
 */
public record Condition(String question, String equals, Integer atLeast) {

    /**
     * True or false when the context answers it; null when the context question is unanswered (or its count
     * unreadable), so that the caller can keep the scored question rather than drop it on a guess.
     */
    public Boolean test(Map<String, String> context) {
        String answer = context == null ? null : context.get(question);
        if (answer == null || answer.isBlank()) {
            return null;
        }
        if (equals != null) {
            return equals.equals(answer.trim());
        }
        try {
            return Integer.parseInt(answer.trim()) >= atLeast;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

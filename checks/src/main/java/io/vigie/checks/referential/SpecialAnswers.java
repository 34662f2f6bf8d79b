package io.vigie.checks.referential;

/**
 * Answers every question accepts besides its own options: « Je ne sais pas » (scores {@code value}, usually 0,
 * and is flagged « à vérifier ») and « Non concerné » (the question leaves the score).
 */
public record SpecialAnswers(Special dontKnow, Special notConcerned) {

    public record Special(String id, Double value, Boolean toVerify, String fr, String en) {
        public boolean flagsToVerify() {
            return Boolean.TRUE.equals(toVerify);
        }

        public LocalText text() {
            return new LocalText(fr, en);
        }
    }
}

package io.vigie.checks.referential;

/** One option of a question, with its value on the 0–3 scale. */
public record Answer(String id, double value, String fr, String en) {
    public LocalText text() {
        return new LocalText(fr, en);
    }
}

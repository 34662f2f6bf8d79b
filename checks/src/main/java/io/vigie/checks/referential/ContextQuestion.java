package io.vigie.checks.referential;

import java.util.List;

/**
 * A question about the business itself (not scored). Its answer decides which scored questions apply.
 *
 * @param type    {@code number} (a count, answered as digits) or {@code choice} (one of {@code options})
 * @param options choices for {@code choice} questions
 */
public record ContextQuestion(String id, String type, List<Option> options, String fr, String en) {

    public static final String NUMBER = "number";
    public static final String CHOICE = "choice";

    public ContextQuestion {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public record Option(String id, String fr, String en) {
    }

    public LocalText text() {
        return new LocalText(fr, en);
    }
}

package io.vigie.console.web.view;

import java.util.List;

/**
 * A question of the owner's questionnaire: form field {@code field}, its text, the options (radio buttons, the
 * current answer {@code selected}); {@code numeric}: a count typed in a number field ({@code selected} its value).
 */
public record OwnerQuestion(String id, String field, String text, List<Choice> choices, String selected, boolean numeric) {

    public boolean checked(Choice c) {
        return c.value().equals(selected);
    }

    public String optionId(Choice c) {
        return field + "-" + c.value();
    }
}

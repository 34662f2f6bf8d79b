package io.vigie.checks.text;

import java.util.Locale;

/** Languages of user-facing text. French is the default. */
public enum Lang {
    FR, EN;

    public static final Lang DEFAULT = FR;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Locale locale() {
        return this == FR ? Locale.FRANCE : Locale.UK;
    }

    /** Parses "fr", "en", "fr-FR", "en_US"…; anything else is refused. */
    public static Lang parse(String s) {
        if (s == null || s.isBlank()) {
            return DEFAULT;
        }
        String c = s.trim().toLowerCase(Locale.ROOT);
        if (c.startsWith("fr")) {
            return FR;
        }
        if (c.startsWith("en")) {
            return EN;
        }
        throw new IllegalArgumentException("unsupported language '" + s + "' (use fr or en)");
    }
}
